import { DISCIPLINES, MEMBER_STATUSES, MEMBER_TYPES, formatDate, requestedPage, seesWholeRecords, sortFrom } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { NextStep } from "~/components/onboarding/next-step";
import { useTranslation } from "react-i18next";
import { HeadcountLine } from "~/components/headcount";
import { StateBadge } from "~/components/registration-state";
import { DataTable, FilterForm, type Column } from "~/components/ui/data-table";
import { Button, Card } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { directoryFacts } from "~/modules/members/headcount.server";
import { MEMBER_DEFAULT_SORT, listMembersPage, memberSortKeys } from "~/modules/members/members.server";
import { REGISTRATION_FILTERS } from "~/modules/members/filters";
import { directoryFilterSchema } from "~/modules/members/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "members:view" }), ...page({ title: "shell.nav.members" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const url = new URL(request.url);
  const filter = directoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  // Sorted in SQL before it pages, on the columns this person may see.
  const sort = sortFrom(url.searchParams, memberSortKeys(ctx), MEMBER_DEFAULT_SORT);
  // The municipalities and the headcount (who counts, decision 025) come in one statement.
  const [{ members, paging }, { municipalities, headcount }] = await Promise.all([listMembersPage(ctx, filter, requestedPage(url.searchParams.get("page")), sort), directoryFacts(ctx)]);
  // The CSV link carries the filters, never the page or the order: the export is the whole directory.
  url.searchParams.delete("page");
  url.searchParams.delete("sort");
  url.searchParams.delete("dir");
  return { slug: ctx.org.slug, members, paging, sort, municipalities, headcount, full: seesWholeRecords(ctx.role), canSettings: ctx.can("org:settings"), canWrite: ctx.can("members:write"), search: url.search };
});

const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";

export default function Directory() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, members, paging, sort, municipalities, headcount, full, canSettings, canWrite, search } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filterSelect = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={params.get(name) ?? ""} className={select}>
        <option value="">{t("members.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  type Row = (typeof members)[number];
  // A column a peer may not see is absent, not empty (decision 017): the field is not in the row either.
  const columns: Column<Row>[] = [
    {
      key: "name",
      header: t("fields.name"),
      rowHeader: true,
      sortable: true,
      cell: (m) => (
        <Link to={m.id} className="text-teal-800 underline">
          {m.name}
        </Link>
      ),
    },
    { key: "disciplines", header: t("profile.disciplines"), cell: (m) => m.disciplines.map((d) => t(`disciplines.${d}`)).join(", ") },
    { key: "municipalities", header: t("profile.municipalities"), cell: (m) => m.municipalities.join(", ") },
    { key: "waitingWeeks", header: t("profile.waitingWeeks"), sortable: true, numeric: true, cell: (m) => m.waitingWeeks ?? "—" },
    ...(full
      ? ([
          {
            key: "status",
            header: t("members.status"),
            sortable: true,
            cell: (m) => (
              <>
                {m.status ? t(`memberStatus.${m.status}`) : null}
                {m.leavesOn && m.status !== "left" ? <span className="block text-xs text-amber-800">{t("members.leavesOn", { date: formatDate(m.leavesOn, lng) })}</span> : null}
              </>
            ),
          },
          { key: "type", header: t("members.type"), sortable: true, cell: (m) => t(`memberTypes.${m.type}`) },
          { key: "registration", header: t("nav.registrations"), cell: (m) => (m.registrationState ? <StateBadge state={m.registrationState} /> : m.type === "office_staff" ? <span className="text-slate-600">{t("members.headcount.notRequired")}</span> : null) },
          { key: "email", header: t("fields.email"), cell: (m) => <span className="break-all">{m.email}</span> },
        ] satisfies Column<Row>[])
      : []),
  ];
  return (
    <div className="space-y-6">
      <Card
        title={
          <span className="flex flex-wrap items-center justify-between gap-2">
            {t("members.title")}
            <span className="flex flex-wrap gap-3 text-sm font-normal">
              <a href={`/c/${slug}/members.csv${search}`} className="text-teal-800 underline" download>
                {t("actions.exportCsv")}
              </a>
              <Link to={`/c/${slug}/practices`} className="text-teal-800 underline">
                {t("practices.title")}
              </Link>
              {full ? (
                <>
                  <Link to="new" className="text-teal-800 underline">
                    {t("members.new")}
                  </Link>
                  <Link to="import" className="text-teal-800 underline">
                    {t("members.import")}
                  </Link>
                </>
              ) : null}
              {canSettings ? (
                <Link to="settings" className="text-teal-800 underline">
                  {t("nav.settings")}
                </Link>
              ) : null}
            </span>
          </span>
        }
      >
        <FilterForm className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-4" sort={sort} label={t("table.filters")}>
          <div className="sm:col-span-2">
            <label htmlFor="filter-q" className="block text-sm font-medium text-slate-800">
              {t(full ? "members.search" : "members.searchByName")}
            </label>
            <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          {filterSelect("discipline", t("profile.disciplines"), DISCIPLINES.map((d) => ({ value: d, label: t(`disciplines.${d}`) })))}
          {filterSelect("municipality", t("members.municipality"), municipalities.map((m) => ({ value: m, label: m })))}
          {full ? filterSelect("status", t("members.status"), MEMBER_STATUSES.map((s) => ({ value: s, label: t(`memberStatus.${s}`) }))) : null}
          {full ? filterSelect("type", t("members.type"), MEMBER_TYPES.map((s) => ({ value: s, label: t(`memberTypes.${s}`) }))) : null}
          {full ? filterSelect("registration", t("nav.registrations"), REGISTRATION_FILTERS.map((s) => ({ value: s, label: t(`registrations.state.${s}`) }))) : null}
          <div className="flex items-end">
            <Button variant="secondary">{t("members.filter")}</Button>
          </div>
        </FilterForm>
        <p className="mb-1 text-sm text-slate-700" data-testid="members-headcount">
          <HeadcountLine headcount={headcount} />
        </p>
        <p className="mb-2 text-sm text-slate-600" role="status">
          {t("members.count", { count: paging.total })}
        </p>
        {/* A new cooperative holds only its founder's record: say how the others get in. */}
        {canWrite && paging.total <= 1 && !search ? (
          <div className="mb-3">
            <NextStep
              testId="members-empty"
              text={t("members.emptyStart.text")}
              links={[
                { to: `/c/${slug}/members/import`, label: t("members.emptyStart.import") },
                { to: `/c/${slug}/members/new`, label: t("members.emptyStart.add") },
              ]}
            />
          </div>
        ) : null}
        <DataTable caption={t("members.title")} columns={columns} rows={members} rowKey={(m) => m.id} sort={sort} rowTestId="member-row" testId="members-table" />
        <Pager paging={paging} testId="members-pager" />
      </Card>
    </div>
  );
}
