import { describe, expect, it } from "vitest";
import { attentionFor, budgetAttentionSignal, invitationUnanswered, isOverdue, lapseSeverity, rankAttention, trajectorySeverity, type AttentionItem, type Severity } from "./attention";

// The demo on its "today": Wij zijn KAS on 1 December 2026.
const TODAY = "2026-12-01";

const item = (key: string, severity: Severity, dueOn: string | null, over: Partial<AttentionItem> = {}): AttentionItem => ({
  key,
  kind: "duty_due_soon",
  severity,
  dueOn,
  subject: key,
  params: {},
  link: "/",
  audience: { action: "compliance:view" },
  ...over,
});

describe("budgetAttentionSignal", () => {
  it.each<[string, { ceilingCents: number | null; spentCents: number; committedCents: number; percentSpent: number | null }, ReturnType<typeof budgetAttentionSignal>]>([
    // The Haarlem pilot: EUR 75,000, 89 % spent, committed hours take it EUR 31,341.60 past the ceiling.
    ["Haarlem pilot: over-committed wins over the 75 % signal", { ceilingCents: 7_500_000, spentCents: 6_675_000, committedCents: 3_959_160, percentSpent: 89 }, { kind: "budget_over_committed", severity: "critical", overCents: 3_134_160 }],
    ["exactly at the ceiling with commitments is not over", { ceilingCents: 7_500_000, spentCents: 5_000_000, committedCents: 2_500_000, percentSpent: 66 }, null],
    ["one cent over is over-committed", { ceilingCents: 7_500_000, spentCents: 5_000_000, committedCents: 2_500_001, percentSpent: 66 }, { kind: "budget_over_committed", severity: "critical", overCents: 1 }],
    ["74 % spent: nothing yet", { ceilingCents: 100_000, spentCents: 74_999, committedCents: 0, percentSpent: 74 }, null],
    ["75 % spent: a note", { ceilingCents: 100_000, spentCents: 75_000, committedCents: 0, percentSpent: 75 }, { kind: "budget_threshold", severity: "info", level: 75 }],
    ["89 % spent: still the 75 % level", { ceilingCents: 100_000, spentCents: 89_000, committedCents: 0, percentSpent: 89 }, { kind: "budget_threshold", severity: "info", level: 75 }],
    ["90 % spent: a warning", { ceilingCents: 100_000, spentCents: 90_000, committedCents: 0, percentSpent: 90 }, { kind: "budget_threshold", severity: "warning", level: 90 }],
    ["100 % spent, nothing committed: critical", { ceilingCents: 100_000, spentCents: 100_000, committedCents: 0, percentSpent: 100 }, { kind: "budget_threshold", severity: "critical", level: 100 }],
    ["no ceiling: nothing to say", { ceilingCents: null, spentCents: 5_000_000, committedCents: 0, percentSpent: null }, null],
  ])("%s", (_, facts, expected) => {
    expect(budgetAttentionSignal(facts)).toEqual(expected);
  });
});

describe("lapseSeverity", () => {
  it.each<[string, string, Severity]>([
    // Sophie Martens's VOG makes her ineligible after 01-02-2027: 62 days ahead.
    ["the demo's VOG lapsing 01-02-2027", "2027-02-01", "info"],
    ["31 days ahead", "2027-01-01", "info"],
    ["30 days ahead", "2026-12-31", "warning"],
    ["today", TODAY, "warning"],
    // Xander Pauw's Register Vaktherapie, expired 14-09-2026.
    ["already past", "2026-09-14", "critical"],
  ])("%s", (_, on, expected) => {
    expect(lapseSeverity(on, TODAY)).toBe(expected);
  });
});

describe("trajectorySeverity", () => {
  it.each<[string[], Severity]>([
    [["ending_soon"], "warning"],
    [["volume_80", "extension_document_missing"], "warning"],
    [["volume_exceeded"], "critical"],
    [["ending_soon", "duration_exceeded"], "critical"],
    [[], "info"],
  ])("%j is %s", (codes, expected) => {
    expect(trajectorySeverity(codes)).toBe(expected);
  });
});

describe("invitationUnanswered", () => {
  it.each<[string, string, string, boolean]>([
    ["sent 6 days ago", "2026-11-25", "2026-12-09", false],
    ["sent 7 days ago", "2026-11-24", "2026-12-08", true],
    ["expired yesterday, sent 3 days ago", "2026-11-28", "2026-11-30", true],
  ])("%s", (_, sentOn, expiresOn, expected) => {
    expect(invitationUnanswered(sentOn, expiresOn, TODAY)).toBe(expected);
  });
});

describe("rankAttention", () => {
  it("puts the overdue report first, then by severity, then by date, then by subject", () => {
    const items = [
      item("lapse-vog", "info", "2027-02-01"),
      item("ending-2026-12-19", "warning", "2026-12-19"),
      item("pilot-over-committed", "critical", null),
      item("ending-2026-12-05", "warning", "2026-12-05"),
      item("report-2026-10-30", "critical", "2026-10-30"),
      item("verify-no-date", "info", null),
      item("b-same", "warning", "2026-12-05"),
    ];
    expect(rankAttention(items, TODAY).map((i) => i.key)).toEqual(["report-2026-10-30", "pilot-over-committed", "b-same", "ending-2026-12-05", "ending-2026-12-19", "lapse-vog", "verify-no-date"]);
  });

  it("ranks the longest overdue first, even an overdue note above a critical item without a date", () => {
    const items = [item("critical-now", "critical", null), item("late-info", "info", "2026-11-20"), item("later-critical", "critical", "2026-11-25"), item("older", "warning", "2026-10-01")];
    expect(rankAttention(items, TODAY).map((i) => i.key)).toEqual(["later-critical", "older", "late-info", "critical-now"]);
  });

  it("is a total order: the same items in any order rank the same", () => {
    const items = [item("a", "warning", "2026-12-05"), item("b", "warning", "2026-12-05"), item("c", "info", null)];
    expect(rankAttention([...items].reverse(), TODAY)).toEqual(rankAttention(items, TODAY));
  });

  it("today itself is not overdue", () => {
    expect(isOverdue({ dueOn: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ dueOn: "2026-11-30" }, TODAY)).toBe(true);
    expect(isOverdue({ dueOn: null }, TODAY)).toBe(false);
  });
});

describe("attentionFor", () => {
  const board = { can: (a: string) => a === "compliance:view" || a === "trajectories:manage", memberId: "m-chair" };
  const member = { can: (a: string) => a === "time:log", memberId: "m-anna" };
  const items = [
    item("report", "critical", "2026-10-30"),
    item("anna-own", "warning", "2026-12-05", { audience: { memberId: "m-anna" }, about: "t1" }),
    item("bram-own", "info", "2027-03-01", { audience: { memberId: "m-bram" }, about: "t2" }),
    item("t1-board", "warning", "2026-12-05", { audience: { action: "trajectories:manage" }, about: "t1" }),
    item("chair-own", "warning", "2026-12-05", { audience: { memberId: "m-chair" }, about: "t1" }),
  ];

  it("a member sees only her own items, never another member's nor the board's", () => {
    expect(attentionFor(items, member, TODAY).map((i) => i.key)).toEqual(["anna-own"]);
  });

  it("the board sees what its permissions cover, and one item per record (its own coordination of t1 and the board's warning are one)", () => {
    expect(attentionFor(items, board, TODAY).map((i) => i.key)).toEqual(["report", "chair-own"]);
  });

  it("someone without a member record sees no member's own items", () => {
    expect(attentionFor(items, { can: () => false, memberId: null }, TODAY)).toEqual([]);
  });
});
