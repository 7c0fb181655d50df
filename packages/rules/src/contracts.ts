// Contracts (issue 5): kinds, clients, the status on a date, and the indirect-time
// terms in force on a date once amendments have changed them.
import { inForceOn } from "./products";

export const CONTRACT_KINDS = ["tender_framework", "open_house", "custom", "pilot", "subcontract"] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CLIENT_KINDS = ["region", "municipalities", "main_contractor"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];
export const FINANCING = ["effort", "output", "task_budget"] as const;
export type Financing = (typeof FINANCING)[number];
export const INDIRECT_TIME = ["not_paid", "share", "included"] as const;
export type IndirectTime = (typeof INDIRECT_TIME)[number];

export type ContractStatus = "upcoming" | "running" | "ended";
export const CONTRACT_STATUSES = ["upcoming", "running", "ended"] as const;

/** Before its start: upcoming; from start to end inclusive: running; after its end: ended. */
export function contractStatusOn(contract: { startsOn: string; endsOn: string }, date: string): ContractStatus {
  if (date < contract.startsOn) return "upcoming";
  if (date > contract.endsOn) return "ended";
  return "running";
}

export type IndirectTerms = { indirectTime: IndirectTime; indirectSharePercent: number | null };

/**
 * The indirect-time terms in force on `date`: the contract's own terms, until an
 * amendment's terms take over from its effective date (the latest that has
 * started wins). A share is only meaningful with "share"; otherwise it is null.
 */
export function indirectTermsOn(
  base: IndirectTerms,
  amendments: readonly (IndirectTerms & { effectiveOn: string })[],
  date: string,
): IndirectTerms & { effectiveOn: string | null } {
  const row = inForceOn(amendments, date, (a) => a.effectiveOn);
  const terms = row ?? base;
  return {
    indirectTime: terms.indirectTime,
    indirectSharePercent: terms.indirectTime === "share" ? (terms.indirectSharePercent ?? 0) : null,
    effectiveOn: row?.effectiveOn ?? null,
  };
}

/**
 * The indirect minutes that are paid beside `directMinutes` under these terms:
 * all of them up to the share of direct time with "share", none otherwise
 * ("not_paid": not paid; "included": already in the tariff).
 */
export function paidIndirectMinutes(terms: IndirectTerms, directMinutes: number, indirectMinutes: number): number {
  if (terms.indirectTime !== "share") return 0;
  const cap = Math.floor((directMinutes * (terms.indirectSharePercent ?? 0)) / 100);
  return Math.min(indirectMinutes, cap);
}

export const isSharePercent = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100;

export type ContractPeriodInput = {
  startsOn: string;
  endsOn: string;
  latestEndOn?: string | null;
  evaluationDates?: readonly string[];
  indirectTime: IndirectTime;
  indirectSharePercent?: number | null;
};

export type ContractProblem = { field: "endsOn" | "latestEndOn" | "evaluationDates" | "indirectSharePercent"; messageKey: string };

/**
 * The checks on a contract's dates and terms that need more than one field: the
 * end not before the start, the latest end (with every extension) not before the
 * end, evaluation dates within the period up to the latest end, and a share of
 * 0-100 % exactly when indirect time is paid as a share.
 */
export function contractProblems(c: ContractPeriodInput): ContractProblem[] {
  const problems: ContractProblem[] = [];
  if (c.endsOn < c.startsOn) problems.push({ field: "endsOn", messageKey: "contracts.errors.endBeforeStart" });
  if (c.latestEndOn && c.latestEndOn < c.endsOn) problems.push({ field: "latestEndOn", messageKey: "contracts.errors.latestBeforeEnd" });
  const last = c.latestEndOn && c.latestEndOn > c.endsOn ? c.latestEndOn : c.endsOn;
  if ((c.evaluationDates ?? []).some((d) => d < c.startsOn || d > last)) problems.push({ field: "evaluationDates", messageKey: "contracts.errors.evaluationOutside" });
  if (c.indirectTime === "share") {
    if (c.indirectSharePercent === null || c.indirectSharePercent === undefined) problems.push({ field: "indirectSharePercent", messageKey: "contracts.errors.shareRequired" });
    else if (!isSharePercent(c.indirectSharePercent)) problems.push({ field: "indirectSharePercent", messageKey: "contracts.errors.share" });
  }
  return problems;
}
