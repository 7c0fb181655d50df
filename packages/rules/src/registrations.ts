// Registrations (credentials) a practitioner or the cooperative must hold, their
// cycles, and the reminder ladder. Dates are calendar dates "YYYY-MM-DD".
import { addDays } from "./members";

export type RegistrationSubject = "member" | "organization";

export type BuiltinRegistrationType = {
  code: string;
  subject: RegistrationSubject;
  /** Months a registration stays valid after its issue date; null: no fixed cycle. */
  cycleMonths: number | null;
  /** Points needed for re-registration within the cycle. */
  pointsRequired: number | null;
  /** A regular expression the number must match (anchored). */
  numberPattern: string | null;
  /** Required by default; each cooperative chooses for itself on its types page. */
  required: boolean;
};

/**
 * The types every cooperative starts with (DOMAIN.md, Reference facts). Their names
 * come from the locale files (registrations.types.<code>).
 */
export const BUILTIN_REGISTRATION_TYPES: readonly BuiltinRegistrationType[] = [
  // 5-year cycle, 200 points (1 hour = 1 point).
  { code: "register_vaktherapie", subject: "member", cycleMonths: 60, pointsRequired: 200, numberPattern: null, required: true },
  { code: "skj", subject: "member", cycleMonths: 60, pointsRequired: null, numberPattern: null, required: false },
  // BIG: 11-digit number, re-registration every 5 years.
  { code: "big", subject: "member", cycleMonths: 60, pointsRequired: null, numberPattern: "^[0-9]{11}$", required: false },
  // VOG: contracts commonly demand a new one every 3 years (and <= 3 months old at the start of work).
  { code: "vog", subject: "member", cycleMonths: 36, pointsRequired: null, numberPattern: null, required: true },
  { code: "liability_insurance", subject: "member", cycleMonths: 12, pointsRequired: null, numberPattern: null, required: true },
  { code: "vecozo", subject: "member", cycleMonths: null, pointsRequired: null, numberPattern: null, required: false },
  { code: "reporting_code", subject: "member", cycleMonths: null, pointsRequired: null, numberPattern: null, required: false },
  // HKZ: the cooperative's own certificate, valid 3 years (with a yearly interim audit).
  { code: "hkz", subject: "organization", cycleMonths: 36, pointsRequired: null, numberPattern: null, required: false },
];

/** The ladder a new cooperative starts with: days before expiry that the member is emailed. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [90, 60, 30, 7];
/** "Expiring" means valid for at most this many more days (the board's 90-day view). */
export const EXPIRING_WITHIN_DAYS = 90;

const DAY_MS = 86_400_000;
const toUtc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` lies before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * Calendar months later; a day the target month lacks becomes its last day
 * (2024-02-29 + 5 years = 2029-02-28; 2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
}

/**
 * The registration is valid through the same calendar date one cycle later, as
 * registers print it ("geldig tot"); null when the type has no fixed cycle.
 */
export function validUntilFromCycle(issuedOn: string, cycleMonths: number | null): string | null {
  if (cycleMonths === null || cycleMonths <= 0) return null;
  return addMonths(issuedOn, cycleMonths);
}

export type Verification = "pending" | "verified" | "rejected";
export type RegistrationState = "valid" | "expiring" | "expired" | "unverified" | "rejected";
export type MemberRegistrationState = "valid" | "expiring" | "unverified" | "expired" | "missing";

/**
 * One registration on a day. An expiry date in the past wins over everything
 * (an unverified expired document is still expired); then the board's verdict;
 * then how long it remains valid. Valid through `validUntil` itself.
 */
export function registrationState(reg: { verification: Verification; validUntil: string | null }, today: string): RegistrationState {
  if (reg.validUntil !== null && reg.validUntil < today) return "expired";
  if (reg.verification === "rejected") return "rejected";
  if (reg.verification === "pending") return "unverified";
  if (reg.validUntil !== null && daysBetween(today, reg.validUntil) <= EXPIRING_WITHIN_DAYS) return "expiring";
  return "valid";
}

/**
 * From worst to best. Missing (nothing submitted) is worst; expired (it lapsed)
 * next; unverified (submitted, the board has not looked yet) next: all three
 * mean the member may not deliver on that requirement today. Expiring may still
 * deliver. The worst state over the required types is the member's.
 */
export const MEMBER_STATE_ORDER: readonly MemberRegistrationState[] = ["missing", "expired", "unverified", "expiring", "valid"];
const rank = (s: MemberRegistrationState) => MEMBER_STATE_ORDER.indexOf(s);

/**
 * The member's state over the cooperative's required types. Per type the best of
 * the member's registrations counts (a pending renewal does not hide the verified
 * one still in force); rejected ones count as absent. Types that are not
 * required do not make a member non-compliant.
 */
export function memberRegistrationState(
  requiredTypeIds: readonly string[],
  regs: readonly { typeId: string; verification: Verification; validUntil: string | null }[],
  today: string,
): MemberRegistrationState {
  let worst: MemberRegistrationState = "valid";
  for (const typeId of requiredTypeIds) {
    let best: MemberRegistrationState = "missing";
    for (const reg of regs) {
      if (reg.typeId !== typeId) continue;
      const state = registrationState(reg, today);
      if (state === "rejected") continue;
      if (rank(state) > rank(best)) best = state;
    }
    if (rank(best) < rank(worst)) worst = best;
  }
  return worst;
}

/**
 * Which reminder step to send today: the latest step whose day has come, unless
 * it or a later one was already sent. A step missed while the server was down
 * is not sent late on top of a newer one: after a gap only the latest passed
 * step goes out. Nothing once the registration has expired (the board's digest
 * reports it). Returns the steps to send, at most one.
 */
export function dueReminderSteps(validUntil: string, today: string, ladder: readonly number[], alreadySent: readonly number[]): number[] {
  const daysLeft = daysBetween(today, validUntil);
  if (daysLeft < 0) return [];
  const passed = ladder.filter((d) => d >= daysLeft);
  if (passed.length === 0) return [];
  const latest = Math.min(...passed);
  if (alreadySent.some((sent) => sent <= latest)) return [];
  return [latest];
}

/**
 * A ladder as the board types it ("90, 60, 30, 7"): distinct whole days from 1
 * to 365, largest first; null when it is not one.
 */
export function parseReminderDays(input: string): number[] | null {
  const parts = input.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 10) return null;
  const days = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

/** VOG (Jeugdwet art. 4.1.6): issued no more than 3 months before work starts, and not after. */
export function vogValidForStart(issuedOn: string, startDate: string): boolean {
  return issuedOn <= startDate && startDate <= addMonths(issuedOn, 3);
}

/** Whether a number fits the type's pattern (no pattern: anything non-empty goes). */
export function numberMatches(pattern: string | null, value: string): boolean {
  if (!pattern) return true;
  return new RegExp(pattern).test(value);
}

/** The Monday that starts the ISO week of `date`: the board digest's key. */
export function weekStart(date: string): string {
  const weekday = new Date(toUtc(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}
