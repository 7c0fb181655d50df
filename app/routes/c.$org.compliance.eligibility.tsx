import { requestedPage } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateForm, EligibilityCell, LapseTable } from "~/components/compliance";
import { Card } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getEligibilityMatrixPage } from "~/modules/compliance/eligibility.server";
import { dateFromRequest } from "~/modules/compliance/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "compliance:view" }), ...page({ title: "eligibility.title", parent: { to: "compliance", label: "shell.nav.compliance" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const page = requestedPage(new URL(request.url).searchParams.get("page"));
  return { slug: ctx.org.slug, matrix: await getEligibilityMatrixPage(ctx, dateFromRequest(request), page) };
});

/** Members x contracts on a date, each "no" with its reasons; who lapses within 90 days. */
export default function EligibilityMatrix() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, matrix } = useLoaderData<typeof loader>();
  // One lookup per cell instead of a scan of every cell (members x contracts x cells).
  const byKey = new Map(matrix.cells.map((c) => [`${c.memberId}|${c.contractId}`, c]));
  const cell = (memberId: string, contractId: string) => byKey.get(`${memberId}|${contractId}`);

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/c/${slug}/compliance`} className="text-teal-800 underline">
          ← {t("compliance.title")}
        </Link>
      </p>
      <Card>
        <p className="mb-3 text-sm text-slate-600">{t("eligibility.intro")}</p>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <DateForm date={matrix.date} />
          <a href={`/c/${slug}/compliance/eligibility.csv?date=${matrix.date}`} className="text-sm text-teal-800 underline">
            {t("eligibility.csv")}
          </a>
        </div>
        {matrix.contracts.length === 0 ? <p className="text-sm text-slate-600">{t("eligibility.noContracts")}</p> : null}
        {matrix.practitioners.length === 0 ? <p className="text-sm text-slate-600">{t("eligibility.noPractitioners")}</p> : null}
        {matrix.contracts.length > 0 && matrix.practitioners.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="eligibility-matrix">
              <thead>
                <tr className="border-b border-slate-200 align-bottom">
                  <th scope="col" className="py-2 pr-3 font-medium text-slate-600">
                    {t("eligibility.member")}
                  </th>
                  {matrix.contracts.map((c) => (
                    <th key={c.id} scope="col" className="py-2 pr-3 font-medium">
                      <Link to={`/c/${slug}/contracts/${c.id}/eligibility?date=${matrix.date}`} className="text-teal-800 underline">
                        {c.name}
                      </Link>
                      <span className="block text-xs font-normal text-slate-500">
                        {t("eligibility.count", { eligible: matrix.eligible[c.id] ?? 0, total: matrix.practitionerCount })}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.practitioners.map((p) => (
                  <tr key={p.id} className="border-b border-slate-100 align-top" data-testid={`row-${p.name}`}>
                    <th scope="row" className="py-2 pr-3 font-medium">
                      {p.name}
                    </th>
                    {matrix.contracts.map((c) => (
                      <td key={c.id} className="py-2 pr-3">
                        <EligibilityCell cell={cell(p.id, c.id)} types={matrix.types} lng={lng} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager paging={matrix.paging} testId="eligibility-pager" />
          </div>
        ) : null}
      </Card>
      <Card title={t("eligibility.lapsingTitle")}>
        <LapseTable lapses={matrix.lapses} types={matrix.types} lng={lng} />
      </Card>
    </div>
  );
}
