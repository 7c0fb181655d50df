import type { Action } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { access } from "~/lib/access";

export const handle = access({ loader: "org:view" });

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  const tabs = TABS.filter((tab) => tab.actions.some((action) => ctx.can(action))).map(({ path, label }) => ({ path, label }));
  return { org: { slug: ctx.org.slug, name: ctx.org.name }, role: ctx.role, tabs };
});

// The cooperative's sections, each shown to the roles that may open it.
const TABS: { path: string; label: string; actions: Action[] }[] = [
  { path: "me", label: "nav.me", actions: ["profile:self"] },
  { path: "members", label: "nav.members", actions: ["members:view"] },
  { path: "registrations", label: "nav.registrations", actions: ["credentials:verify"] },
  { path: "contracts", label: "nav.contracts", actions: ["contracts:view"] },
  { path: "trajectories", label: "nav.trajectories", actions: ["time:log", "trajectories:manage"] },
  { path: "compliance", label: "nav.compliance", actions: ["compliance:view"] },
  { path: "people", label: "nav.people", actions: ["people:view"] },
  { path: "audit", label: "nav.audit", actions: ["audit:view"] },
  { path: "settings", label: "nav.settings", actions: ["org:settings"] },
];

export default function OrganizationLayout() {
  const { t } = useTranslation();
  const { org, role, tabs } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm ${isActive ? "bg-teal-700 text-white" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">{t(`roles.${role}`)}</p>
          <h1 className="text-2xl font-semibold" data-testid="org-name">
            {org.name}
          </h1>
        </div>
        <nav className="flex flex-wrap gap-2" aria-label={t("nav.organization")}>
          <NavLink to={`/c/${org.slug}`} end className={tab}>
            {t("nav.dashboard")}
          </NavLink>
          {tabs.map(({ path, label }) => (
            <NavLink key={path} to={`/c/${org.slug}/${path}`} className={tab}>
              {t(label)}
            </NavLink>
          ))}
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
