import { describe, expect, it } from "vitest";
import {
  BUILTIN_REGISTRATION_TYPES,
  addMonths,
  dueReminderSteps,
  memberRegistrationState,
  numberMatches,
  parseReminderDays,
  registrationState,
  validUntilFromCycle,
  vogValidForStart,
  weekStart,
  type MemberRegistrationState,
  type RegistrationState,
  type Verification,
} from "./registrations";

describe("validUntilFromCycle", () => {
  it.each([
    ["2024-02-29", 60, "2029-02-28"], // leap day + 5 years: no 29 February in 2029
    ["2024-02-29", 48, "2028-02-29"], // + 4 years lands on a leap year again
    ["2023-03-15", 60, "2028-03-15"], // Register Vaktherapie, 5 years
    ["2026-01-31", 1, "2026-02-28"], // month end clamps
    ["2027-12-31", 2, "2028-02-29"], // into a leap February
    ["2026-08-31", 36, "2029-08-31"], // VOG renewed every 3 years
    ["2025-12-01", 12, "2026-12-01"], // liability insurance, yearly
    ["2025-10-31", 12, "2026-10-31"],
  ] as const)("%s + %i months = %s", (issued, months, expected) => {
    expect(validUntilFromCycle(issued, months)).toBe(expected);
  });

  it("no cycle (VECOZO, meldcode) gives no end date", () => {
    expect(validUntilFromCycle("2026-01-01", null)).toBeNull();
    expect(validUntilFromCycle("2026-01-01", 0)).toBeNull();
  });

  it("addMonths goes backwards too", () => {
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-15", -13)).toBe("2024-12-15");
  });
});

describe("registrationState", () => {
  const today = "2026-11-23";
  it.each<[Verification, string | null, RegistrationState]>([
    ["verified", "2027-11-23", "valid"],
    ["verified", "2027-02-22", "valid"], // 91 days left
    ["verified", "2027-02-21", "expiring"], // exactly 90 days left
    ["verified", "2026-11-23", "expiring"], // last valid day
    ["verified", "2026-11-22", "expired"],
    ["verified", null, "valid"], // no cycle
    ["pending", "2027-11-23", "unverified"],
    ["pending", "2026-11-22", "expired"], // expired wins over unverified
    ["rejected", "2027-11-23", "rejected"],
    ["rejected", "2026-01-01", "expired"],
  ])("%s until %s is %s", (verification, validUntil, expected) => {
    expect(registrationState({ verification, validUntil }, today)).toBe(expected);
  });
});

describe("memberRegistrationState", () => {
  const today = "2026-11-23";
  const reg = (typeId: string, verification: Verification, validUntil: string | null) => ({ typeId, verification, validUntil });
  it.each<[string, string[], ReturnType<typeof reg>[], MemberRegistrationState]>([
    ["nothing required", [], [], "valid"],
    ["all valid", ["rv", "vog"], [reg("rv", "verified", "2028-01-01"), reg("vog", "verified", null)], "valid"],
    ["one missing", ["rv", "vog"], [reg("rv", "verified", "2028-01-01")], "missing"],
    ["missing beats expired", ["rv", "vog"], [reg("rv", "verified", "2026-01-01")], "missing"],
    ["expired beats unverified", ["rv", "vog"], [reg("rv", "verified", "2026-01-01"), reg("vog", "pending", "2028-01-01")], "expired"],
    ["unverified beats expiring", ["rv", "vog"], [reg("rv", "verified", "2026-12-01"), reg("vog", "pending", "2028-01-01")], "unverified"],
    ["expiring", ["rv"], [reg("rv", "verified", "2026-12-01")], "expiring"],
    ["a pending renewal leaves the verified one in force", ["rv"], [reg("rv", "verified", "2026-12-01"), reg("rv", "pending", "2031-12-01")], "expiring"],
    ["a verified renewal makes it valid", ["rv"], [reg("rv", "verified", "2026-12-01"), reg("rv", "verified", "2031-12-01")], "valid"],
    ["rejected counts as absent", ["rv"], [reg("rv", "rejected", "2031-12-01")], "missing"],
    ["types not required do not count", ["rv"], [reg("rv", "verified", "2031-12-01"), reg("big", "verified", "2020-01-01")], "valid"],
  ])("%s", (_name, required, regs, expected) => {
    expect(memberRegistrationState(required, regs, today)).toBe(expected);
  });
});

describe("dueReminderSteps", () => {
  const ladder = [90, 60, 30, 7];
  const until = "2027-03-01";
  it.each<[string, number[], number[]]>([
    ["2026-11-30", [], []], // 91 days left: nothing yet
    ["2026-12-01", [], [90]], // exactly 90
    ["2026-12-15", [90], []], // between 90 and 60, 90 already sent
    ["2026-12-31", [90], [60]], // 60 days left
    ["2027-01-30", [90, 60], [30]], // 30 days left
    ["2027-01-30", [90, 60, 30], []], // running twice sends once
    ["2027-02-22", [90, 60, 30], [7]],
    ["2027-03-01", [90, 60, 30, 7], []], // the last day: all sent
    // Server down from day 95 to day 25: only the latest passed step (30), not 90 and 60 as well.
    ["2027-02-04", [], [30]],
    // 60 was missed but 30 went out: never send the older one afterwards.
    ["2027-02-04", [90, 30], []],
    ["2027-03-02", [], []], // expired: the digest reports it
  ])("on %s with %j sent: %j", (today, sent, expected) => {
    expect(dueReminderSteps(until, today, ladder, sent)).toEqual(expected);
  });

  it("follows a cooperative's own ladder", () => {
    expect(dueReminderSteps(until, "2027-02-15", [45, 14], [])).toEqual([14]);
    expect(dueReminderSteps(until, "2027-02-14", [45, 14], [])).toEqual([45]);
    expect(dueReminderSteps(until, "2027-01-15", [45, 14], [])).toEqual([45]);
    expect(dueReminderSteps(until, "2027-01-15", [], [])).toEqual([]);
  });
});

describe("vogValidForStart", () => {
  it.each([
    ["2026-01-31", "2026-04-30", true], // three months, at a month end
    ["2026-01-31", "2026-05-01", false],
    ["2026-02-15", "2026-05-15", true],
    ["2026-02-15", "2026-05-16", false],
    ["2023-11-30", "2024-02-29", true], // into a leap February
    ["2026-03-01", "2026-03-01", true], // the same day
    ["2026-03-02", "2026-03-01", false], // issued after the start
  ] as const)("issued %s, start %s: %s", (issued, start, expected) => {
    expect(vogValidForStart(issued, start)).toBe(expected);
  });
});

describe("parseReminderDays", () => {
  it.each([
    ["90, 60, 30, 7", [90, 60, 30, 7]],
    ["7 30 60 90", [90, 60, 30, 7]],
    ["30;30;14", [30, 14]],
    ["", null],
    ["0", null],
    ["400", null],
    ["30, veertien", null],
    ["1.5", null],
  ] as const)("%j -> %j", (input, expected) => {
    expect(parseReminderDays(input)).toEqual(expected);
  });
});

describe("built-in types", () => {
  it("carry the cycles from the registers", () => {
    const byCode = Object.fromEntries(BUILTIN_REGISTRATION_TYPES.map((t) => [t.code, t]));
    expect(byCode.register_vaktherapie).toMatchObject({ cycleMonths: 60, pointsRequired: 200, subject: "member" });
    expect(byCode.skj.cycleMonths).toBe(60);
    expect(byCode.big).toMatchObject({ cycleMonths: 60, numberPattern: "^[0-9]{11}$" });
    expect(byCode.vog.cycleMonths).toBe(36);
    expect(byCode.liability_insurance.cycleMonths).toBe(12);
    expect(byCode.hkz).toMatchObject({ cycleMonths: 36, subject: "organization" });
    expect(Object.keys(byCode)).toEqual(["register_vaktherapie", "skj", "big", "vog", "liability_insurance", "vecozo", "reporting_code", "hkz"]);
  });

  it("BIG numbers are 11 digits", () => {
    const big = BUILTIN_REGISTRATION_TYPES.find((t) => t.code === "big")!.numberPattern;
    expect(numberMatches(big, "19012345601")).toBe(true);
    expect(numberMatches(big, "1901234560")).toBe(false);
    expect(numberMatches(big, "190123456012")).toBe(false);
    expect(numberMatches(big, "1901234560a")).toBe(false);
    expect(numberMatches(null, "anything")).toBe(true);
  });
});

describe("weekStart", () => {
  it.each([
    ["2026-11-23", "2026-11-23"], // a Monday
    ["2026-11-29", "2026-11-23"], // Sunday belongs to the week before
    ["2026-11-30", "2026-11-30"],
    ["2027-01-01", "2026-12-28"], // across the year end
    ["2024-03-03", "2024-02-26"], // across a leap day
  ] as const)("%s -> %s", (date, expected) => {
    expect(weekStart(date)).toBe(expected);
  });
});
