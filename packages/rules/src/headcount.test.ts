import { describe, expect, it } from "vitest";
import { headcount, isActive, isActivePractitioner, requiresRegistration, type Countable } from "./headcount";

const TODAY = "2026-12-01";
const P = (type: Countable["type"], status: Countable["status"], leavesOn: string | null = null): Countable => ({ type, status, leavesOn });

// Wij zijn KAS in the demo: 34 active members, 1 office staff, 1 prospective member,
// 1 prospective subcontractor, 1 suspended member; 38 records.
const KAS: Countable[] = [...Array.from({ length: 34 }, () => P("member", "member")), P("office_staff", "member"), P("member", "prospective"), P("subcontractor", "prospective"), P("member", "suspended")];

describe("who counts", () => {
  it("the demo's Wij zijn KAS: 38 records, 34 active practitioners, office staff apart", () => {
    expect(headcount(KAS, TODAY)).toEqual({ records: 38, activePractitioners: 34, activeOfficeStaff: 1, prospective: 2, suspended: 1, left: 0 });
  });

  it.each([
    // type, status, leaves on, active, active practitioner, needs registrations
    ["member", "member", null, true, true, true],
    ["subcontractor", "member", null, true, true, true],
    ["hired_therapist", "member", null, true, true, true],
    ["office_staff", "member", null, true, false, false],
    ["member", "prospective", null, false, false, true],
    ["member", "suspended", null, false, false, true],
    ["member", "left", null, false, false, true],
    ["member", "member", "2026-12-01", false, false, true], // resignation takes effect today
    ["member", "member", "2026-12-31", true, true, true], // still active until then
  ] as const)("%s %s (leaves %s)", (type, status, leavesOn, active, practitioner, registration) => {
    const m = P(type, status, leavesOn);
    expect([isActive(m, TODAY), isActivePractitioner(m, TODAY), requiresRegistration(m)]).toEqual([active, practitioner, registration]);
  });

  it("a resignation that took effect moves the person from active to left", () => {
    expect(headcount([P("member", "member", "2026-11-30"), P("member", "member")], TODAY)).toMatchObject({ activePractitioners: 1, left: 1 });
  });

  it("groups count as their number of records (the database hands counts per type, status and date)", () => {
    const grouped: Countable[] = [{ type: "member", status: "member", leavesOn: null, n: 34 }, { type: "office_staff", status: "member", leavesOn: null, n: 1 }, { type: "member", status: "prospective", n: 1 }, { type: "subcontractor", status: "prospective", n: 1 }, { type: "member", status: "suspended", n: 1 }];
    expect(headcount(grouped, TODAY)).toEqual(headcount(KAS, TODAY));
  });

  it("adds up: every record is counted exactly once", () => {
    const c = headcount(KAS, TODAY);
    expect(c.activePractitioners + c.activeOfficeStaff + c.prospective + c.suspended + c.left).toBe(c.records);
  });
});
