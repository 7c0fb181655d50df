import { describe, expect, it } from "vitest";
import { contractProblems, contractStatusOn, indirectTermsOn, isSharePercent, paidIndirectMinutes } from "./contracts";

// The Haarlem pilot runs two years: 1 January 2026 to 31 December 2027.
const pilot = { startsOn: "2026-01-01", endsOn: "2027-12-31" };

describe("contractStatusOn", () => {
  it.each([
    ["2025-12-31", "upcoming"],
    ["2026-01-01", "running"],
    ["2026-11-23", "running"],
    ["2027-12-31", "running"],
    ["2028-01-01", "ended"],
  ] as const)("%s: %s", (date, status) => expect(contractStatusOn(pilot, date)).toBe(status));
});

// Segment 4 at Wij zijn KAS pays indirect time at 25 % of direct time; an
// amendment from 1 July 2026 stops paying it, another from 2027 restores 20 %.
const kas = { indirectTime: "share" as const, indirectSharePercent: 25 };
const amendments = [
  { effectiveOn: "2027-01-01", indirectTime: "share" as const, indirectSharePercent: 20 },
  { effectiveOn: "2026-07-01", indirectTime: "not_paid" as const, indirectSharePercent: null },
];

describe("indirectTermsOn", () => {
  it.each([
    ["2023-01-01", "share", 25, null],
    ["2026-06-30", "share", 25, null],
    ["2026-07-01", "not_paid", null, "2026-07-01"],
    ["2026-12-31", "not_paid", null, "2026-07-01"],
    ["2027-01-01", "share", 20, "2027-01-01"],
  ] as const)("%s: %s %s (from %s)", (date, kind, share, from) =>
    expect(indirectTermsOn(kas, amendments, date)).toEqual({ indirectTime: kind, indirectSharePercent: share, effectiveOn: from }),
  );
  it("without amendments the base terms hold, and a stray share is dropped unless paid as a share", () => {
    expect(indirectTermsOn({ indirectTime: "included", indirectSharePercent: 25 }, [], "2026-01-01")).toEqual({ indirectTime: "included", indirectSharePercent: null, effectiveOn: null });
  });
});

describe("paidIndirectMinutes", () => {
  it.each([
    // 8 hours direct at 25 %: up to 2 hours indirect paid.
    [kas, 480, 60, 60],
    [kas, 480, 120, 120],
    [kas, 480, 200, 120],
    [kas, 0, 60, 0],
    [{ indirectTime: "not_paid", indirectSharePercent: null }, 480, 60, 0],
    [{ indirectTime: "included", indirectSharePercent: null }, 480, 60, 0],
  ] as const)("%o: %i direct, %i indirect -> %i paid", (terms, direct, indirect, paid) => expect(paidIndirectMinutes(terms, direct, indirect)).toBe(paid));
});

describe("isSharePercent", () => {
  it.each([
    [0, true],
    [25, true],
    [100, true],
    [-1, false],
    [101, false],
    [12.5, false],
  ])("%s: %s", (n, ok) => expect(isSharePercent(n)).toBe(ok));
});

describe("contractProblems", () => {
  const base = { startsOn: "2023-01-01", endsOn: "2026-12-31", indirectTime: "not_paid" as const };
  it.each([
    ["a valid IJZK perceel 2 contract", { ...base, latestEndOn: "2028-12-31", evaluationDates: ["2025-09-30"] }, []],
    ["end before start", { ...base, endsOn: "2022-12-31" }, ["endsOn"]],
    ["latest end before end", { ...base, latestEndOn: "2026-06-30" }, ["latestEndOn"]],
    ["evaluation before the start", { ...base, evaluationDates: ["2022-06-01"] }, ["evaluationDates"]],
    ["evaluation after the end", { ...base, evaluationDates: ["2027-06-01"] }, ["evaluationDates"]],
    ["evaluation within the extensions", { ...base, latestEndOn: "2028-12-31", evaluationDates: ["2027-06-01"] }, []],
    ["share without a percentage", { ...base, indirectTime: "share" as const }, ["indirectSharePercent"]],
    ["share of 25 %", { ...base, indirectTime: "share" as const, indirectSharePercent: 25 }, []],
    ["share above 100 %", { ...base, indirectTime: "share" as const, indirectSharePercent: 125 }, ["indirectSharePercent"]],
  ])("%s", (_name, input, fields) => expect(contractProblems(input).map((p) => p.field)).toEqual(fields));
});
