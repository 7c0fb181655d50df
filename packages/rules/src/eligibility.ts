// Eligibility (DOMAIN.md, "Rules to encode"): a practitioner may deliver under a
// contract on a date only while every credential the contract requires is present,
// verified and in force on that date, and while they are an active member. The
// cooperative's own credentials (HKZ) gate everyone at once.
import { addDays, effectiveStatus, type MemberStatus } from "./members";
import { addMonths, type RegistrationSubject, type Verification } from "./registrations";

export const LAPSE_WINDOW_DAYS = 90;

export type Requirement = { typeId: string; subject: RegistrationSubject; maxAgeMonths: number | null };
export type HeldRegistration = { typeId: string; verification: Verification; issuedOn: string | null; validUntil: string | null };

export type IneligibleReason =
  | { code: "not_active"; status: MemberStatus }
  | { code: "missing"; typeId: string; subject: RegistrationSubject }
  | { code: "unverified"; typeId: string; subject: RegistrationSubject }
  | { code: "expired"; typeId: string; subject: RegistrationSubject; on: string }
  | { code: "too_old"; typeId: string; subject: RegistrationSubject; on: string; maxAgeMonths: number }
  | { code: "not_yet_valid"; typeId: string; subject: RegistrationSubject; on: string };

export type Eligibility = {
  eligible: boolean;
  reasons: IneligibleReason[];
  /** The last day the practitioner stays eligible as things stand (null: no end in sight). */
  until: string | null;
  /** Eligible now but not after `until`, which falls within the lapse window. */
  lapsesSoon: boolean;
};

/** The first and last day one registration covers a requirement (null last: open-ended). */
export function coverage(reg: HeldRegistration, maxAgeMonths: number | null): { from: string | null; to: string | null } | null {
  if (maxAgeMonths !== null && reg.issuedOn === null) return null; // an age limit needs an issue date
  const ageLimit = maxAgeMonths !== null && reg.issuedOn !== null ? addMonths(reg.issuedOn, maxAgeMonths) : null;
  const to = [reg.validUntil, ageLimit].filter((d): d is string => d !== null).sort()[0] ?? null;
  return { from: reg.issuedOn, to };
}

const covers = (c: { from: string | null; to: string | null }, date: string) => (c.from === null || c.from <= date) && (c.to === null || date <= c.to);

/**
 * Whether a requirement is met on `date` by the verified registrations held, and
 * until when: a renewal that starts before the current one ends carries coverage on.
 */
export function requirementOn(requirement: Requirement, held: readonly HeldRegistration[], date: string): { met: true; until: string | null } | { met: false; reason: IneligibleReason } {
  const { typeId, subject, maxAgeMonths } = requirement;
  const ofType = held.filter((r) => r.typeId === typeId && r.verification !== "rejected");
  const verified = ofType.filter((r) => r.verification === "verified").map((r) => coverage(r, maxAgeMonths)).filter((c) => c !== null);
  let current = verified.filter((c) => covers(c, date));
  if (current.length > 0) {
    let until: string | null = date;
    // Walk forward through overlapping or adjoining renewals.
    for (;;) {
      if (current.some((c) => c.to === null)) return { met: true, until: null };
      const end = current.map((c) => c.to!).sort().at(-1)!;
      if (until !== null && end <= until) break;
      until = end;
      const next = addDays(end, 1);
      current = verified.filter((c) => covers(c, next));
      if (current.length === 0) break;
    }
    return { met: true, until };
  }
  if (ofType.length === 0) return { met: false, reason: { code: "missing", typeId, subject } };
  const pending = ofType.filter((r) => r.verification === "pending").map((r) => coverage(r, maxAgeMonths));
  if (pending.some((c) => c !== null && covers(c, date))) return { met: false, reason: { code: "unverified", typeId, subject } };
  // Explain with the verified registration closest to the date.
  for (const reg of [...ofType].filter((r) => r.verification === "verified").sort((a, b) => (b.issuedOn ?? "").localeCompare(a.issuedOn ?? ""))) {
    if (reg.issuedOn !== null && reg.issuedOn > date) return { met: false, reason: { code: "not_yet_valid", typeId, subject, on: reg.issuedOn } };
    if (reg.validUntil !== null && reg.validUntil < date) return { met: false, reason: { code: "expired", typeId, subject, on: reg.validUntil } };
    if (maxAgeMonths !== null) {
      const limit = reg.issuedOn === null ? date : addMonths(reg.issuedOn, maxAgeMonths);
      return { met: false, reason: { code: "too_old", typeId, subject, on: limit, maxAgeMonths } };
    }
  }
  return { met: false, reason: { code: ofType.some((r) => r.verification === "pending") ? "unverified" : "missing", typeId, subject } };
}

export type EligibilityInput = {
  date: string;
  member: { status: MemberStatus; leavesOn: string | null };
  requirements: readonly Requirement[];
  /** The member's own registrations. */
  registrations: readonly HeldRegistration[];
  /** The cooperative's registrations (subject "organization"). */
  organizationRegistrations: readonly HeldRegistration[];
  /** Days ahead in which a coming lapse is flagged; DOMAIN.md asks for 90. */
  windowDays?: number;
};

export function eligibilityOn(input: EligibilityInput): Eligibility {
  const { date, requirements } = input;
  const reasons: IneligibleReason[] = [];
  const status = effectiveStatus(input.member, date);
  if (status !== "member") reasons.push({ code: "not_active", status });
  let until: string | null = null;
  let bounded = false;
  // A member leaving stops being eligible the day before the leave takes effect.
  if (status === "member" && input.member.leavesOn !== null) {
    until = addDays(input.member.leavesOn, -1);
    bounded = true;
  }
  for (const requirement of requirements) {
    const held = requirement.subject === "organization" ? input.organizationRegistrations : input.registrations;
    const result = requirementOn(requirement, held, date);
    if (!result.met) reasons.push(result.reason);
    else if (result.until !== null && (!bounded || result.until < until!)) {
      until = result.until;
      bounded = true;
    }
  }
  const eligible = reasons.length === 0;
  const window = input.windowDays ?? LAPSE_WINDOW_DAYS;
  return {
    eligible,
    reasons,
    until: eligible && bounded ? until : null,
    lapsesSoon: eligible && bounded && until! < addDays(date, window),
  };
}
