import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, can, canAssignRole, leavesNoBoard, type Action, type Role } from "./permissions";

// The full matrix, spelled out: a change to PERMISSIONS must change this table too.
const Y = true;
const N = false;
const expected: Record<Action, Record<Role, boolean>> = {
  "org:view":           { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: Y, hired_therapist: Y, office_staff: Y },
  "org:settings":       { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
  "people:view":        { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: N, hired_therapist: N, office_staff: Y },
  "people:invite":      { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: Y },
  "people:manage":      { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
  "audit:view":         { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
  "members:view":       { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: N, hired_therapist: N, office_staff: Y },
  "profile:self":       { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: Y, hired_therapist: Y, office_staff: Y },
  "members:write":      { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: Y },
  "members:records":    { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: Y },
  "credentials:verify": { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
  "contracts:view":     { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: Y, hired_therapist: Y, office_staff: Y },
  "contracts:write":    { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
  "compliance:view":    { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: Y },
  "trajectories:manage":{ chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: Y },
  "time:log":           { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: Y, hired_therapist: Y, office_staff: N },
  "referrals:create":   { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: Y, hired_therapist: Y, office_staff: N },
  "costs:write":        { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
  "meetings:view":      { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: N, hired_therapist: N, office_staff: Y },
  "meetings:write":     { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: Y },
  "meetings:vote":      { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: Y, subcontractor: N, hired_therapist: N, office_staff: N },
  "tenders:write":      { chair: Y, secretary: Y, treasurer: Y, board_member: Y, member: N, subcontractor: N, hired_therapist: N, office_staff: N },
};

describe("permission matrix", () => {
  it("covers every action", () => expect(Object.keys(expected).sort()).toEqual([...ACTIONS].sort()));
  const cases = ACTIONS.flatMap((action) => ROLES.map((role) => [role, action, expected[action][role]] as const));
  it.each(cases)("%s may %s: %s", (role, action, allowed) => expect(can(role, action)).toBe(allowed));
  it("refuses everything without a role", () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
  });
});

describe("assigning roles", () => {
  it.each([
    ["chair", "treasurer", true],
    ["board_member", "chair", true],
    ["office_staff", "member", true],
    ["office_staff", "subcontractor", true],
    ["office_staff", "secretary", false],
    ["member", "member", false],
    ["subcontractor", "member", false],
  ] as const)("%s assigns %s: %s", (actor, target, allowed) => expect(canAssignRole(actor, target)).toBe(allowed));
});

describe("the last board member", () => {
  const coop = [
    { id: "a", role: "chair" as Role },
    { id: "b", role: "member" as Role },
  ];
  const twoBoard = [...coop, { id: "c", role: "treasurer" as Role }];
  it.each([
    ["demoting the only chair", coop, "a", "member", true],
    ["removing the only chair", coop, "a", null, true],
    ["moving the chair to another board role", coop, "a", "secretary", false],
    ["demoting one of two board members", twoBoard, "a", "member", false],
    ["removing one of two board members", twoBoard, "c", null, false],
    ["removing a member", coop, "b", null, false],
  ] as const)("%s -> refused %s", (_label, roles, id, role, refused) => expect(leavesNoBoard(roles, id, role)).toBe(refused));
});
