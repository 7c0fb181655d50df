import { formatDate, formatMinutes, requestedPage } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { NextStep } from "~/components/onboarding/next-step";
import { useTranslation } from "react-i18next";
import { Warnings } from "~/components/trajectories/warnings";
import { Card } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { listTrajectories } from "~/modules/trajectories/trajectories.server";
import { trajectoryFilterSchema } from "~/modules/trajectories/schemas";
import type { RootData } from "~/root";
import { ScrollArea } from "~/components/shell/scroll-area";

// Board and office staff (trajectories:manage) see every trajectory, a practitioner (time:log)
// the ones they work on; contracts:view is what all of them share.
export const handle = { ...access({ loader: "contracts:view" }), ...page({ title: "shell.nav.trajectories" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const url = new URL(request.url);
  const filters = trajectoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  const data = await listTrajectories(ctx, filters, undefined, { page: requestedPage(url.searchParams.get("page")) });
  // The CSV link carries the filters, never the page: the export is the whole list.
  url.searchParams.delete("page");
  return { slug: ctx.org.slug, ...data, filters, canManage: ctx.can("trajectories:manage"), canWriteContracts: ctx.can("contracts:write"), query: url.search };
});

/** Trajectories: all for the board and office staff, their own for a practitioner; warnings beside each. */
export default function Trajectories() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, trajectories, contracts, filters, canManage, canWriteContracts, query, paging } = useLoaderData<typeof loader>();
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-end gap-3 text-sm">
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="grid gap-1">
            <span>{t("trajectories.contract")}</span>
            <select name="contractId" defaultValue={filters.contractId ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">{t("trajectories.allContracts")}</option>
              {contracts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1">
            <span>{t("trajectories.status")}</span>
            <select name="status" defaultValue={filters.status ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">{t("trajectories.allStatuses")}</option>
              {(["active", "completed", "stopped"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`trajectories.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" name="warnings" value="1" defaultChecked={filters.warnings === "1"} />
            {t("trajectories.onlyWarnings")}
          </label>
          <button className="rounded border border-slate-300 px-3 py-1">{t("trajectories.filter")}</button>
        </Form>
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
      <ScrollArea label={t("shell.nav.trajectories")}>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th className="py-1">{t("trajectories.clientCode")}</th>
            <th>{t("trajectories.contract")}</th>
            <th>{t("trajectories.product")}</th>
            <th>{t("trajectories.coordinator")}</th>
            <th>{t("trajectories.period")}</th>
            <th>{t("trajectories.used")}</th>
            <th>{t("trajectories.status")}</th>
            <th>{t("trajectories.warningsTitle")}</th>
          </tr>
        </thead>
        <tbody>
          {trajectories.map((tr) => (
            <tr key={tr.id} className="border-b border-slate-100 align-top">
              <td className="py-1">
                <Link to={tr.id} className="font-medium text-teal-800 underline">
                  {tr.clientCode}
                </Link>
                {tr.allocationNumber ? <span className="block text-xs text-slate-500">{tr.allocationNumber}</span> : null}
              </td>
              <td>{tr.contractName}</td>
              <td>
                {tr.productCode} {tr.productName}
              </td>
              <td>{tr.coordinatorName}</td>
              <td>
                {formatDate(tr.startsOn, lng)} – {formatDate(tr.endsOn, lng)}
              </td>
              <td>
                {formatMinutes(tr.usedDirect)} / {formatMinutes(tr.allocated)}
              </td>
              <td>{t(`trajectories.statuses.${tr.status}`)}</td>
              <td>
                <Warnings warnings={tr.warnings} lng={lng} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollArea>
      <Pager paging={paging} testId="trajectories-pager" />
    </Card>
  );
}

