import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { formatDate, formatMoney } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RemainingValue, StandingNote, Toned, toneOfAllocation } from "~/components/budget/standing";
import { BurnChart } from "~/components/charts/burn-chart";
import { Button, Card, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { getContractBudget, setAllocation, setCeiling } from "~/modules/budget/budget.server";
import { allocationSchema, budgetViewSchema, ceilingSchema } from "~/modules/budget/schemas";
import type { RootData } from "~/root";
import { ScrollArea } from "~/components/shell/scroll-area";

export const handle = { ...access({ loader: "compliance:view", action: "contracts:write" }), ...page({ title: "contracts.sections.budget", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const view = budgetViewSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const budget = await getContractBudget(ctx, params.contractId ?? "", { year: view.year, memberId: view.member });
  return { slug: ctx.org.slug, canWrite: ctx.can("contracts:write"), ...budget };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const contractId = params.contractId ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "ceiling") {
    const result = await submitForm(formData, ceilingSchema, (v) => setCeiling(ctx, contractId, v));
    if (!result.ok) return result.response;
    return { intent, done: true as const, result: undefined };
  }
  if (intent === "allocation") {
    const result = await submitForm(formData, allocationSchema, (v) => setAllocation(ctx, contractId, v));
    if (!result.ok) return result.response;
    return { intent, done: true as const, result: undefined };
  }
  throw new AppError("invalid");
});

type ActionData = { intent?: string; done?: true; result?: Parameters<typeof useSchemaForm>[1]["lastResult"] };

/** A contract's budget: the figures, the burn chart, ceilings and member allocations. */
export default function ContractBudget() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { summary, burn, memberBurn, year, standing, signal, forecast } = data;
  const lastIntent = actionData?.result ? ((actionData.result as { initialValue?: Record<string, unknown> }).initialValue?.intent as string | undefined) : undefined;
  const [ceilingForm, ceilingFields] = useSchemaForm(ceilingSchema, {
    id: "ceiling",
    lastResult: lastIntent === "ceiling" ? actionData?.result : null,
    defaultValue: { year: String(year) },
  });
  const [allocationForm, allocationFields] = useSchemaForm(allocationSchema, {
    id: "allocation",
    lastResult: lastIntent === "allocation" ? actionData?.result : null,
    defaultValue: { year: String(year) },
  });
  const money = (cents: number | null) => (cents === null ? "–" : formatMoney(cents, lng));
  const forecastText = (f: { status: string; on: string | null }) => t(`budget.forecastStatus.${f.status}`, { date: f.on ? formatDate(f.on, lng) : "" });
  const describe = (spent: number, ceiling: number | null, percent: number | null, forecast: string, committed = 0) =>
    ceiling === null
      ? t("budget.chart.descNoCeiling", { spent: money(spent), forecast })
      : committed > 0
        ? t("budget.chart.descCommitted", { spent: money(spent), committed: money(committed), ceiling: money(ceiling), percent: `${percent ?? 0} %`, forecast })
        : t("budget.chart.desc", { spent: money(spent), ceiling: money(ceiling), percent: `${percent ?? 0} %`, forecast });
  // The forecast counts committed hours (decision 025): "fully committed" outranks the pace's date, which stays beside it.
  const forecastMain = forecast ? (forecast.status === "committed" ? t("budget.forecastCommitted") : forecastText(forecast.atRate)) : forecastText(burn.forecast);
  const forecastSub = forecast
    ? [forecast.status === "committed" ? t("budget.forecastAtRate", { forecast: forecastText(forecast.atRate) }) : null, t("budget.forecastExpected", { year, amount: money(forecast.expectedYearEndCents) })].filter(Boolean).join(". ")
    : t("budget.forecastPastYear");
  const membersOver = data.perMember.filter((m) => m.allocationState === "over").length;
  const base = `/c/${data.slug}/contracts/${data.contract.id}`;

  return (
    <div className="space-y-4">
      <Form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="block">
          <span className="block font-medium">{t("budget.year")}</span>
          <select name="year" defaultValue={String(year)} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1">
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {memberBurn ? <input type="hidden" name="member" value={memberBurn.memberId} /> : null}
        <Button variant="secondary" size="sm">
          {t("budget.show")}
        </Button>
        <Link to={`${base}/production?year=${year}`} className="ml-auto text-teal-800 underline">
          {t("budget.production")}
        </Link>
      </Form>

      {actionData?.done ? <Notice tone="success">{t("budget.saved")}</Notice> : null}

      <Card title={t("budget.figures", { year })}>
        <StandingNote standing={standing} lng={lng} testId="budget-standing" />
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="budget-figures">
          <Figure label={t("budget.ceiling")} value={summary.ceilingCents === null ? t("budget.noCeiling") : money(summary.ceilingCents)} testId="budget-ceiling" />
          <Figure label={t("budget.spent")} value={money(summary.spentCents)} testId="budget-spent" />
          <Figure label={t("budget.committed")} value={money(summary.committedCents)} testId="budget-committed" hint={t("budget.committedHint")} />
          <Figure
            label={standing.remainingCents !== null && standing.remainingCents < 0 ? t("budget.overCommittedLabel") : t("budget.remaining")}
            value={<RemainingValue remainingCents={standing.remainingCents} lng={lng} />}
            testId="budget-remaining"
            hint={t("budget.remainingHint")}
            tone={standing.remainingCents !== null && standing.remainingCents < 0 ? "danger" : undefined}
          />
          <Figure label={t("budget.percent")} value={summary.percentSpent === null ? "–" : `${summary.percentSpent} %`} testId="budget-percent" hint={t("budget.percentHint")} />
          <Figure
            label={t("budget.forecast")}
            value={forecast?.status === "committed" ? <Toned tone="danger">{forecastMain}</Toned> : forecastMain}
            sub={forecastSub}
            testId="budget-forecast"
            hint={t("budget.forecastHint")}
            tone={forecast?.status === "committed" || forecast?.status === "exhausted" ? "danger" : undefined}
          />
          <Figure
            label={t("budget.alert")}
            value={signal.tone === "none" ? "–" : <Toned tone={signal.tone}>{t(`budget.signalLevel.${signal.level}`)}</Toned>}
            sub={standing.percentUsed === null ? undefined : t("budget.signalDetail", { used: standing.percentUsed, spent: standing.percentSpent })}
            testId="budget-alert"
            hint={t("budget.signalHint")}
            tone={signal.tone === "danger" || signal.tone === "warning" ? signal.tone : undefined}
          />
          <Figure label={t("budget.allocated")} value={money(data.allocatedCents)} testId="budget-allocated" />
        </dl>
        <div className="mt-4">
          <BurnChart
            year={year}
            series={burn.series}
            forecastLine={burn.forecastLine}
            ceilingCents={burn.ceilingCents}
            committedCents={summary.committedCents}
            today={data.today}
            lng={lng}
            ceilingLabel={t("budget.ceiling")}
            title={t("budget.chart.title", { name: data.contract.name, year })}
            description={describe(burn.spentCents, burn.ceilingCents, burn.percentSpent, forecastMain, summary.committedCents)}
          />
        </div>
      </Card>

      <Card title={t("budget.members")}>
        {data.perMember.length === 0 ? <p className="text-sm text-slate-600">{t("budget.noMembers")}</p> : null}
        {membersOver > 0 ? (
          <p className="mb-2 text-sm" data-testid="budget-members-over">
            <Toned tone="danger">{t("budget.membersOver", { count: membersOver })}</Toned>
          </p>
        ) : null}
        {data.perMember.length ? (
          <ScrollArea label={t("budget.members")}>
            <table className="w-full text-left text-sm" data-testid="budget-members">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-1 pr-4">
                    {t("budget.member")}
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    {t("budget.allocation")}
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    {t("budget.spent")}
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    %
                  </th>
                  <th scope="col" className="hidden py-1 sm:table-cell">
                    {t("budget.memberStanding")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.perMember.map((m) => {
                  const tone = toneOfAllocation(m.allocationState);
                  const standingWords =
                    m.allocationState === "over" ? (
                      <Toned tone={tone}>{t("budget.memberOver", { amount: money(m.overCents) })}</Toned>
                    ) : m.allocationState === "near" ? (
                      <Toned tone={tone}>{t("budget.memberNear")}</Toned>
                    ) : m.allocationState === "within" ? (
                      <span className="text-slate-700">{t("budget.memberWithin", { amount: money(m.remainingCents ?? 0) })}</span>
                    ) : (
                      "–"
                    );
                  return (
                    <tr key={m.memberId} className={`border-b border-slate-100 ${m.allocationState === "over" ? "bg-red-50" : ""}`} data-testid="budget-member" data-state={m.allocationState}>
                      <td className="py-1 pr-4">
                        <Link to={`?year=${year}&member=${m.memberId}`} className="text-teal-800 underline">
                          {m.name}
                        </Link>
                        {/* On a phone the standing goes under the name, so the words stay in view without scrolling the table. */}
                        {m.allocationState === "over" || m.allocationState === "near" ? <span className="block text-xs sm:hidden">{standingWords}</span> : null}
                      </td>
                      <td className="py-1 pr-4 text-right tabular-nums">{m.allocationCents === null ? t("budget.noAllocation") : money(m.allocationCents)}</td>
                      <td className="py-1 pr-4 text-right tabular-nums">{money(m.spentCents)}</td>
                      <td className={`py-1 pr-4 text-right font-medium tabular-nums ${m.allocationState === "over" ? "text-red-800" : ""}`}>{m.percentSpent === null ? "–" : `${m.percentSpent} %`}</td>
                      <td className="hidden py-1 sm:table-cell">{standingWords}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollArea>
        ) : null}

        <h3 className="mt-6 text-base font-semibold">{t("budget.memberChart")}</h3>
        <Form method="get" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
          <input type="hidden" name="year" value={year} />
          <label className="block">
            <span className="block font-medium">{t("budget.chooseMember")}</span>
            <select name="member" defaultValue={memberBurn?.memberId ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1">
              <option value="">{t("budget.wholeContract")}</option>
              {data.practitioners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" size="sm">
            {t("budget.show")}
          </Button>
        </Form>
        {memberBurn ? (
          <div className="mt-3">
            <BurnChart
              year={year}
              series={memberBurn.series}
              forecastLine={memberBurn.forecastLine}
              ceilingCents={memberBurn.ceilingCents}
              today={data.today}
              lng={lng}
              ceilingLabel={t("budget.chart.allocation")}
              title={t("budget.chart.title", { name: memberBurn.name, year })}
              description={describe(memberBurn.spentCents, memberBurn.ceilingCents, memberBurn.percentSpent, forecastText(memberBurn.forecast))}
            />
          </div>
        ) : null}
      </Card>

      {data.canWrite ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("budget.setCeiling")}>
            <p className="mb-3 text-sm text-slate-600">{t("budget.setCeilingHint")}</p>
            <Form method="post" {...getFormProps(ceilingForm)} className="space-y-3">
              <input type="hidden" name="intent" value="ceiling" />
              <input type="hidden" name="ceilingId" value={data.ceilingId} />
              <FormErrors errors={ceilingForm.errors} />
              <TextField field={ceilingFields.year as unknown as FieldMetadata<string>} label={t("budget.year")} />
              <TextField field={ceilingFields.amount} label={t("budget.amount")} />
              <TextField field={ceilingFields.reason} label={t("budget.reason")} />
              <Button>{t("budget.saveCeiling")}</Button>
            </Form>
          </Card>
          <Card title={t("budget.setAllocation")}>
            <Form method="post" {...getFormProps(allocationForm)} className="space-y-3">
              <input type="hidden" name="intent" value="allocation" />
              <FormErrors errors={allocationForm.errors} />
              <SelectField field={allocationFields.memberId} label={t("budget.member")} options={[{ value: "", label: t("budget.chooseOne") }, ...data.practitioners.map((p) => ({ value: p.id, label: p.name }))]} />
              <TextField field={allocationFields.year as unknown as FieldMetadata<string>} label={t("budget.year")} />
              <TextField field={allocationFields.amount} label={t("budget.amount")} />
              <TextField field={allocationFields.reason} label={t("budget.reason")} />
              <Button>{t("budget.saveAllocation")}</Button>
            </Form>
          </Card>
        </div>
      ) : null}

      <Card title={t("budget.history")}>
        {data.ceilingHistory.length === 0 ? <p className="text-sm text-slate-600">{t("budget.noHistory")}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="ceiling-history">
          {data.ceilingHistory.map((h) => (
            <li key={h.id} className="flex flex-wrap gap-2 py-1">
              <span className="font-medium">{h.year}</span>
              <span className="tabular-nums">{money(h.amountCents)}</span>
              {h.inForce ? <span className="rounded bg-teal-50 px-1 text-teal-800">{t("budget.inForce")}</span> : null}
              <span className="text-slate-600">{h.reason}</span>
              <span className="ml-auto text-slate-500">
                {formatDate(h.createdAt, lng)}
                {h.by ? ` · ${t("budget.by")} ${h.by}` : ""}
              </span>
            </li>
          ))}
        </ul>
        {data.allocationHistory.length ? (
          <>
            <h3 className="mt-4 text-base font-semibold">{t("budget.allocationHistory")}</h3>
            <ul className="divide-y divide-slate-100 text-sm">
              {data.allocationHistory.map((a) => (
                <li key={a.id} className="flex flex-wrap gap-2 py-1">
                  <span className="font-medium">{a.name}</span>
                  <span className="tabular-nums">{money(a.amountCents)}</span>
                  {a.inForce ? <span className="rounded bg-teal-50 px-1 text-teal-800">{t("budget.inForce")}</span> : null}
                  <span className="text-slate-600">{a.reason}</span>
                  <span className="ml-auto text-slate-500">
                    {formatDate(a.createdAt, lng)}
                    {a.by ? ` · ${t("budget.by")} ${a.by}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
    </div>
  );
}

/**
 * One figure. A tone colours the box's edge as well as the words, and the value
 * itself then carries an icon and words (RemainingValue, Toned): colour never alone.
 */
function Figure({ label, value, testId, hint, sub, tone }: { label: string; value: ReactNode; testId: string; hint?: string; sub?: string; tone?: "danger" | "warning" }) {
  const edge = tone === "danger" ? "border-red-300 bg-red-50" : tone === "warning" ? "border-amber-300 bg-amber-50" : "border-slate-200";
  return (
    <div className={`rounded-md border p-3 ${edge}`}>
      <dt className="text-slate-700" title={hint}>
        {label}
      </dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {sub ? <dd className="mt-1 text-xs text-slate-700">{sub}</dd> : null}
    </div>
  );
}
