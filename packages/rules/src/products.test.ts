import { describe, expect, it } from "vitest";
import { describeExtensions, extensionRuleProblems, extensionStep, formatVolume, isProductCategory, isProductCode, parseVolume, rulesOn, tariffOn, type ProductUnit } from "./products";
import { formatMoney, parseMoney } from "./format";

// IJZK perceel 2, basis jeugd-GGZ: EUR 76.50 from 2023, indexed to EUR 80.45 in 2026
// (demo figures); the 2025 addendum's extension rules from 1 January 2025.
const tariffs = [
  { validFrom: "2026-01-01", amountCents: 8045 },
  { validFrom: "2023-01-01", amountCents: 7650 },
];
const rules = [
  { effectiveOn: "2023-01-01", extensionsWithoutReferrer: 0 },
  { effectiveOn: "2025-01-01", extensionsWithoutReferrer: 2 },
];

describe("tariffOn", () => {
  it.each([
    ["2022-12-31", null],
    ["2023-01-01", 7650],
    ["2025-12-31", 7650],
    ["2026-01-01", 8045],
    ["2026-11-23", 8045],
  ] as const)("%s: %s", (date, cents) => expect(tariffOn(tariffs, date)?.amountCents ?? null).toBe(cents));
});

describe("rulesOn", () => {
  it.each([
    ["2024-12-31", 0],
    ["2025-01-01", 2],
    ["2026-11-23", 2],
  ] as const)("%s: %i extensions without the referrer", (date, n) => expect(rulesOn(rules, date)?.extensionsWithoutReferrer).toBe(n));
  it("none before the contract starts", () => expect(rulesOn(rules, "2022-06-01")).toBeNull());
});

describe("product code and category", () => {
  it.each([
    ["45VT1", true],
    ["54B01", true],
    ["45VT12", false],
    ["45-VT", false],
    ["", false],
  ] as const)("code %s: %s", (code, ok) => expect(isProductCode(code)).toBe(ok));
  it.each([
    ["45", true],
    ["54", true],
    ["50", true],
    ["99", false],
    ["4", false],
    ["045", false],
  ] as const)("category %s: %s", (category, ok) => expect(isProductCategory(category)).toBe(ok));
});

describe("the Haarlem tariff typed as a person types it", () => {
  it.each([
    ["70,80", 7080],
    ["€ 70,80", 7080],
    ["70.80.1", null],
    ["70,805", null],
  ] as const)("%s: %s cents", (typed, cents) => expect(parseMoney(typed)).toBe(cents));
  it("shows as € 70,80", () => expect(formatMoney(7080, "nl")).toBe("€\u00a070,80"));
});

describe("parseVolume: hours typed, minutes stored", () => {
  it.each([
    // Haarlem: treatment at most 60 hours, consultation and advice at most 8.
    ["60", "hour", 3600],
    ["8", "hour", 480],
    ["7,5", "hour", 450],
    ["7.25", "hour", 435],
    ["7:20", "hour", 440],
    ["1,5", "minute", 90],
    ["7,33", "hour", null],
    ["7,5,1", "hour", null],
    ["-1", "hour", null],
    ["acht", "hour", null],
    ["12", "piece", 12],
    ["12,5", "piece", null],
    ["10", "day_part", 10],
  ] as [string, ProductUnit, number | null][])("%s (%s): %s", (typed, unit, stored) => expect(parseVolume(typed, unit)).toBe(stored));
});

describe("formatVolume: minutes shown as hours", () => {
  it.each([
    [3600, "hour", "nl", "60"],
    [480, "hour", "nl", "8"],
    [450, "hour", "nl", "7,5"],
    [450, "hour", "en", "7.5"],
    [435, "minute", "nl", "7,25"],
    [440, "hour", "nl", "7:20"],
    [3, "hour", "nl", "0,05"],
    [12, "piece", "nl", "12"],
  ] as [number, ProductUnit, "nl" | "en", string][])("%i (%s, %s): %s", (minutes, unit, lng, shown) => expect(formatVolume(minutes, unit, lng)).toBe(shown));
  it.each([3600, 480, 450, 435, 440, 3, 0])("%i minutes survive the round trip", (minutes) => expect(parseVolume(formatVolume(minutes, "hour"), "hour")).toBe(minutes));
});

// IJZK perceel 2 addendum 2025: twice without the referrer, a self-assessment at the
// second, an intensive review by the CJG after the second.
const ijzk = { extensionsWithoutReferrer: 2, documentAtExtension: 2, documentName: "Zelfevaluatie", reviewAfterExtension: 2, reviewBy: "CJG" };
const before2025 = { extensionsWithoutReferrer: 0, documentAtExtension: null, documentName: null, reviewAfterExtension: null, reviewBy: null };

describe("extension rules", () => {
  it.each([
    [1, true, null, null],
    [2, true, "Zelfevaluatie", "CJG"],
    [3, false, null, null],
  ] as const)("IJZK extension %i: coordinator may grant %s, document %s, review by %s after", (n, coordinator, document, review) =>
    expect(extensionStep(ijzk, n)).toEqual({ number: n, coordinatorMayGrant: coordinator, document, reviewAfterBy: review }),
  );
  it("before the addendum the referrer grants every extension", () => {
    expect(extensionStep(before2025, 1).coordinatorMayGrant).toBe(false);
    expect(describeExtensions(before2025)).toEqual([]);
  });
  it("describes the IJZK addendum step by step", () => expect(describeExtensions(ijzk).map((s) => [s.number, s.document, s.reviewAfterBy])).toEqual([[1, null, null], [2, "Zelfevaluatie", "CJG"]]));
  it.each([
    [ijzk, []],
    [before2025, []],
    [{ ...ijzk, documentName: null }, ["documentName"]],
    [{ ...ijzk, documentAtExtension: null }, ["documentAtExtension"]],
    [{ ...ijzk, reviewBy: "" }, ["reviewBy"]],
    [{ ...ijzk, reviewAfterExtension: null }, ["reviewAfterExtension"]],
  ] as const)("problems %#", (rules, fields) => expect(extensionRuleProblems(rules).map((p) => p.field)).toEqual(fields));
});
