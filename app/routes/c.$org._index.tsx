import { formatDate, todayInAmsterdam } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OnboardingChecklist } from "~/components/onboarding/checklist";
import { AttentionList } from "~/components/today/attention-list";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getToday } from "~/modules/attention/registry.server";
import { page } from "~/modules/shell/page";
import type { RootData } from "~/root";

// Vandaag: the cooperative's landing page, what needs the signed-in person (decision 022).
// The shell renders the page's h1 from the title (decision 023).
export const handle = { ...access({ loader: "org:view" }), ...page({ title: "shell.nav.today" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  const today = await getToday(ctx, todayInAmsterdam());
  // The cooperative's facts come with the guard's lookup: no query of their own.
  return { org: { slug: ctx.org.slug, name: ctx.org.name, legalForm: ctx.org.legalForm, kvkNumber: ctx.org.kvkNumber }, ...today };
});

export default function Today() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { org, today, items, failed, onboarding } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <OnboardingChecklist checklist={onboarding} />
      <p className="text-sm text-slate-600">
        {t("today.intro")} {t("today.asOf", { date: formatDate(today, lng) })}
        {items.length ? ` · ${t("today.count", { count: items.length })}` : null}
      </p>
      {failed.length ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("today.failed", { areas: failed.join(", ") })}
        </p>
      ) : null}
      {items.length ? (
        <AttentionList items={items} today={today} base={`/c/${org.slug}`} lng={lng} />
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
