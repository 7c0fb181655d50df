import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/form";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { organizationSummary } from "~/modules/organizations/organizations.server";
import type { RootData } from "~/root";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "org:view" }), ...page({ title: "shell.nav.today" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  const summary = await organizationSummary(ctx);
  return { org: ctx.org, summary, canViewPeople: ctx.can("people:view"), canInvite: ctx.can("people:invite") };
});

export default function Dashboard() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { org, summary, canViewPeople, canInvite } = useLoaderData<typeof loader>();
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <Card title={t("dashboard.organization")}>
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="text-slate-500">{t("org.legalForm")}</dt>
            <dd>{t(`legalForms.${org.legalForm}`)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("org.kvk")}</dt>
            <dd>{org.kvkNumber}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("dashboard.since")}</dt>
            <dd>{formatDate(summary.createdAt, lng)}</dd>
          </div>
        </dl>
      </Card>
      {canViewPeople ? (
        <Card title={t("nav.people")}>
          {/* Who counts (decision 025): the same 34 as the directory and the compliance cards; accounts apart. */}
          <p className="text-3xl font-semibold" data-testid="people-count">
            {summary.headcount.activePractitioners}
          </p>
          <p className="text-sm text-slate-600">{t("members.headcount.dashboardLabel", { count: summary.headcount.activePractitioners })}</p>
          <p className="mt-1 text-sm text-slate-600" data-testid="people-accounts">
            {t("members.headcount.accounts", { count: summary.people })}
          </p>
          <p className="mt-2 text-sm text-slate-600">{t("dashboard.openInvitations", { count: summary.openInvitations })}</p>
          <Link to={`/c/${org.slug}/people`} className="mt-3 inline-block text-sm text-teal-800 underline">
            {t("dashboard.toPeople")}
          </Link>
        </Card>
      ) : null}
      {canInvite ? (
        <Card title={t("people.invite")}>
          <p className="text-sm text-slate-600">{t("dashboard.inviteIntro")}</p>
          <Link to={`/c/${org.slug}/people/invite`} className="mt-3 inline-block rounded-md bg-teal-700 px-4 py-2 text-sm text-white">
            {t("people.invite")}
          </Link>
        </Card>
      ) : null}
    </div>
  );
}
