import { describe, expect, it } from "vitest";
import { agbWarning, effectiveStatus, isArtsTherapy, memberTypeForRole, resignationEffectiveDate, todayInAmsterdam, type ResignationSettings } from "./members";

const statutory: ResignationSettings = { atYearEnd: true, noticeWeeks: 4, financialYearEndMonth: 12 };

describe("resignationEffectiveDate", () => {
  it.each<[string, ResignationSettings, string]>([
    // 23-11 + 4 weeks = 21-12, before 31-12: this year.
    ["2026-11-23", statutory, "2026-12-31"],
    // 03-12 + 4 weeks = 31-12 exactly: still this year.
    ["2026-12-03", statutory, "2026-12-31"],
    // 04-12 + 4 weeks = 01-01: next year.
    ["2026-12-04", statutory, "2027-12-31"],
    ["2026-12-10", statutory, "2027-12-31"],
    ["2026-01-01", statutory, "2026-12-31"],
    // Financial year ending in June.
    ["2026-05-20", { atYearEnd: true, noticeWeeks: 4, financialYearEndMonth: 6 }, "2026-06-30"],
    ["2026-06-10", { atYearEnd: true, noticeWeeks: 4, financialYearEndMonth: 6 }, "2027-06-30"],
    ["2026-07-01", { atYearEnd: true, noticeWeeks: 4, financialYearEndMonth: 6 }, "2027-06-30"],
    // February's last day, leap year.
    ["2027-12-01", { atYearEnd: true, noticeWeeks: 4, financialYearEndMonth: 2 }, "2028-02-29"],
    // No year-end rule: the notice alone.
    ["2026-11-23", { atYearEnd: false, noticeWeeks: 4, financialYearEndMonth: 12 }, "2026-12-21"],
    ["2026-12-10", { atYearEnd: false, noticeWeeks: 4, financialYearEndMonth: 12 }, "2027-01-07"],
    ["2026-11-23", { atYearEnd: false, noticeWeeks: 0, financialYearEndMonth: 12 }, "2026-11-23"],
    // Long notice crossing more than a year.
    ["2026-11-23", { atYearEnd: true, noticeWeeks: 60, financialYearEndMonth: 12 }, "2028-12-31"],
  ])("requested %s with %o -> %s", (requested, settings, expected) => expect(resignationEffectiveDate(requested, settings)).toBe(expected));
});

describe("agbWarning", () => {
  it.each<[string, string[], string | null]>([
    ["90251234", ["art"], null],
    ["90241234", ["play"], null],
    ["94061234", ["music"], "notArtsTherapyCode"],
    ["94061234", ["psychologist"], null],
    ["94161234", ["remedial_educationalist"], null],
    ["01234567", ["drama", "psychologist"], "notArtsTherapyCode"],
    ["12345678", [], null],
    ["1234", ["art"], null], // not an AGB code at all: the validator refuses it, no warning
  ])("%s for %o -> %s", (code, disciplines, expected) => expect(agbWarning(code, disciplines)).toBe(expected));
});

describe("discipline classification", () => {
  it.each([
    ["art", true],
    ["drama", true],
    ["music", true],
    ["dance", true],
    ["psychomotor", true],
    ["play", true],
    ["integrative_child", false],
    ["psychologist", false],
    ["remedial_educationalist", false],
    ["family_worker", false],
    ["unknown", false],
  ])("%s is arts therapy: %s", (discipline, expected) => expect(isArtsTherapy(discipline)).toBe(expected));
});

describe("memberTypeForRole", () => {
  it.each([
    ["chair", "member"],
    ["treasurer", "member"],
    ["member", "member"],
    ["subcontractor", "subcontractor"],
    ["hired_therapist", "hired_therapist"],
    ["office_staff", "office_staff"],
  ] as const)("%s -> %s", (role, type) => expect(memberTypeForRole(role)).toBe(type));
});

describe("effectiveStatus", () => {
  it.each([
    [{ status: "member", leavesOn: "2026-12-31" }, "2026-12-30", "member"],
    [{ status: "member", leavesOn: "2026-12-31" }, "2026-12-31", "left"],
    [{ status: "suspended", leavesOn: "2026-12-31" }, "2027-01-01", "left"],
    [{ status: "prospective", leavesOn: null }, "2027-01-01", "prospective"],
  ] as const)("%o on %s -> %s", (member, today, expected) => expect(effectiveStatus(member, today)).toBe(expected));
});

describe("todayInAmsterdam", () => {
  it("is the Dutch calendar day, not UTC's", () => {
    expect(todayInAmsterdam(new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
    expect(todayInAmsterdam(new Date("2026-06-30T21:59:00Z"))).toBe("2026-06-30");
  });
});
