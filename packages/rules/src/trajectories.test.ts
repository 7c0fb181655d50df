import { describe, expect, it } from "vitest";
import {
  allowedVolume,
  clientCodeProblem,
  entryFits,
  extensionGrantor,
  extensionNeedsDocument,
  formatMinutes,
  looksLikeBsn,
  parseMinutes,
  remainingVolume,
  reviewDue,
  trajectoryWarnings,
  warningThreshold,
  type TrajectoryFacts,
  type TrajectoryRules,
} from "./trajectories";

// Haarlem pilot (seed 000/001 case 4): treatment at most 60 hours, consultation at most 8 hours.
const treatment: TrajectoryRules = { maxVolume: 3600, maxDurationWeeks: 52, extensionsWithoutReferrer: 0, documentAtExtension: null, documentName: null, reviewAfterExtension: null, reviewBy: null };
const consultation: TrajectoryRules = { ...treatment, maxVolume: 480, maxDurationWeeks: null };
// IJZK perceel 2 addendum (seed 002): two extensions without the referrer, a self-assessment
// at the second, an intensive review by the CJG after the second.
const ijzk: TrajectoryRules = { maxVolume: null, maxDurationWeeks: null, extensionsWithoutReferrer: 2, documentAtExtension: 2, documentName: "zelfevaluatie", reviewAfterExtension: 2, reviewBy: "CJG" };

const base: TrajectoryFacts = { startsOn: "2026-01-05", endsOn: "2026-12-31", allocatedVolume: 3600, status: "active", reviewDoneOn: null, extensions: [], used: 0 };
const today = "2026-06-01";
const codes = (t: Partial<TrajectoryFacts>, rules: TrajectoryRules | null = treatment, on = today) => trajectoryWarnings({ ...base, ...t }, rules, on).map((w) => w.code);

describe("volume warnings", () => {
  it("80 % of 60 h is 48 h; of 8 h it is 6 h 24", () => {
    expect(warningThreshold(3600)).toBe(2880);
    expect(warningThreshold(480)).toBe(384);
  });
  it.each([
    ["47:59 of 60 h", { used: 2879 }, treatment, []],
    ["48 h of 60 h", { used: 2880 }, treatment, ["volume_80"]],
    ["60 h of 60 h", { used: 3600 }, treatment, ["volume_80"]],
    ["60:01 of 60 h", { used: 3601 }, treatment, ["volume_exceeded"]],
    ["6:23 of 8 h", { used: 383, allocatedVolume: 480 }, consultation, []],
    ["6:24 of 8 h", { used: 384, allocatedVolume: 480 }, consultation, ["volume_80"]],
    ["80 % of a smaller allocation (20 h)", { used: 960, allocatedVolume: 1200 }, treatment, ["volume_80"]],
    ["no rules: the allocation counts", { used: 1000, allocatedVolume: 1200 }, null, ["volume_80"]],
    ["extension volume raises the allocation", { used: 1000, allocatedVolume: 1200, extensions: [{ number: 1, extraVolume: 600, hasDocument: false, grantedOn: "2026-03-01" }] }, treatment, []],
    ["completed: no warnings", { used: 3601, status: "completed" as const }, treatment, []],
  ])("%s", (_label, t, rules, expected) => {
    expect(codes(t, rules)).toEqual(expected);
  });
});

describe("dates", () => {
  it.each([
    ["ends in 29 days", { endsOn: "2026-06-30" }, []],
    ["ends in 28 days", { endsOn: "2026-06-29" }, ["ending_soon"]],
    ["ends today", { endsOn: "2026-06-01" }, ["ending_soon"]],
    ["ended yesterday: not 'soon'", { endsOn: "2026-05-31" }, []],
    ["runs beyond 52 weeks", { startsOn: "2025-01-06", endsOn: "2026-12-31" }, ["duration_exceeded"]],
    ["exactly 52 weeks", { startsOn: "2026-01-05", endsOn: "2027-01-03" }, []],
  ])("%s", (_label, t, expected) => {
    expect(codes(t)).toEqual(expected);
  });
});

describe("extension rules (IJZK addendum)", () => {
  it.each([
    [1, "coordinator", false],
    [2, "coordinator", true],
    [3, "referrer", false],
  ] as const)("extension %i is granted by the %s; document: %s", (n, who, doc) => {
    expect(extensionGrantor(ijzk, n)).toBe(who);
    expect(extensionNeedsDocument(ijzk, n)).toBe(doc);
  });
  it("without rules every extension needs the referrer", () => {
    expect(extensionGrantor(null, 1)).toBe("referrer");
    expect(extensionGrantor(treatment, 1)).toBe("referrer");
  });
  it.each([
    [1, null, false],
    [2, null, true],
    [3, null, true],
    [2, "2026-05-01", false],
  ])("after %i extensions (review %s) a review is due: %s", (count, done, due) => {
    expect(reviewDue(ijzk, count, done)).toBe(due);
  });
  it("a 2nd extension without its self-assessment warns, and the CJG review is due", () => {
    const ext = (number: number, hasDocument: boolean) => ({ number, hasDocument, extraVolume: 0, grantedOn: "2026-04-01" });
    expect(codes({ allocatedVolume: 1200, extensions: [ext(1, false), ext(2, false)] }, ijzk)).toEqual(["extension_document_missing", "review_due"]);
    expect(codes({ allocatedVolume: 1200, extensions: [ext(1, false), ext(2, true)], reviewDoneOn: "2026-05-01" }, ijzk)).toEqual([]);
    const w = trajectoryWarnings({ ...base, extensions: [ext(1, false), ext(2, false)] }, ijzk, today);
    expect(w[0].params).toEqual({ number: 2, document: "zelfevaluatie" });
    expect(w[1].params).toEqual({ by: "CJG" });
  });
});

describe("entryFits", () => {
  const t = { ...base, used: 3540 };
  it.each([
    ["inside", { workedOn: "2026-03-02", directMinutes: 60 }, null],
    ["the day before the start", { workedOn: "2026-01-04", directMinutes: 60 }, "before_start"],
    ["the last day", { workedOn: "2026-12-31", directMinutes: 30 }, null],
    ["after the end", { workedOn: "2027-01-01", directMinutes: 30 }, "after_end"],
    ["one minute beyond 60 h", { workedOn: "2026-03-02", directMinutes: 61 }, "beyond_volume"],
    ["indirect only", { workedOn: "2026-03-02", directMinutes: 0 }, null],
  ])("%s", (_l, entry, expected) => {
    expect(entryFits(t, entry)).toBe(expected);
  });
  it("extensions add volume", () => {
    const ext = { ...t, extensions: [{ number: 1, extraVolume: 120, hasDocument: true, grantedOn: "2026-03-01" }] };
    expect(allowedVolume(ext)).toBe(3720);
    expect(remainingVolume(ext)).toBe(180);
    expect(entryFits(ext, { workedOn: "2026-03-02", directMinutes: 180 })).toBe(null);
  });
});

describe("minutes", () => {
  it.each([
    ["1:30", 90],
    ["90", 90],
    ["0:45", 45],
    ["", 0],
    ["1:75", null],
    ["1.5", null],
    ["abc", null],
  ])("%s → %s", (input, expected) => {
    expect(parseMinutes(input)).toBe(expected);
  });
  it("formats", () => {
    expect(formatMinutes(90)).toBe("1:30");
    expect(formatMinutes(3600)).toBe("60:00");
    expect(formatMinutes(384)).toBe("6:24");
  });
});

describe("client codes identify no one", () => {
  it.each([
    ["111222333", "bsn"], // passes the elfproef
    ["123456789", "bsn"], // nine digits, elfproef or not
    ["1112.22.333", "bsn"],
    ["Jan de Vries", "name"],
    ["HLM-2026-014", null],
    ["K123", null],
  ])("%s → %s", (code, expected) => {
    expect(clientCodeProblem(code)).toBe(expected);
  });
  it("elfproef", () => {
    expect(looksLikeBsn("111222333")).toBe(true);
    expect(looksLikeBsn("123456789")).toBe(false);
  });
});
