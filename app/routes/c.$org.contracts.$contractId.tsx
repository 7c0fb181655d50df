import { formatDate, type Action } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getContractHeader } from "~/modules/contracts/contracts.server";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "contracts:view" }), ...page<typeof loader>({ title: (d) => d.contract.name, parent: { to: "contracts", label: "shell.nav.contracts" } }) };

// The contract's sections, each shown to the roles that may open it.
const SECTIONS: { path: string; label: string; action: Action }[] = [
  { path: "", label: "contracts.sections.overview", action: "contracts:view" },
  { path: "products", label: "contracts.sections.products", action: "contracts:view" },
  { path: "requirements", label: "contracts.sections.requirements", action: "contracts:view" },
  { path: "amendments", label: "contracts.sections.amendments", action: "contracts:view" },
  { path: "budget", label: "contracts.sections.budget", action: "compliance:view" },
  { path: "eligibility", label: "contracts.sections.eligibility", action: "compliance:view" },
  { path: "duties", label: "contracts.sections.duties", action: "compliance:view" },
];

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const contract = await getContractHeader(ctx, params.contractId ?? "");
  const sections = SECTIONS.filter((s) => ctx.can(s.action)).map(({ path, label }) => ({ path, label }));
  return { slug: ctx.org.slug, contract, sections };
});

/** A contract's page: a header and its sections. */
export default function ContractLayout() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contract, sections } = useLoaderData<typeof loader>();
  const base = `/c/${slug}/contracts/${contract.id}`;
  const tab = ({ isActive }: { isActive: boolean }) => `border-b-2 px-3 py-2 text-sm ${isActive ? "border-teal-700 font-medium text-teal-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="space-y-4">
      {/* The shell renders the contract's name as the page's h1 and the way back as a breadcrumb. */}
      <div>
        <p className="text-sm text-slate-600">
          {t(`contracts.kinds.${contract.kind}`)}
          {contract.lot ? ` · ${contract.lot}` : ""} · {formatDate(contract.startsOn, lng)} – {formatDate(contract.endsOn, lng)}
        </p>
      </div>
      <nav className="flex flex-wrap gap-2 border-b border-slate-200" aria-label={t("nav.contractSections")}>
        {sections.map((s) => (
          <NavLink key={s.path} to={s.path ? `${base}/${s.path}` : base} end={!s.path} className={tab}>
            {t(s.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
