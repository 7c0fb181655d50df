import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  return { org: { slug: ctx.org.slug, name: ctx.org.name }, role: ctx.role, canViewPeople: ctx.can("people:view"), canSettings: ctx.can("org:settings") };
});

export default function OrganizationLayout() {
  const { t } = useTranslation();
  const { org, role, canViewPeople, canSettings } = useLoaderData<typeof loader>();
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
        <nav className="flex gap-2" aria-label={t("nav.organization")}>
          <NavLink to={`/c/${org.slug}`} end className={tab}>
            {t("nav.dashboard")}
          </NavLink>
          {canViewPeople ? (
            <NavLink to={`/c/${org.slug}/people`} className={tab}>
              {t("nav.people")}
            </NavLink>
          ) : null}
          {canSettings ? (
            <NavLink to={`/c/${org.slug}/settings`} className={tab}>
              {t("nav.settings")}
            </NavLink>
          ) : null}
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
