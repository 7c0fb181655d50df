// One permission matrix for the whole product: role -> actions. The guard
// (requireMember) and the UI (to hide what a role cannot do) both ask `can`.
// Later areas add their actions here, never a role check of their own.

export const ROLES = [
  "chair",
  "secretary",
  "treasurer",
  "board_member",
  "member",
  "subcontractor",
  "hired_therapist",
  "office_staff",
] as const;
export type Role = (typeof ROLES)[number];

export const BOARD_ROLES: readonly Role[] = ["chair", "secretary", "treasurer", "board_member"];
export const isBoardRole = (role: Role) => BOARD_ROLES.includes(role);

export const ACTIONS = [
  "org:view", // dashboard, own cooperative's name
  "org:settings", // name, legal form, KvK
  "people:view", // the list of people and their roles
  "people:invite", // invite, resend, revoke invitations
  "people:manage", // change roles, remove people
  "audit:view",
  "members:view", // the member directory and member pages (peers look up expertise for referrals)
  "members:write", // admit, edit, suspend members; practices, AGB codes, import
  "members:records", // another person's whole record: contact, identifiers, registrations, membership (visibility.ts, decision 017)
  "profile:self", // keep up one's own profile and registrations
  "credentials:verify",
  "contracts:view",
  "contracts:write", // contracts, amendments, products, tariffs, requirements, budget, duties, reference data
  "compliance:view", // the compliance dashboard, eligibility of everyone, roster and production exports
  "trajectories:manage", // every trajectory: create, extend, log and import time for anyone
  "time:log", // log one's own time on the trajectories one works on
  "referrals:create",
  "costs:write",
  "meetings:view",
  "meetings:write",
  "meetings:vote",
  "tenders:write",
] as const;
export type Action = (typeof ACTIONS)[number];

const board: Action[] = [...ACTIONS];
const therapist: Action[] = ["org:view", "people:view", "members:view", "profile:self", "contracts:view", "time:log", "referrals:create", "meetings:view", "meetings:vote"];
// Subcontractors and hired therapists work under the cooperative's contracts but
// are not members: they see only what concerns them (DOMAIN.md, Users).
const contractor: Action[] = ["org:view", "profile:self", "contracts:view", "time:log", "referrals:create"];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  chair: board,
  secretary: board,
  treasurer: board,
  board_member: board,
  member: therapist,
  subcontractor: contractor,
  hired_therapist: contractor,
  // Office staff keep the administration: trajectories and time imports, and the
  // compliance figures they report from, but they deliver no care themselves.
  office_staff: ["org:view", "people:view", "people:invite", "members:view", "members:write", "members:records", "profile:self", "contracts:view", "compliance:view", "trajectories:manage", "meetings:view", "meetings:write"],
};

export function can(role: Role | null | undefined, action: Action): boolean {
  return role ? PERMISSIONS[role].includes(action) : false;
}

/** Office staff may invite, but only the board hands out board roles. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (isBoardRole(target)) return isBoardRole(actor);
  return can(actor, "people:invite") || can(actor, "people:manage");
}

/**
 * A cooperative always keeps at least one board member: refuse a change that
 * would demote or remove the last one. `newRole` null means removal.
 */
export function leavesNoBoard(roles: readonly { id: string; role: Role }[], targetId: string, newRole: Role | null): boolean {
  const boardAfter = roles.filter((m) => (m.id === targetId ? newRole !== null && isBoardRole(newRole) : isBoardRole(m.role)));
  return boardAfter.length === 0;
}
