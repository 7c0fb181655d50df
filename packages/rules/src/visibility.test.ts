import { describe, expect, it } from "vitest";
import { ROLES, can, type Role } from "./permissions";
import {
  FIELD_GROUPS,
  PERSON_FIELDS,
  VIEWER_RELATIONS,
  canSeeField,
  redactPerson,
  seesWholeRecords,
  viewerRelation,
  visibleGroups,
  type FieldGroup,
  type ViewerRelation,
} from "./visibility";

// The rule spelled out: a change to VISIBILITY must change this table too.
const Y = true;
const N = false;
const expected: Record<FieldGroup, Record<ViewerRelation, boolean>> = {
  profile:       { self: Y, board: Y, office_staff: Y, peer: Y, contractor: Y },
  contact:       { self: Y, board: Y, office_staff: Y, peer: N, contractor: N },
  identifiers:   { self: Y, board: Y, office_staff: Y, peer: N, contractor: N },
  registrations: { self: Y, board: Y, office_staff: Y, peer: N, contractor: N },
  membership:    { self: Y, board: Y, office_staff: Y, peer: N, contractor: N },
};

describe("field visibility", () => {
  it("covers every group and relation", () => {
    expect(Object.keys(expected).sort()).toEqual([...FIELD_GROUPS].sort());
    for (const g of FIELD_GROUPS) expect(Object.keys(expected[g]).sort()).toEqual([...VIEWER_RELATIONS].sort());
  });
  const cases = FIELD_GROUPS.flatMap((group) => VIEWER_RELATIONS.map((relation) => [relation, group, expected[group][relation]] as const));
  it.each(cases)("%s sees %s: %s", (relation, group, visible) => expect(canSeeField(relation, group)).toBe(visible));

  it.each([
    ["chair", false, "board"],
    ["secretary", false, "board"],
    ["treasurer", false, "board"],
    ["board_member", false, "board"],
    ["office_staff", false, "office_staff"],
    ["member", false, "peer"],
    ["subcontractor", false, "contractor"],
    ["hired_therapist", false, "contractor"],
    ["member", true, "self"],
    ["subcontractor", true, "self"],
    ["chair", true, "self"],
  ] as const)("%s (own record: %s) is %s", (role, isSelf, relation) => expect(viewerRelation(role, isSelf)).toBe(relation));

  it("a person sees all of their own record, whatever their role", () => {
    for (const role of ROLES) expect([...visibleGroups(role, true)].sort()).toEqual([...FIELD_GROUPS].sort());
  });

  it("the permission to open another person's whole record (members:records) goes with seeing every group", () => {
    for (const role of ROLES) expect(can(role, "members:records"), role).toBe(seesWholeRecords(role));
  });

  it("who may change a record (members:write) sees all of it", () => {
    for (const role of ROLES as readonly Role[]) if (can(role, "members:write")) expect(seesWholeRecords(role), role).toBe(true);
  });
});

describe("redactPerson", () => {
  const record = {
    id: "m1",
    name: "Mila de Muzikant",
    disciplines: ["music"],
    email: "mila@example.test",
    phone: "06-12345678",
    agbCodes: ["90251234"],
    registrationState: "valid",
    joinedOn: "2024-01-01",
    hasAccount: true,
  };

  it.each([
    ["member", ["id", "name", "disciplines"]],
    ["subcontractor", ["id", "name", "disciplines"]],
    ["office_staff", Object.keys(record)],
    ["chair", Object.keys(record)],
  ] as const)("%s looking at someone else gets %j", (role, keys) => {
    expect(Object.keys(redactPerson(record, visibleGroups(role)))).toEqual(keys);
  });

  it("leaves hidden fields out altogether (not null), so no answer carries them", () => {
    const peerView = redactPerson(record, visibleGroups("member"));
    expect(JSON.stringify(peerView)).not.toContain("mila@example.test");
    expect("email" in peerView).toBe(false);
  });

  it("refuses a field without a group", () => {
    expect(() => redactPerson({ id: "m1", shoeSize: 44 }, visibleGroups("chair"))).toThrow(/shoeSize.*PERSON_FIELDS/);
  });

  it("every field belongs to a known group", () => {
    for (const group of Object.values(PERSON_FIELDS)) expect(FIELD_GROUPS).toContain(group);
  });
});
