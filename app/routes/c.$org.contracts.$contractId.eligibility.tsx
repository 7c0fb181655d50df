import { formatDate, isActivePractitioner, sortFrom, sortRows } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateForm, EligibilityCell, LapseTable, ProblemsToggle } from "~/components/compliance";
import { DataTable, type Column } from "~/components/ui/data-table";
import { Card } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getContractEligibility, matrixViewFrom } from "~/modules/compliance/eligibility.server";
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
  const url = new URL(request.url);
  // Problems only unless asked for everyone, as on the whole matrix (decision 024).
  const view = matrixViewFrom(url.searchParams.get("view"));
  const sort = sortFrom(url.searchParams, ["name"] as const, { key: "name", dir: "asc" });
  return { slug: ctx.org.slug, contractId, view, sort, matrix, counts };
});

/** This contract's column of the matrix: who may work on a date, why not, and coming lapses. */
export default function ContractEligibility() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contractId, view, sort, matrix, counts } = useLoaderData<typeof loader>();
  const cells = matrix.cells;
  const cellOf = new Map(cells.map((c) => [c.memberId, c]));
  // One contract's column is small and already loaded whole: filtered and sorted here.
  const problem = (id: string) => {
    const c = cellOf.get(id);
    return c !== undefined && (!c.eligible || c.lapsesSoon);
  };
  const problems = matrix.practitioners.filter((p) => problem(p.id)).length;
  const rows = sortRows(view === "problems" ? matrix.practitioners.filter((p) => problem(p.id)) : matrix.practitioners, (p) => p.name, sort.dir, (p) => p.id);
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { key: "name", header: t("eligibility.member"), rowHeader: true, sortable: true, cell: (p) => p.name },
    { key: "eligible", header: t("eligibility.columns.eligible"), cell: (p) => <EligibilityCell cell={cellOf.get(p.id)} types={matrix.types} lng={lng} /> },
  ];
  const roster = `/c/${slug}/compliance/roster`;
  return (
    <div className="space-y-4">
      <Card title={t("eligibility.title")}>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <DateForm date={matrix.date} view={view} />
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
          <>
            <ProblemsToggle view={view} problems={problems} total={matrix.practitioners.length} date={matrix.date} lng={lng} />
            <DataTable caption={t("eligibility.title")} columns={columns} rows={rows} rowKey={(p) => p.id} sort={sort} rowTestId={(p) => `row-${p.name}`} testId="eligibility-column" />
          </>
        )}
      </Card>
      <Card title={t("eligibility.lapsingTitle")}>
        <LapseTable lapses={matrix.lapses} types={matrix.types} lng={lng} showContract={false} />
      </Card>
    </div>
  );
}
