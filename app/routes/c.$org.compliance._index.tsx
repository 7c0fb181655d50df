import { formatDate, formatMoney, todayInAmsterdam } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RemainingValue } from "~/components/budget/standing";
import { Badge, type Tone } from "~/components/compliance";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getComplianceDashboard, type ContractCard } from "~/modules/compliance/dashboard.server";
import { reasonWords } from "~/modules/compliance/reasons";
import type { RootData } from "~/root";
import { MeterBar } from "~/components/ui/meter-bar";
import { warningParams } from "~/components/trajectories/warnings";

export const handle = { ...access({ loader: "compliance:view" }), ...page({ title: "shell.nav.compliance" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  return { slug: ctx.org.slug, dashboard: await getComplianceDashboard(ctx, todayInAmsterdam()) };
});

/** One word for the whole card: action needed, attention, or in order (never colour alone). */
function cardTone(c: Pick<ContractCard, "eligible" | "practitioners" | "lapses" | "budget" | "trajectories" | "duties">): Tone {
  if (c.duties.some((d) => d.status === "overdue") || (c.budget?.alertLevel ?? 0) >= 100 || (c.practitioners > 0 && c.eligible === 0)) return "problem";
  if (c.lapses.length > 0 || c.duties.length > 0 || (c.budget?.signalLevel ?? 0) >= 75 || c.trajectories.length > 0 || c.eligible < c.practitioners) return "attention";
  return "ok";
}

const BUDGET_TONE: Record<number, Tone> = { 0: "ok", 75: "attention", 90: "attention", 100: "problem" };

/** The board's compliance dashboard: every contract at a glance. */
export default function ComplianceDashboard() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, dashboard } = useLoaderData<typeof loader>();
  const base = `/c/${slug}/compliance`;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">{t("compliance.intro")}</p>
        <p className="text-sm text-slate-600">{t("compliance.asOf", { date: formatDate(dashboard.today, lng) })}</p>
      </div>
      <nav className="flex flex-wrap gap-4 text-sm" aria-label={t("compliance.title")}>
        <Link to={`${base}/eligibility`} className="font-medium text-teal-800 underline">
          {t("compliance.links.eligibility")}
        </Link>
        <a href={`${base}/roster.csv`} className="text-teal-800 underline">
          {t("compliance.links.rosterCsv")}
        </a>
        <a href={`${base}/roster.pdf`} className="text-teal-800 underline">
          {t("compliance.links.rosterPdf")}
        </a>
      </nav>
      {dashboard.cards.length === 0 ? <p className="text-sm text-slate-600">{t("compliance.noContracts")}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {dashboard.cards.map((c) => {
          const tone = cardTone(c);
          const contract = `/c/${slug}/contracts/${c.id}`;
          const b = c.budget;
          return (
            <section key={c.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="contract-card" aria-labelledby={`card-${c.id}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 id={`card-${c.id}`} className="text-lg font-semibold">
                    <Link to={contract} className="text-teal-900 hover:underline">
                      {c.name}
                    </Link>
                  </h2>
                  <p className="text-xs text-slate-500">
                    {c.lot ? `${c.lot} · ` : ""}
                    {formatDate(c.startsOn, lng)} – {formatDate(c.endsOn, lng)}
                  </p>
                </div>
                <Badge tone={tone}>{t(`compliance.status.${tone === "neutral" ? "ok" : tone}`)}</Badge>
              </div>

              <div>
                <h3 className="text-sm font-medium text-slate-700">{t("compliance.cards.eligible")}</h3>
                <p className="text-sm">
                  <Badge tone={c.practitioners > 0 && c.eligible === 0 ? "problem" : c.eligible < c.practitioners ? "attention" : "ok"}>
                    {t("compliance.cards.eligibleCount", { eligible: c.eligible, total: c.practitioners })}
                  </Badge>{" "}
                  <Link to={`${contract}/eligibility`} className="text-teal-800 underline">
                    {t("compliance.links.contractEligibility")}
                  </Link>
                </p>
              </div>

              <div>
                <h3 className="text-sm font-medium text-slate-700">{t("compliance.cards.lapses")}</h3>
                {c.lapses.length === 0 ? (
                  <p className="text-sm text-slate-600">{t("compliance.cards.noLapses")}</p>
                ) : (
                  <ul className="list-disc pl-5 text-sm text-amber-900">
                    {c.lapses.map((l) => (
                      <li key={l.memberId}>
                        {t("compliance.cards.lapseLine", {
                          name: l.memberName,
                          date: formatDate(l.until, lng),
                          reason: l.reasons.length ? l.reasons.map((r) => reasonWords(t, r, dashboard.types, lng)).join("; ") : t("eligibility.lapseReasonUnknown"),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>

              <div>
                <h3 className="text-sm font-medium text-slate-700">
                  {t("compliance.cards.budget", { year: b?.year ?? dashboard.today.slice(0, 4) })}{" "}
                  <Link to={`${contract}/budget`} className="text-xs font-normal text-teal-800 underline">
                    {t("compliance.links.contractBudget")}
                  </Link>
                </h3>
                {!b || b.ceilingCents === null ? (
                  <p className="text-sm text-slate-600" data-testid="no-ceiling">
                    {t("compliance.cards.noCeiling")}
                  </p>
                ) : (
                  <div className="space-y-1 text-sm" data-testid="budget">
                    <p>
                      {/* The signal counts committed money too (decision 025), as the budget page does. */}
                      <Badge tone={BUDGET_TONE[b.signalLevel] ?? "neutral"}>
                        {b.state === "over_committed" ? t("budget.overCommitted", { amount: formatMoney(b.overCommittedCents, lng) }) : t(`compliance.cards.alert.${b.signalLevel}`)}
                      </Badge>{" "}
                      {b.percentSpent !== null ? t("compliance.cards.percent", { percent: b.percentSpent }) : null}
                      {b.percentUsed !== null && b.committedCents > 0 ? `; ${t("compliance.cards.percentUsed", { percent: b.percentUsed })}` : null}
                    </p>
                    {b.percentSpent !== null ? (
                      <MeterBar value={b.percentSpent} max={100} tone={b.signalLevel >= 100 ? "red" : b.signalLevel >= 75 ? "amber" : "teal"} label={t("compliance.cards.percent", { percent: b.percentSpent })} />
                    ) : null}
                    <dl className="grid grid-cols-2 gap-x-3">
                      <dt className="text-slate-600">{t("compliance.cards.ceiling")}</dt>
                      <dd>{formatMoney(b.ceilingCents, lng)}</dd>
                      <dt className="text-slate-600">{t("compliance.cards.spent")}</dt>
                      <dd>{formatMoney(b.spentCents, lng)}</dd>
                      <dt className="text-slate-600">{t("compliance.cards.committed")}</dt>
                      <dd>{formatMoney(b.committedCents, lng)}</dd>
                      <dt className="text-slate-600">{t("compliance.cards.remaining")}</dt>
                      <dd data-testid="budget-remaining">
                        <RemainingValue remainingCents={b.remainingCents} lng={lng} />
                      </dd>
                    </dl>
                    <p>{b.forecastExhaustionOn ? t("compliance.cards.forecast", { date: formatDate(b.forecastExhaustionOn, lng) }) : t("compliance.cards.noForecast")}</p>
                  </div>
                )}
              </div>

              <div>
                <h3 className="text-sm font-medium text-slate-700">
                  {t("compliance.cards.trajectories")} {c.trajectories.length > 0 ? <Badge tone="attention">{t("compliance.cards.trajectoriesCount", { count: c.trajectories.length })}</Badge> : null}
                </h3>
                {c.trajectories.length === 0 ? (
                  <p className="text-sm text-slate-600">{t("compliance.cards.noTrajectories")}</p>
                ) : (
                  <ul className="space-y-1 text-sm">
                    {c.trajectories.map((a) => (
                      <li key={a.trajectoryId}>
                        <span className="font-medium">{t("compliance.cards.trajectoryLine", { client: a.clientCode, product: a.productName, coordinator: a.coordinatorName, date: formatDate(a.endsOn, lng) })}</span>
                        <ul className="list-disc pl-5 text-amber-900">
                          {a.warnings.map((w, i) => (
                            <li key={i}>{t(`trajectories.warnings.${w.code}`, warningParams(w.params, lng))}</li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                )}
              </div>

              <div>
                <h3 className="text-sm font-medium text-slate-700">
                  {t("compliance.cards.duties")}{" "}
                  <Link to={`${contract}/duties`} className="text-xs font-normal text-teal-800 underline">
                    {t("compliance.links.contractDuties")}
                  </Link>
                </h3>
                {c.duties.length === 0 ? (
                  <p className="text-sm text-slate-600">{t("compliance.cards.noDuties")}</p>
                ) : (
                  <ul className="space-y-1 text-sm">
                    {c.duties.map((d) => (
                      <li key={`${d.dutyId}-${d.dueOn}`} className="flex flex-wrap items-center gap-2">
                        <Badge tone={d.status === "overdue" ? "problem" : "attention"}>{t(`duties.status.${d.status}`)}</Badge>
                        {t("duties.dueLine", { title: d.title, date: formatDate(d.dueOn, lng) })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
