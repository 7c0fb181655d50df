import { formatDate, todayInAmsterdam } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OnboardingChecklist } from "~/components/onboarding/checklist";
import { AttentionList } from "~/components/today/attention-list";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { VANDAAG_LIMIT, getToday } from "~/modules/attention/registry.server";
import { page } from "~/modules/shell/page";
import type { RootData } from "~/root";

// Vandaag: the cooperative's landing page, what needs the signed-in person (decision 022).
// The shell renders the page's h1 from the title (decision 023).
export const handle = { ...access({ loader: "org:view" }), ...page({ title: "shell.nav.today" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  // The most urgent first; `?all=1` shows every item (the link under the list).
  const all = new URL(request.url).searchParams.get("all") === "1";
  const today = await getToday(ctx, todayInAmsterdam(), all ? undefined : VANDAAG_LIMIT);
  // The cooperative's facts come with the guard's lookup: no query of their own.
  return { org: { slug: ctx.org.slug, name: ctx.org.name, legalForm: ctx.org.legalForm, kvkNumber: ctx.org.kvkNumber }, ...today };
});

export default function Today() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { org, today, items, total, failed, onboarding } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <OnboardingChecklist checklist={onboarding} />
      <p className="text-sm text-slate-600">
        {t("today.intro")} {t("today.asOf", { date: formatDate(today, lng) })}
        {total ? ` · ${t("today.count", { count: total })}` : null}
      </p>
      {failed.length ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("today.failed", { areas: failed.join(", ") })}
        </p>
      ) : null}
      {items.length ? (
        <>
          <AttentionList items={items} today={today} base={`/c/${org.slug}`} lng={lng} />
          {total > items.length ? (
            <p className="text-sm text-slate-700" data-testid="attention-more">
              {t("today.more", { count: total - items.length })}{" "}
              <Link to="?all=1" className="font-medium text-teal-800 underline">
                {t("today.showAll", { count: total })}
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white p-6 text-sm shadow-sm" data-testid="attention-empty">
          <p className="font-medium text-slate-900">{t("today.empty")}</p>
          <p className="mt-1 text-slate-600">{t("today.emptyHint")}</p>
        </section>
      )}
      <section aria-labelledby="about-org" className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 id="about-org" className="mb-2 font-semibold text-slate-900">
          {t("today.about.title")}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-600">{t("org.legalForm")}</dt>
          <dd>{t(`legalForms.${org.legalForm}`)}</dd>
          <dt className="text-slate-600">{t("org.kvk")}</dt>
          <dd>{org.kvkNumber}</dd>
        </dl>
      </section>
    </div>
  );
}
