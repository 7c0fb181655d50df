// Who counts: one definition behind every count on every page (issue 12,
// docs/decisions/025-honest-figures.md), so the directory, the landing page, the
// compliance cards and the eligibility matrix cannot disagree.
//
// - Active: a member record whose status today is "member" (a recorded resignation
//   turns into "left" on its date, see effectiveStatus). Prospective, suspended and
//   resigned people are listed but never counted as active.
// - Practitioners: every member type that can deliver care (member, subcontractor,
//   hired therapist); office staff are not practitioners.
// - Registration requirements apply to practitioners only: office staff are never
//   "missing" a registration they are not required to hold.
//
// The demo's Wij zijn KAS: 38 records = 34 active practitioners + 1 office staff
// + 2 prospective + 1 suspended (36 accounts, which is a different thing: logins).
import { effectiveStatus, type MemberStatus, type MemberType } from "./members";

/** A member record, or a group of `n` alike (the database may hand counts per type, status and leaving date). */
export type Countable = { type: MemberType; status: MemberStatus; leavesOn?: string | null; n?: number };

export const isPractitioner = (m: Pick<Countable, "type">) => m.type !== "office_staff";

/** Required registrations apply to the people who deliver care, never to office staff. */
export const requiresRegistration = (m: Pick<Countable, "type">) => isPractitioner(m);

/** Active today: status "member" after any resignation date has passed. */
export const isActive = (m: Countable, today: string) => effectiveStatus({ status: m.status, leavesOn: m.leavesOn ?? null }, today) === "member";

/** Counts as an active practitioner today: what "34 practitioners" means everywhere. */
export const isActivePractitioner = (m: Countable, today: string) => isPractitioner(m) && isActive(m, today);

export type Headcount = {
  /** Every record in the directory, whatever the status. */
  records: number;
  /** Active practitioners (members, subcontractors, hired therapists). */
  activePractitioners: number;
  /** Active office staff: counted apart, not practitioners. */
  activeOfficeStaff: number;
  prospective: number;
  suspended: number;
  left: number;
};

export function headcount(people: readonly Countable[], today: string): Headcount {
  const count: Headcount = { records: 0, activePractitioners: 0, activeOfficeStaff: 0, prospective: 0, suspended: 0, left: 0 };
  for (const m of people) {
    const n = m.n ?? 1;
    const status = effectiveStatus({ status: m.status, leavesOn: m.leavesOn ?? null }, today);
    count.records += n;
    if (status === "member") {
      if (isPractitioner(m)) count.activePractitioners += n;
      else count.activeOfficeStaff += n;
    } else count[status] += n;
  }
  return count;
}
