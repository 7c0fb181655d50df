import { formatDate, formatMinutes, isTimeUnit, requestedPage, sortFrom, totals, type ProductUnit } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { NextStep } from "~/components/onboarding/next-step";
import { useTranslation } from "react-i18next";
import { Warnings } from "~/components/trajectories/warnings";
import { DataTable, FilterForm, type Column } from "~/components/ui/data-table";
import { Card } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { TRAJECTORY_DEFAULT_SORT, TRAJECTORY_SORT_KEYS, listTrajectories } from "~/modules/trajectories/trajectories.server";
import { trajectoryFilterSchema } from "~/modules/trajectories/schemas";
import type { RootData } from "~/root";

// Board and office staff (trajectories:manage) see every trajectory, a practitioner (time:log)
// the ones they work on; contracts:view is what all of them share.
export const handle = { ...access({ loader: "contracts:view" }), ...page({ title: "shell.nav.trajectories" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const url = new URL(request.url);
  const filters = trajectoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  // Sorted in SQL before it pages; open trajectories stay on top whatever the column.
  const sort = sortFrom(url.searchParams, TRAJECTORY_SORT_KEYS, TRAJECTORY_DEFAULT_SORT);
  const data = await listTrajectories(ctx, filters, undefined, { page: requestedPage(url.searchParams.get("page")), sort });
  // The CSV link carries the filters, never the page or the order: the export is the whole list.
  for (const name of ["page", "sort", "dir"]) url.searchParams.delete(name);
  return { slug: ctx.org.slug, ...data, filters, sort, canManage: ctx.can("trajectories:manage"), canWriteContracts: ctx.can("contracts:write"), query: url.search };
});

/** Trajectories: all for the board and office staff, their own for a practitioner; warnings beside each. */
export default function Trajectories() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, trajectories, contracts, filters, sort, canManage, canWriteContracts, query, paging } = useLoaderData<typeof loader>();
  type Row = (typeof trajectories)[number];
  const columns: Column<Row>[] = [
    {
      key: "clientCode",
      header: t("trajectories.clientCode"),
      rowHeader: true,
      sortable: true,
      cell: (tr) => (
        <>
          <Link to={tr.id} className="font-medium text-teal-800 underline">
            {tr.clientCode}
          </Link>
          {tr.allocationNumber ? <span className="block text-xs font-normal text-slate-500">{tr.allocationNumber}</span> : null}
        </>
      ),
    },
    { key: "contract", header: t("trajectories.contract"), sortable: true, cell: (tr) => tr.contractName },
    { key: "product", header: t("trajectories.product"), cell: (tr) => `${tr.productCode} ${tr.productName}` },
    { key: "coordinator", header: t("trajectories.coordinator"), sortable: true, cell: (tr) => tr.coordinatorName },
    // Sorted on the end date: what ends soonest needs a review or an extension first.
    { key: "endsOn", header: t("trajectories.period"), sortable: true, cell: (tr) => `${formatDate(tr.startsOn, lng)} – ${formatDate(tr.endsOn, lng)}` },
    { key: "used", header: t("trajectories.used"), numeric: true, cell: (tr) => `${formatMinutes(tr.usedDirect)} / ${formatMinutes(tr.allocated)}` },
    { key: "status", header: t("trajectories.status"), sortable: true, cell: (tr) => t(`trajectories.statuses.${tr.status}`) },
    { key: "warnings", header: t("trajectories.warningsTitle"), cell: (tr) => <Warnings warnings={tr.warnings} lng={lng} /> },
  ];
  // Hours add up only where the unit is time; a page of sessions or reports has no total.
  const timed = trajectories.filter((tr) => isTimeUnit(tr.unit as ProductUnit));
  const sum = totals(timed, { used: (tr) => tr.usedDirect, allocated: (tr) => tr.allocated });
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-end gap-3 text-sm">
        <FilterForm className="flex flex-wrap items-end gap-2" sort={sort} label={t("table.filters")}>
          <div className="grid gap-1">
            <label htmlFor="filter-contractId">{t("trajectories.contract")}</label>
            <select id="filter-contractId" name="contractId" defaultValue={filters.contractId ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">{t("trajectories.allContracts")}</option>
              {contracts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1">
            <label htmlFor="filter-status">{t("trajectories.status")}</label>
            <select id="filter-status" name="status" defaultValue={filters.status ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">{t("trajectories.allStatuses")}</option>
              {(["active", "completed", "stopped"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`trajectories.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="flex items-center gap-1">
            <input type="checkbox" name="warnings" value="1" defaultChecked={filters.warnings === "1"} />
            {t("trajectories.onlyWarnings")}
          </label>
          <button className="rounded border border-slate-300 px-3 py-1">{t("trajectories.filter")}</button>
        </FilterForm>
        <a href={`/c/${slug}/trajectories.csv${query}`} className="text-teal-800 underline">
          {t("trajectories.csv")}
        </a>
        {canManage ? (
          <>
            <Link to="new" className="text-teal-800 underline">
              {t("trajectories.new")}
            </Link>
            <Link to="import" className="text-teal-800 underline">
              {t("timeImport.title")}
            </Link>
          </>
        ) : null}
      </div>
      {trajectories.length === 0 && !query ? (
        // Nothing yet and nothing filtered: say what comes first (a contract, then a trajectory).
        canManage ? (
          contracts.length === 0 ? (
            <NextStep testId="trajectories-empty" text={t("trajectories.emptyStart.noContract")} links={canWriteContracts ? [{ to: `/c/${slug}/contracts/new`, label: t("trajectories.emptyStart.contract") }] : []} />
          ) : (
            <NextStep testId="trajectories-empty" text={t("trajectories.emptyStart.text")} links={[{ to: `/c/${slug}/trajectories/new`, label: t("trajectories.new") }]} />
          )
        ) : (
          <NextStep testId="trajectories-empty" text={t("trajectories.emptyStart.own")} links={[]} />
        )
      ) : trajectories.length === 0 ? (
        <p className="text-sm text-slate-600">{t("trajectories.none")}</p>
      ) : null}
      <DataTable
        caption={t("trajectories.title")}
        columns={columns}
        rows={trajectories}
        rowKey={(tr) => tr.id}
        sort={sort}
        rowTestId="trajectory-row"
        testId="trajectories-table"
        totals={timed.length > 0 ? { used: `${formatMinutes(sum.used)} / ${formatMinutes(sum.allocated)}` } : undefined}
        totalsLabel={paging.pages > 1 ? t("table.totalOfPage") : t("table.total")}
      />
      <Pager paging={paging} testId="trajectories-pager" />
    </Card>
  );
}

