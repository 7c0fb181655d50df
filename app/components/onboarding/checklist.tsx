import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/form";
import type { OnboardingChecklistData } from "~/modules/organizations/onboarding.server";

/**
 * A new cooperative's first steps, for its board: each ticked from the data, each with
 * the link to do it, and a button to put the list away (a plain form: works without
 * JavaScript, and comes back to the page it was on). Render it where the loader
 * returned `onboardingChecklist(ctx)`; it renders nothing for null.
 */
export function OnboardingChecklist({ checklist }: { checklist: OnboardingChecklistData | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!checklist) return null;
  const total = checklist.steps.length;
  return (
    <section aria-labelledby="onboarding-title" className="rounded-lg border border-teal-300 bg-teal-50 p-4 sm:p-6" data-testid="onboarding-checklist">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="onboarding-title" className="text-lg font-semibold text-slate-900">
          {t("onboarding.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("onboarding.progress", { done: checklist.done, total })}</p>
      </div>
      <p className="mt-1 text-sm text-slate-700">{t("onboarding.intro")}</p>
      <ol className="mt-4 space-y-3">
        {checklist.steps.map((s) => (
          <li key={s.step} className="flex gap-3" data-testid={`onboarding-${s.step}`} data-done={s.done ? "true" : "false"}>
            <span aria-hidden="true" className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full border text-xs ${s.done ? "border-teal-700 bg-teal-700 text-white" : "border-slate-400 bg-white"}`}>
              {s.done ? "✓" : ""}
            </span>
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">
                {s.done ? (
                  <>
                    {t(`onboarding.steps.${s.step}.title`)} <span className="font-normal text-teal-800">({t("onboarding.done")})</span>
                  </>
                ) : (
                  <>
                    {t(`onboarding.steps.${s.step}.title`)} <span className="sr-only">({t("onboarding.todo")})</span>
                  </>
                )}
              </p>
              <p className="text-slate-700">{t(`onboarding.steps.${s.step}.why`)}</p>
              {s.done ? null : (
                <Link to={s.href} className="text-teal-800 underline">
                  {t(`onboarding.steps.${s.step}.action`)}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
      <Form method="post" action={`/c/${checklist.slug}/onboarding`} className="mt-4">
        <input type="hidden" name="back" value={location.pathname} />
        <Button variant="secondary" size="sm">
          {t("onboarding.dismiss")}
        </Button>
      </Form>
    </section>
  );
}
