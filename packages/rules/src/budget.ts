// Budget: what time costs under a contract, what is spent, committed and left of
// a year's ceiling, when it runs out at the recent rate, and which alerts are due.
// Pure and in integer cents (docs/decisions/013-budget-burn-and-forecast.md).
//
// Rounding: each time entry's amount is rounded once, half up, to the cent:
//   amount = roundHalfUp((direct minutes + paid indirect minutes) x tariff / 60)
// for an hourly tariff (a per-minute tariff multiplies directly). Sums of entries
// are sums of those rounded amounts, so a report per member, per product or per
// month adds up to the cent to the contract's total. Paid indirect minutes are whole
// minutes, rounded down (never more than the contract's share).
import { addDays } from "./members";
import { indirectTermsOn, paidIndirectMinutes, type IndirectTerms } from "./contracts";
import { tariffOn, type ProductUnit, type Tariff } from "./products";
import { daysBetween } from "./registrations";

/** Terms from a date on: the contract's own from its start, an amendment's from its date. */
export type DatedIndirectTerms = IndirectTerms & { effectiveOn: string };

/** n / d rounded half up, for n >= 0 and d > 0, in integers only. */
export function divRoundHalfUp(n: number, d: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(d) || d <= 0) throw new TypeError("integers and a positive divisor");
  if (n < 0) return -divRoundHalfUp(-n, d);
  return Math.floor((2 * n + d) / (2 * d));
}

/** The amount in cents of `minutes` of time at a tariff per unit (hour or minute), rounded half up. */
export function minutesAmount(unit: ProductUnit, tariffCents: number, minutes: number): number {
  if (unit === "hour") return divRoundHalfUp(minutes * tariffCents, 60);
  if (unit === "minute") return minutes * tariffCents;
  return 0; // day parts, pieces and euros are not billed from time
}

export type EntryInput = { workedOn: string; directMinutes: number; indirectMinutes: number };
export type EntryAmount = { paidIndirectMinutes: number; amountCents: number; tariffCents: number | null };

/**
 * One time entry's amount: direct minutes plus the paid indirect share, at the
 * tariff and under the terms in force on the entry's date. No tariff yet: 0.
 */
export function entryAmount(entry: EntryInput, product: { unit: ProductUnit; tariffs: readonly Tariff[] }, terms: { base: IndirectTerms; amended: readonly DatedIndirectTerms[] }): EntryAmount {
  const tariff = tariffOn(product.tariffs, entry.workedOn);
  const paid = paidIndirectMinutes(indirectTermsOn(terms.base, terms.amended, entry.workedOn), entry.directMinutes, entry.indirectMinutes);
  if (!tariff) return { paidIndirectMinutes: paid, amountCents: 0, tariffCents: null };
  return { paidIndirectMinutes: paid, amountCents: minutesAmount(product.unit, tariff.amountCents, entry.directMinutes + paid), tariffCents: tariff.amountCents };
}

/**
 * What an active trajectory still commits: its allocated volume plus the
 * extensions' extra, less the direct time delivered (never below 0), at today's tariff.
 */
export function committedAmount(input: { unit: ProductUnit; tariffs: readonly Tariff[]; allocatedVolume: number; extraVolume: number; deliveredMinutes: number; today: string }): number {
  const left = Math.max(0, input.allocatedVolume + input.extraVolume - input.deliveredMinutes);
  const tariff = tariffOn(input.tariffs, input.today);
  return tariff ? minutesAmount(input.unit, tariff.amountCents, left) : 0;
}

export const ALERT_THRESHOLDS = [75, 90, 100] as const;
export type AlertLevel = 0 | 75 | 90 | 100;

/** Spent as a whole percentage of the ceiling, rounded down (74.99 % is 74); null without a ceiling. */
export function percentSpent(spentCents: number, ceilingCents: number | null): number | null {
  if (ceilingCents === null) return null;
  if (ceilingCents <= 0) return spentCents > 0 ? 100 : 0;
  return Math.floor((spentCents * 100) / ceilingCents);
}

export function alertLevel(percent: number | null): AlertLevel {
  if (percent === null) return 0;
  return ([...ALERT_THRESHOLDS].reverse().find((t) => percent >= t) ?? 0) as AlertLevel;
}

/** The thresholds passed that have not been sent yet, lowest first. */
export function newThresholds(percent: number | null, alreadySent: readonly number[]): (typeof ALERT_THRESHOLDS)[number][] {
  if (percent === null) return [];
  return ALERT_THRESHOLDS.filter((t) => percent >= t && !alreadySent.includes(t));
}

export type Forecast =
  | { status: "exhausted"; on: string }
  | { status: "date"; on: string }
  | { status: "no_rate"; on: null }
  | { status: "beyond_year"; on: null }
  | { status: "no_ceiling"; on: null };

export const DEFAULT_RATE_WINDOW_DAYS = 90;

/**
 * The day the ceiling runs out at the recent rate. The rate is what was spent in the
 * last `windowDays` days (today included) divided by `windowDays`, per day; the date is
 * today + ceil((ceiling - spent) / rate) days, in integers:
 * ceil((ceiling - spent) x windowDays / recent). Already spent: today. No recent
 * spending: no date. After the year's end: no date ("not within the year").
 */
export function forecastExhaustion(input: { ceilingCents: number | null; spentCents: number; recentCents: number; today: string; yearEnd: string; windowDays?: number }): Forecast {
  const windowDays = input.windowDays ?? DEFAULT_RATE_WINDOW_DAYS;
  if (input.ceilingCents === null) return { status: "no_ceiling", on: null };
  const left = input.ceilingCents - input.spentCents;
  if (left <= 0) return { status: "exhausted", on: input.today };
  if (input.recentCents <= 0) return { status: "no_rate", on: null };
  const days = Math.ceil((left * windowDays) / input.recentCents);
  // Compared in days, not as date strings: a tiny rate puts the date past the year
  // 9999, whose ISO form ("+010000-…") sorts before "2026-12-31" (found by a property test).
  if (days > daysBetween(input.today, input.yearEnd)) return { status: "beyond_year", on: null };
  return { status: "date", on: addDays(input.today, days) };
}

export type BurnPoint = { date: string; cumulativeCents: number };

/**
 * Cumulative spent per month of a year: one point at the start of the year (0) and
 * one at each month's last day up to today (the running month ends at today).
 */
export function burnSeries(entries: readonly { workedOn: string; amountCents: number }[], year: number, today: string): BurnPoint[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const last = today < end ? today : end;
  const points: BurnPoint[] = [{ date: start, cumulativeCents: 0 }];
  if (last < start) return points;
  const sorted = entries.filter((e) => e.workedOn >= start && e.workedOn <= last).sort((a, b) => (a.workedOn < b.workedOn ? -1 : 1));
  let total = 0;
  let i = 0;
  for (let month = 1; month <= 12; month++) {
    const monthEnd = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`, -1);
    const until = monthEnd < last ? monthEnd : last;
    while (i < sorted.length && sorted[i].workedOn <= until) total += sorted[i++].amountCents;
    points.push({ date: until, cumulativeCents: total });
    if (until === last) break;
  }
  return points;
}

/**
 * The forecast line: from today's spent at the recent rate, to the exhaustion
 * date (at the ceiling) or, when that falls beyond the year, to the year's end.
 * Empty when there is no rate (or the year is over).
 */
export function forecastLine(input: { spentCents: number; recentCents: number; today: string; yearEnd: string; ceilingCents: number | null; forecast: Forecast; windowDays?: number }): BurnPoint[] {
  const windowDays = input.windowDays ?? DEFAULT_RATE_WINDOW_DAYS;
  if (input.recentCents <= 0 || input.today >= input.yearEnd) return [];
  const from = { date: input.today, cumulativeCents: input.spentCents };
  if (input.forecast.status === "exhausted") return [];
  if (input.forecast.status === "date" && input.ceilingCents !== null) return [from, { date: input.forecast.on, cumulativeCents: input.ceilingCents }];
  const days = daysBetween(input.today, input.yearEnd);
  return [from, { date: input.yearEnd, cumulativeCents: input.spentCents + divRoundHalfUp(input.recentCents * days, windowDays) }];
}

// ---------------------------------------------------------------------------
// Honest figures (issue 12, docs/decisions/025-honest-figures.md): what the page
// states in words, so that a remainder below zero reads "te veel toegezegd" and
// never "Over EUR -31.341,60" in black.

/**
 * Where a year's budget stands against its ceiling, counting what is spent and what
 * active trajectories still commit ("used" = spent + committed: promised money cannot
 * be given to anyone else).
 * - over_spent: spent alone passed the ceiling;
 * - over_committed: spent is within the ceiling but spent + committed passes it;
 * - fully_committed: spent + committed is exactly the ceiling;
 * - within: there is room left; no_ceiling: nothing to compare with.
 * The Haarlem pilot in the demo: EUR 75,000 ceiling, EUR 67,366.20 spent,
 * EUR 38,975.40 committed → over_committed by EUR 31,341.60 (141 % used, 89 % spent).
 */
export type BudgetState = "no_ceiling" | "within" | "fully_committed" | "over_committed" | "over_spent";
export type BudgetStanding = {
  state: BudgetState;
  ceilingCents: number | null;
  spentCents: number;
  committedCents: number;
  /** spent + committed. */
  usedCents: number;
  /** ceiling - spent - committed (negative when over-committed); null without a ceiling. */
  remainingCents: number | null;
  /** How much more is promised than the ceiling allows (0 when it fits). */
  overCommittedCents: number;
  /** How much more is spent than the ceiling (0 when it fits). */
  overSpentCents: number;
  /** floor(spent x 100 / ceiling), as decision 013; null without a ceiling. */
  percentSpent: number | null;
  /** floor((spent + committed) x 100 / ceiling); null without a ceiling. */
  percentUsed: number | null;
};

export function budgetStanding(input: { ceilingCents: number | null; spentCents: number; committedCents: number }): BudgetStanding {
  const { ceilingCents, spentCents } = input;
  const committedCents = Math.max(0, input.committedCents);
  const usedCents = spentCents + committedCents;
  if (ceilingCents === null)
    return { state: "no_ceiling", ceilingCents, spentCents, committedCents, usedCents, remainingCents: null, overCommittedCents: 0, overSpentCents: 0, percentSpent: null, percentUsed: null };
  const remainingCents = ceilingCents - usedCents;
  const state: BudgetState = spentCents > ceilingCents ? "over_spent" : usedCents > ceilingCents ? "over_committed" : usedCents === ceilingCents && usedCents > 0 ? "fully_committed" : "within";
  return {
    state,
    ceilingCents,
    spentCents,
    committedCents,
    usedCents,
    remainingCents,
    overCommittedCents: Math.max(0, -remainingCents),
    overSpentCents: Math.max(0, spentCents - ceilingCents),
    percentSpent: percentSpent(spentCents, ceilingCents),
    percentUsed: percentSpent(usedCents, ceilingCents),
  };
}

export type SignalTone = "none" | "ok" | "warning" | "danger";
export type BudgetSignal = {
  /** The highest of 75/90/100 passed by spent + committed: what the page's Signaal shows. */
  level: AlertLevel;
  /** The highest passed by spent alone: what the alert mails fire on (decision 013), shown beside it. */
  spentLevel: AlertLevel;
  /** The next threshold spent + committed has not passed yet; null past 100 or without a ceiling. */
  next: (typeof ALERT_THRESHOLDS)[number] | null;
  tone: SignalTone;
};

/**
 * The signal: the HIGHEST threshold passed (75, 90 and 100 %, the same for every
 * contract), measured on spent + committed. At 89 % spent with the pilot's open
 * trajectories committing 52 % more, 141 % is used: the signal is 100 %, in red, worded
 * "te veel toegezegd"; the spent-only level (75 %, the mails') is shown beside it with
 * the real percentage, so "75 % bereikt" never stands alone at 89 %.
 * Both levels only grow as spent grows (floor is monotone; committed is never negative).
 */
export function budgetSignal(standing: BudgetStanding): BudgetSignal {
  if (standing.ceilingCents === null) return { level: 0, spentLevel: 0, next: null, tone: "none" };
  const level = alertLevel(standing.percentUsed);
  const next = ALERT_THRESHOLDS.find((t) => t > level) ?? null;
  const tone: SignalTone = standing.state === "over_committed" || standing.state === "over_spent" || level === 100 ? "danger" : level >= 75 ? "warning" : "ok";
  return { level, spentLevel: alertLevel(standing.percentSpent), next, tone };
}

/**
 * The forecast that counts committed hours. The rate forecast (forecastExhaustion)
 * says when spending at the recent pace reaches the ceiling; but money promised to
 * open trajectories will be spent too, so when spent + committed already reaches the
 * ceiling the honest answer is "fully committed today" whatever the pace.
 * The year's expected spending is spent + the larger of committed and the pace to
 * 31 December (committed hours are delivered at least; the pace may add new ones).
 * Never below spent; the date never before today.
 */
export type CommittedForecast = {
  /** committed: spent + committed reaches the ceiling (as of today); otherwise the rate forecast's status. */
  status: "committed" | Forecast["status"];
  /** The day the ceiling is used up: today when committed; the rate forecast's date otherwise. */
  on: string | null;
  /** The rate-only forecast, shown as "at this pace" beside it. */
  atRate: Forecast;
  /** Spent + max(committed, the recent pace to the year's end), in cents. */
  expectedYearEndCents: number;
};

export function committedForecast(input: { ceilingCents: number | null; spentCents: number; committedCents: number; recentCents: number; today: string; yearEnd: string; windowDays?: number }): CommittedForecast {
  const windowDays = input.windowDays ?? DEFAULT_RATE_WINDOW_DAYS;
  const atRate = forecastExhaustion(input);
  const daysLeft = input.today < input.yearEnd ? daysBetween(input.today, input.yearEnd) : 0;
  const pace = input.recentCents > 0 ? divRoundHalfUp(input.recentCents * daysLeft, windowDays) : 0;
  const expectedYearEndCents = input.spentCents + Math.max(Math.max(0, input.committedCents), pace);
  if (input.ceilingCents !== null && input.spentCents < input.ceilingCents && input.spentCents + Math.max(0, input.committedCents) >= input.ceilingCents)
    return { status: "committed", on: input.today, atRate, expectedYearEndCents };
  return { status: atRate.status, on: atRate.on, atRate, expectedYearEndCents };
}

/**
 * A member against their allocation (spent by them under the contract this year):
 * over (past 100 %: the Haarlem demo's 138 % and 133 %), near (90-100 %), within,
 * or no allocation. Percent rounds down, as the contract's.
 */
export type AllocationState = "no_allocation" | "within" | "near" | "over";
export function allocationStanding(input: { allocationCents: number | null; spentCents: number }): { state: AllocationState; percent: number | null; remainingCents: number | null; overCents: number } {
  if (input.allocationCents === null) return { state: "no_allocation", percent: null, remainingCents: null, overCents: 0 };
  const percent = percentSpent(input.spentCents, input.allocationCents)!;
  const remainingCents = input.allocationCents - input.spentCents;
  const state: AllocationState = input.spentCents > input.allocationCents ? "over" : percent >= 90 ? "near" : "within";
  return { state, percent, remainingCents, overCents: Math.max(0, -remainingCents) };
}
