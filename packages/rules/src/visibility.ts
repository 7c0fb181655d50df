// Who sees which field of a person's record, within one cooperative (decision 017).
// The permission matrix (permissions.ts) decides whether a page can be reached at
// all; this rule decides which fields of someone's record that page may carry.
// Modules apply it on the server, so a page, its `.data`, a CSV and a PDF hold
// the same fields: a hidden field is never sent, not merely not rendered.
import { isBoardRole, type Role } from "./permissions";

export const FIELD_GROUPS = [
  "profile", // what peers need for referrals: name, role, type, disciplines, ages, problem areas, municipalities, languages, capacity, waiting time, practice name and town
  "contact", // email, phone, a practice's street address and postcode (often the therapist's home)
  "identifiers", // personal and business AGB codes, KvK and establishment numbers, IBAN
  "registrations", // registration numbers, dates, points, verification, evidence, the registration state
  "membership", // admission and leaving dates, status history, resignation and its reason, account link, notes
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** How the viewer stands to the person whose record it is. */
export const VIEWER_RELATIONS = ["self", "board", "office_staff", "peer", "contractor"] as const;
export type ViewerRelation = (typeof VIEWER_RELATIONS)[number];

const ALL: readonly FieldGroup[] = FIELD_GROUPS;

/**
 * The rule. A person sees all of their own record; the board and office staff keep
 * the administration and see everything; a peer member sees the professional
 * profile (to refer a client); subcontractors and hired therapists are not members
 * and see no more of anyone else than a peer does (the permission matrix keeps them
 * out of the directory; where a colleague appears in what concerns them, such as a
 * shared trajectory, they see a name).
 */
export const VISIBILITY: Record<ViewerRelation, readonly FieldGroup[]> = {
  self: ALL,
  board: ALL,
  office_staff: ALL,
  peer: ["profile"],
  contractor: ["profile"],
};

export function viewerRelation(role: Role, isSelf: boolean): ViewerRelation {
  if (isSelf) return "self";
  if (isBoardRole(role)) return "board";
  if (role === "office_staff") return "office_staff";
  if (role === "member") return "peer";
  return "contractor";
}

export function canSeeField(relation: ViewerRelation, group: FieldGroup): boolean {
  return VISIBILITY[relation].includes(group);
}

/** What `role` sees of someone's record (`isSelf`: the record is the viewer's own). */
export function visibleGroups(role: Role, isSelf = false): ReadonlySet<FieldGroup> {
  return new Set(VISIBILITY[viewerRelation(role, isSelf)]);
}

/** True when `role` sees every field of other people's records (the board, office staff). */
export const seesWholeRecords = (role: Role) => FIELD_GROUPS.every((g) => canSeeField(viewerRelation(role, false), g));

/**
 * Every field of a person's record that any page, export or `.data` answer
 * carries, by group. `id`, `version` and `userId` are keys, not facts about the
 * person, and count as profile. A field that is missing here cannot be sent:
 * `redactPerson` refuses it, so a new field must be given a group first.
 */
export const PERSON_FIELDS = {
  id: "profile",
  userId: "profile",
  version: "profile",
  name: "profile",
  role: "profile",
  type: "profile",
  status: "profile",
  disciplines: "profile",
  ageRanges: "profile",
  problemAreas: "profile",
  municipalities: "profile",
  languages: "profile",
  capacityHoursPerWeek: "profile",
  waitingWeeks: "profile",
  practices: "profile",
  city: "profile", // a practice's town
  website: "profile", // a practice's public site
  email: "contact",
  phone: "contact",
  street: "contact",
  houseNumber: "contact",
  postcode: "contact",
  agbCodes: "identifiers",
  agbCode: "identifiers",
  agbProviderType: "identifiers",
  kvkNumber: "identifiers",
  establishmentNumber: "identifiers",
  iban: "identifiers",
  registrations: "registrations",
  registrationState: "registrations",
  joinedOn: "membership",
  leavesOn: "membership",
  storedStatus: "membership",
  resignationRequestedOn: "membership",
  leaveReason: "membership",
  history: "membership",
  hasAccount: "membership",
  since: "membership",
} as const satisfies Record<string, FieldGroup>;
export type PersonField = keyof typeof PERSON_FIELDS;
type ProfileField = { [K in PersonField]: (typeof PERSON_FIELDS)[K] extends "profile" ? K : never }[PersonField];

/** A record as a viewer gets it: profile fields always, every other field only when its group is visible. */
export type Redacted<T> = Pick<T, Extract<keyof T, ProfileField>> & Partial<Omit<T, ProfileField>>;

/**
 * Keep only the fields of `record` whose group is in `groups`. Hidden fields are
 * left out entirely (so JSON, CSV and PDF never carry them). A key that is not in
 * PERSON_FIELDS is an error: nothing about a person is sent unclassified.
 */
export function redactPerson<T extends object>(record: T, groups: ReadonlySet<FieldGroup>): Redacted<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const group = (PERSON_FIELDS as Record<string, FieldGroup | undefined>)[key];
    if (!group) throw new Error(`Field "${key}" of a person's record has no visibility group: add it to PERSON_FIELDS (packages/rules/src/visibility.ts)`);
    if (groups.has(group)) out[key] = value;
  }
  return out as Redacted<T>;
}
