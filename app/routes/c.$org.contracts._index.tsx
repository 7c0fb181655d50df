import { CONTRACT_KINDS, formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { NextStep } from "~/components/onboarding/next-step";
import { useTranslation } from "react-i18next";
import { DataTable, FilterForm, type Column } from "~/components/ui/data-table";
import { Button, Card } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { listContracts } from "~/modules/contracts/contracts.server";
import { STATUS_FILTERS } from "~/modules/contracts/filters";
import { contractFilterSchema } from "~/modules/contracts/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "contracts:view" }), ...page({ title: "shell.nav.contracts" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const filter = contractFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { slug: ctx.org.slug, contracts: await listContracts(ctx, filter), canWrite: ctx.can("contracts:write") };
});

const statusStyle = { running: "bg-green-100 text-green-900", upcoming: "bg-sky-100 text-sky-900", ended: "bg-slate-100 text-slate-700" } as const;

/** The cooperative's contracts with client, kind, lot and period; filters by kind and status. */
export default function Contracts() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contracts, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const query = params.toString();
  type Row = (typeof contracts)[number];
  const columns: Column<Row>[] = [
    {
      key: "name",
      header: t("contracts.fields.name"),
      rowHeader: true,
      cell: (c) => (
        <>
          <Link to={c.id} className="font-medium text-teal-800 underline">
            {c.name}
          </Link>
          {c.reference ? <span className="block text-xs font-normal text-slate-500">{c.reference}</span> : null}
        </>
      ),
    },
    { key: "client", header: t("contracts.fields.client"), cell: (c) => c.clientLabel },
    { key: "kind", header: t("contracts.fields.kind"), cell: (c) => t(`contracts.kinds.${c.kind}`) },
    { key: "lot", header: t("contracts.fields.lot"), cell: (c) => c.lot ?? "" },
    { key: "period", header: t("contracts.fields.period"), cell: (c) => `${formatDate(c.startsOn, lng)} – ${formatDate(c.endsOn, lng)}` },
    { key: "status", header: t("contracts.fields.status"), cell: (c) => <span className={`rounded px-2 py-0.5 text-xs ${statusStyle[c.status]}`}>{t(`contracts.status.${c.status}`)}</span> },
  ];
  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <FilterForm className="flex flex-wrap items-end gap-3" label={t("contracts.filters")}>
          <div>
            <label htmlFor="filter-kind" className="block text-sm font-medium text-slate-800">
              {t("contracts.fields.kind")}
            </label>
            <select id="filter-kind" name="kind" defaultValue={params.get("kind") ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
              <option value="">{t("contracts.all")}</option>
              {CONTRACT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`contracts.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-status" className="block text-sm font-medium text-slate-800">
              {t("contracts.fields.status")}
            </label>
            <select id="filter-status" name="status" defaultValue={params.get("status") ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
              <option value="">{t("contracts.all")}</option>
              {STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`contracts.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary">{t("contracts.filter")}</Button>
        </FilterForm>
        <div className="ml-auto flex gap-3 text-sm">
          <a href={`/c/${slug}/contracts.csv${query ? `?${query}` : ""}`} className="text-teal-800 underline" download>
            {t("contracts.csv")}
          </a>
          <Link to={`/c/${slug}/contracts/municipalities`} className="text-teal-800 underline">
            {t("reference.title")}
          </Link>
          {canWrite ? (
            <Link to={`/c/${slug}/contracts/new`} className="rounded-md bg-teal-700 px-3 py-1 font-medium text-white hover:bg-teal-800">
              {t("contracts.new")}
            </Link>
          ) : null}
        </div>
      </div>
      {contracts.length === 0 && !query ? (
        // A new cooperative: what goes here and the first step, not only "none found".
        <NextStep testId="contracts-empty" text={t(canWrite ? "contracts.emptyStart.text" : "contracts.emptyStart.board")} links={canWrite ? [{ to: `/c/${slug}/contracts/new`, label: t("contracts.new") }] : []} />
      ) : contracts.length === 0 ? (
        <p className="text-sm text-slate-600">{t("contracts.none")}</p>
      ) : (
        <DataTable caption={t("contracts.title")} columns={columns} rows={contracts} rowKey={(c) => c.id} rowTestId="contract-row" testId="contracts-table" />
      )}
    </Card>
  );
}
