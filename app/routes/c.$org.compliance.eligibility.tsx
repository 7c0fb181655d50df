import { requestedPage, sortFrom } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateForm, EligibilityCell, LapseTable, ProblemsToggle } from "~/components/compliance";
import { DataTable, type Column } from "~/components/ui/data-table";
import { Card } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getEligibilityMatrixPage, matrixViewFrom } from "~/modules/compliance/eligibility.server";
import { dateFromRequest } from "~/modules/compliance/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "compliance:view" }), ...page({ title: "eligibility.title", parent: { to: "compliance", label: "shell.nav.compliance" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const url = new URL(request.url);
  const page = requestedPage(url.searchParams.get("page"));
  // Problems only unless asked for everyone (decision 024): most of the matrix is green.
  const view = matrixViewFrom(url.searchParams.get("view"));
  const sort = sortFrom(url.searchParams, ["name"] as const, { key: "name", dir: "asc" });
  return { slug: ctx.org.slug, sort, matrix: await getEligibilityMatrixPage(ctx, dateFromRequest(request), page, { view, dir: sort.dir }) };
});

/** Members x contracts on a date, each "no" with its reasons; who lapses within 90 days. */
export default function EligibilityMatrix() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, sort, matrix } = useLoaderData<typeof loader>();
  // One lookup per cell instead of a scan of every cell (members x contracts x cells).
  const byKey = new Map(matrix.cells.map((c) => [`${c.memberId}|${c.contractId}`, c]));
  const cell = (memberId: string, contractId: string) => byKey.get(`${memberId}|${contractId}`);
  type Row = (typeof matrix.practitioners)[number];
  const columns: Column<Row>[] = [
    { key: "name", header: t("eligibility.member"), rowHeader: true, sortable: true, cell: (p) => p.name },
    ...matrix.contracts.map(
      (c): Column<Row> => ({
        key: c.id,
        label: c.name,
        header: (
          <Link to={`/c/${slug}/contracts/${c.id}/eligibility?date=${matrix.date}`} className="text-teal-800 underline">
            {c.name}
          </Link>
        ),
        cell: (p) => <EligibilityCell cell={cell(p.id, c.id)} types={matrix.types} lng={lng} />,
      }),
    ),
  ];
  // Eligible per contract over everyone on the date, not only the rows shown.
  const totals = Object.fromEntries(matrix.contracts.map((c) => [c.id, t("eligibility.count", { eligible: matrix.eligible[c.id] ?? 0, total: matrix.practitionerCount })]));

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
          <DateForm date={matrix.date} view={matrix.view} />
          <a href={`/c/${slug}/compliance/eligibility.csv?date=${matrix.date}`} className="text-sm text-teal-800 underline">
            {t("eligibility.csv")}
          </a>
        </div>
        {matrix.contracts.length === 0 ? <p className="text-sm text-slate-600">{t("eligibility.noContracts")}</p> : null}
        {matrix.listedCount === 0 ? <p className="text-sm text-slate-600">{t("eligibility.noPractitioners")}</p> : null}
        {matrix.contracts.length > 0 && matrix.listedCount > 0 ? (
          <>
            <ProblemsToggle view={matrix.view} problems={matrix.problemCount} total={matrix.listedCount} date={matrix.date} lng={lng} />
            <div className="overflow-x-auto">
              <DataTable
                caption={t("eligibility.title")}
                columns={columns}
                rows={matrix.practitioners}
                rowKey={(p) => p.id}
                sort={sort}
                rowTestId={(p) => `row-${p.name}`}
                testId="eligibility-matrix"
                totals={totals}
                totalsLabel={t("eligibility.columns.eligible")}
              />
            </div>
            <Pager paging={matrix.paging} testId="eligibility-pager" />
          </>
        ) : null}
      </Card>
      <Card title={t("eligibility.lapsingTitle")}>
        <LapseTable lapses={matrix.lapses} types={matrix.types} lng={lng} />
      </Card>
    </div>
  );
}
