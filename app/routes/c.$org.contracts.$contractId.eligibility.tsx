import { formatDate, isActivePractitioner } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateForm, EligibilityCell, LapseTable } from "~/components/compliance";
import { Card } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getContractEligibility } from "~/modules/compliance/eligibility.server";
import { dateFromRequest } from "~/modules/compliance/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "compliance:view" }), ...page({ title: "contracts.sections.eligibility", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const contractId = params.contractId ?? "";
  const matrix = await getContractEligibility(ctx, contractId, dateFromRequest(request));
  // Counted over active practitioners on the date (who counts, decision 025); the table lists everyone.
  const active = new Set(matrix.practitioners.filter((p) => isActivePractitioner(p, matrix.date)).map((p) => p.id));
  const counts = { eligible: matrix.cells.filter((c) => c.eligible && active.has(c.memberId)).length, total: active.size };
  return { slug: ctx.org.slug, contractId, matrix, counts };
});

/** This contract's column of the matrix: who may work on a date, why not, and coming lapses. */
export default function ContractEligibility() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contractId, matrix, counts } = useLoaderData<typeof loader>();
  const cells = matrix.cells;
  const cellOf = new Map(cells.map((c) => [c.memberId, c]));
  const roster = `/c/${slug}/compliance/roster`;
  return (
    <div className="space-y-4">
      <Card title={t("eligibility.title")}>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <DateForm date={matrix.date} />
          <p className="flex gap-3 text-sm">
            <a href={`${roster}.csv?contractId=${contractId}&date=${matrix.date}`} className="text-teal-800 underline">
              {t("compliance.links.rosterCsv")}
            </a>
            <a href={`${roster}.pdf?contractId=${contractId}&date=${matrix.date}`} className="text-teal-800 underline">
              {t("compliance.links.rosterPdf")}
            </a>
          </p>
        </div>
        <p className="mb-3 text-sm font-medium" data-testid="eligibility-summary">
          {t("eligibility.summary", { eligible: counts.eligible, total: counts.total, date: formatDate(matrix.date, lng) })}
        </p>
        {matrix.practitioners.length === 0 ? (
          <p className="text-sm text-slate-600">{t("eligibility.noPractitioners")}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="eligibility-column">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t("eligibility.member")}
                </th>
                <th scope="col" className="py-1 font-medium">
                  {t("eligibility.columns.eligible")}
                </th>
              </tr>
            </thead>
            <tbody>
              {matrix.practitioners.map((p) => (
                <tr key={p.id} className="border-b border-slate-100 align-top" data-testid={`row-${p.name}`}>
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {p.name}
                  </th>
                  <td className="py-2">
                    <EligibilityCell cell={cellOf.get(p.id)} types={matrix.types} lng={lng} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("eligibility.lapsingTitle")}>
        <LapseTable lapses={matrix.lapses} types={matrix.types} lng={lng} showContract={false} />
      </Card>
    </div>
  );
}
