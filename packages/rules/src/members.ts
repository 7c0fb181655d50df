// Membership rules (issue 4): disciplines, member types, resignation dates and the
// AGB provider-type warning. Pure functions over plain data; dates are "YYYY-MM-DD".
import { agbProviderType } from "./identifiers";
import type { Role } from "./permissions";

/** Disciplines a member can practise; labels live in the locale files (disciplines.<code>). */
export const ARTS_DISCIPLINES = ["art", "drama", "music", "dance", "psychomotor", "play"] as const;
export const OTHER_DISCIPLINES = ["integrative_child", "psychologist", "remedial_educationalist", "family_worker"] as const;
export const DISCIPLINES = [...ARTS_DISCIPLINES, ...OTHER_DISCIPLINES] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const isDiscipline = (value: string): value is Discipline => (DISCIPLINES as readonly string[]).includes(value);
/** Arts therapies (vaktherapie): the six disciplines of the Register Vaktherapie. */
export const isArtsTherapy = (discipline: string) => (ARTS_DISCIPLINES as readonly string[]).includes(discipline);

export const AGE_RANGES = ["0-4", "4-12", "12-18", "18-23"] as const;
export type AgeRange = (typeof AGE_RANGES)[number];

export const MEMBER_TYPES = ["member", "subcontractor", "hired_therapist", "office_staff"] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const MEMBER_STATUSES = ["prospective", "member", "suspended", "left"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** The membership type a role in Koepel implies (board members are members of the cooperative). */
export function memberTypeForRole(role: Role): MemberType {
  switch (role) {
    case "subcontractor":
    case "hired_therapist":
    case "office_staff":
      return role;
    default:
      return "member";
  }
}

/** The role an invitation for a member record gives, derived from the member type. */
export function roleForMemberType(type: MemberType): Role {
  return type;
}

/**
 * Vektis group 90 ("other therapists") holds vaktherapie (9025) and child therapy
 * (9024). An arts therapist whose personal code lies outside it probably typed a
 * wrong code (or registered under another profession): warn, never refuse.
 */
export function agbWarning(code: string, disciplines: readonly string[]): "notArtsTherapyCode" | null {
  const type = agbProviderType(code);
  if (type === null) return null;
  return disciplines.some(isArtsTherapy) && type !== "90" ? "notArtsTherapyCode" : null;
}

export type ResignationSettings = { atYearEnd: boolean; noticeWeeks: number; financialYearEndMonth: number };

const parse = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};
const iso = (date: Date) => date.toISOString().slice(0, 10);
export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}
/** Last day of a month (1-12) in a year. */
function endOfMonth(year: number, month: number): string {
  return iso(new Date(Date.UTC(year, month, 0)));
}

/**
 * The date a resignation takes effect (BW 2:36 default, unless the statutes say
 * otherwise): the end of the first financial year that still leaves the notice
 * period, or, without the year-end rule, the request date plus the notice.
 * Requested 2026-11-23 with 4 weeks: 2026-12-21 fits before 2026-12-31, so
 * 2026-12-31; requested 2026-12-10: 2027-01-07 is past it, so 2027-12-31.
 */
export function resignationEffectiveDate(requestedOn: string, settings: ResignationSettings): string {
  const earliest = addDays(requestedOn, settings.noticeWeeks * 7);
  if (!settings.atYearEnd) return earliest;
  const month = settings.financialYearEndMonth;
  let year = parse(requestedOn).getUTCFullYear();
  // The financial year ending in `month` of `year`; step forward until it leaves the notice.
  while (endOfMonth(year, month) < earliest) year += 1;
  return endOfMonth(year, month);
}

/**
 * The status on a given day: a recorded resignation turns into "left" on its date.
 * Computed on read (no daily job), so nothing has to run at midnight for the
 * directory to be right.
 */
export function effectiveStatus(member: { status: MemberStatus; leavesOn: string | null }, today: string): MemberStatus {
  if (member.status !== "left" && member.leavesOn !== null && member.leavesOn <= today) return "left";
  return member.status;
}

// Built once: a formatter costs far more to build than to use, and this runs per row.
const amsterdamDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in the Netherlands. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return amsterdamDay.format(now);
}
