import { DISCIPLINES, MEMBER_STATUSES, MEMBER_TYPES, formatDate, requestedPage, seesWholeRecords } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { NextStep } from "~/components/onboarding/next-step";
import { useTranslation } from "react-i18next";
import { HeadcountLine } from "~/components/headcount";
import { StateBadge } from "~/components/registration-state";
import { Button, Card } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { directoryFacts } from "~/modules/members/headcount.server";
import { listMembersPage } from "~/modules/members/members.server";
import { REGISTRATION_FILTERS } from "~/modules/members/filters";
import { directoryFilterSchema } from "~/modules/members/schemas";
import type { RootData } from "~/root";
import { ScrollArea } from "~/components/shell/scroll-area";

export const handle = { ...access({ loader: "members:view" }), ...page({ title: "shell.nav.members" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const url = new URL(request.url);
  const filter = directoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  // The municipalities and the headcount (who counts, decision 025) come in one statement.
  const [{ members, paging }, { municipalities, headcount }] = await Promise.all([listMembersPage(ctx, filter, requestedPage(url.searchParams.get("page"))), directoryFacts(ctx)]);
  // The CSV link carries the filters, never the page: the export is the whole directory.
  url.searchParams.delete("page");
  return { slug: ctx.org.slug, members, paging, municipalities, headcount, full: seesWholeRecords(ctx.role), canSettings: ctx.can("org:settings"), canWrite: ctx.can("members:write"), search: url.search };
});

const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";

export default function Directory() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, members, paging, municipalities, headcount, full, canSettings, canWrite, search } = useLoaderData<typeof loader>();
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
        <Form method="get" className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-4" role="search">
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
        </Form>
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
        <ScrollArea label={t("shell.nav.members")}>
        <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2">{t("fields.name")}</th>
              <th>{t("profile.disciplines")}</th>
              <th>{t("profile.municipalities")}</th>
              <th>{t("profile.waitingWeeks")}</th>
              {full ? <th>{t("members.status")}</th> : null}
              {full ? <th>{t("members.type")}</th> : null}
              {full ? <th>{t("nav.registrations")}</th> : null}
              {full ? <th>{t("fields.email")}</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td className="py-2 font-medium">
                  <Link to={m.id} className="text-teal-800 underline">
                    {m.name}
                  </Link>
                </td>
                <td>{m.disciplines.map((d) => t(`disciplines.${d}`)).join(", ")}</td>
                <td>{m.municipalities.join(", ")}</td>
                <td>{m.waitingWeeks ?? "—"}</td>
                {full ? (
                  <td>
                    {t(`memberStatus.${m.status}`)}
                    {m.leavesOn && m.status !== "left" ? <span className="block text-xs text-amber-800">{t("members.leavesOn", { date: formatDate(m.leavesOn, lng) })}</span> : null}
                  </td>
                ) : null}
                {full ? <td>{t(`memberTypes.${m.type}`)}</td> : null}
                {full ? <td>{m.registrationState ? <StateBadge state={m.registrationState} /> : m.type === "office_staff" ? <span className="text-slate-600">{t("members.headcount.notRequired")}</span> : null}</td> : null}
                {full ? <td>{m.email}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollArea>
        <Pager paging={paging} testId="members-pager" />
      </Card>
    </div>
  );
}
