// The honest figures (docs/decisions/025-honest-figures.md) with the demo's numbers:
// the Haarlem pilot on 01-12-2026 (EUR 75,000 ceiling, EUR 67,366.20 spent,
// EUR 38,975.40 committed by open trajectories) and its four therapists at EUR 18,750 each.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocationStanding, budgetSignal, budgetStanding, committedForecast, forecastExhaustion } from "./budget";

const CEILING = 7_500_000;
const SPENT = 6_736_620;
const COMMITTED = 3_897_540;

describe("budget standing", () => {
  it.each([
    // label, ceiling, spent, committed, state, remaining, over-committed, % spent, % used
    ["the Haarlem pilot: over-committed by EUR 31,341.60", CEILING, SPENT, COMMITTED, "over_committed", -3_134_160, 3_134_160, 89, 141],
    ["the pilot without its open trajectories", CEILING, SPENT, 0, "within", 763_380, 0, 89, 89],
    ["exactly used up by promises", CEILING, 5_000_000, 2_500_000, "fully_committed", 0, 0, 66, 100],
    ["spent past the ceiling", CEILING, 7_600_000, 0, "over_spent", -100_000, 100_000, 101, 101],
    ["IJZK perceel 2: plenty of room", 9_000_000, 262_540, 228_660, "within", 8_508_800, 0, 2, 5],
    ["nothing yet", CEILING, 0, 0, "within", CEILING, 0, 0, 0],
  ] as const)("%s", (_label, ceilingCents, spentCents, committedCents, state, remaining, over, pctSpent, pctUsed) => {
    const s = budgetStanding({ ceilingCents, spentCents, committedCents });
    expect(s).toMatchObject({ state, remainingCents: remaining, overCommittedCents: over, percentSpent: pctSpent, percentUsed: pctUsed, usedCents: spentCents + committedCents });
  });

  it("no ceiling: nothing to compare with, no remainder", () => {
    expect(budgetStanding({ ceilingCents: null, spentCents: 500, committedCents: 100 })).toMatchObject({ state: "no_ceiling", remainingCents: null, percentUsed: null, overCommittedCents: 0 });
  });
});

describe("budget signal: the highest threshold passed by spent + committed", () => {
  it.each([
    // label, spent, committed, level, spent-only level, next, tone
    ["the pilot: 89 % spent, 141 % used → 100 % in red, the mails' 75 % beside it", SPENT, COMMITTED, 100, 75, null, "danger"],
    ["89 % spent, nothing committed → 75 %, next 90 %", SPENT, 0, 75, 75, 90, "warning"],
    ["74.99 % spent is 74: no signal yet", 5_624_999, 0, 0, 0, 75, "ok"],
    ["75 % spent exactly", 5_625_000, 0, 75, 75, 90, "warning"],
    ["60 % spent, 32 % committed → 90 %", 4_500_000, 2_400_000, 90, 0, 100, "warning"],
    ["exactly fully committed → 100 %", 5_000_000, 2_500_000, 100, 0, null, "danger"],
  ] as const)("%s", (_label, spentCents, committedCents, level, spentLevel, next, tone) => {
    expect(budgetSignal(budgetStanding({ ceilingCents: CEILING, spentCents, committedCents }))).toEqual({ level, spentLevel, next, tone });
  });

  it("without a ceiling there is no signal", () => {
    expect(budgetSignal(budgetStanding({ ceilingCents: null, spentCents: SPENT, committedCents: 0 }))).toEqual({ level: 0, spentLevel: 0, next: null, tone: "none" });
  });

  it("property: the signal never goes down as spent grows (committed fixed)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (ceiling, a, b, committed) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const s1 = budgetSignal(budgetStanding({ ceilingCents: ceiling, spentCents: low, committedCents: committed }));
        const s2 = budgetSignal(budgetStanding({ ceilingCents: ceiling, spentCents: high, committedCents: committed }));
        expect(s2.level).toBeGreaterThanOrEqual(s1.level);
        expect(s2.spentLevel).toBeGreaterThanOrEqual(s1.spentLevel);
        expect(s1.level).toBeGreaterThanOrEqual(s1.spentLevel); // committed only adds
      }),
    );
  });
});

describe("forecast with committed hours", () => {
  const base = { ceilingCents: CEILING, spentCents: SPENT, recentCents: 2_000_000, today: "2026-12-01", yearEnd: "2026-12-31" };

  it("the pilot: fully committed today, whatever the pace; the pace's own date beside it", () => {
    const f = committedForecast({ ...base, committedCents: COMMITTED });
    expect(f.status).toBe("committed");
    expect(f.on).toBe("2026-12-01");
    // EUR 7,633.80 left at EUR 20,000 per 90 days: ceil(763,380 x 90 / 2,000,000) = 35 days → 05-01-2027, beyond the year.
    expect(f.atRate.status).toBe("beyond_year");
    // Committed (EUR 38,975.40) outweighs the pace to 31 December (30 days of EUR 20,000/90 = EUR 6,666.67).
    expect(f.expectedYearEndCents).toBe(SPENT + COMMITTED);
  });

  it.each([
    // label, spent, committed, recent, status, on, expected year end
    // EUR 35,000 left at EUR 120,000 per 90 days: ceil(26.25) = 27 days; the pace to 31-12 adds EUR 40,000.
    ["room left: the rate forecast stands", 4_000_000, 500_000, 12_000_000, "date", "2026-12-28", 4_000_000 + 4_000_000],
    ["already spent: exhausted today", 7_500_000, 100_000, 1_000_000, "exhausted", "2026-12-01", 7_500_000 + 333_333],
    ["no recent spending, nothing committed", 1_000_000, 0, 0, "no_rate", null, 1_000_000],
    ["no recent spending but committed past the ceiling", 7_000_000, 600_000, 0, "committed", "2026-12-01", 7_600_000],
  ] as const)("%s", (_label, spentCents, committedCents, recentCents, status, on, expected) => {
    const f = committedForecast({ ...base, spentCents, committedCents, recentCents });
    expect([f.status, f.on, f.expectedYearEndCents]).toEqual([status, on, expected]);
  });

  it("a tiny rate is 'not within the year', not a date past 9999 that sorts before 31-12 (the property's counterexample)", () => {
    expect(forecastExhaustion({ ceilingCents: 32_361, spentCents: 0, recentCents: 1, today: "2026-01-01", yearEnd: "2026-12-31" })).toEqual({ status: "beyond_year", on: null });
  });

  it("property: the expected year end is never below spent, and a date never before today", () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 364 }), (ceiling, spent, committed, recent, day) => {
        const today = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        const f = committedForecast({ ceilingCents: ceiling, spentCents: spent, committedCents: committed, recentCents: recent, today, yearEnd: "2026-12-31" });
        expect(f.expectedYearEndCents).toBeGreaterThanOrEqual(spent);
        expect(f.expectedYearEndCents).toBeGreaterThanOrEqual(spent + committed);
        if (f.on !== null) expect(f.on >= today).toBe(true);
      }),
    );
  });
});

describe("a member against their allocation", () => {
  it.each([
    // the demo's four pilot therapists at EUR 18,750 each
    ["Quinten Dekker", 2_598_360, "over", 138, 723_360],
    ["Roos Brouwer", 2_493_930, "over", 133, 618_930],
    ["Pieter van Vliet", 1_092_090, "within", 58, 0],
    ["Marieke Jansen", 552_240, "within", 29, 0],
    ["at 90 %", 1_687_500, "near", 90, 0],
    ["exactly used", 1_875_000, "near", 100, 0],
  ] as const)("%s", (_name, spentCents, state, percent, over) => {
    expect(allocationStanding({ allocationCents: 1_875_000, spentCents })).toMatchObject({ state, percent, overCents: over, remainingCents: 1_875_000 - spentCents });
  });

  it("no allocation: nothing to be over", () => {
    expect(allocationStanding({ allocationCents: null, spentCents: 7080 })).toEqual({ state: "no_allocation", percent: null, remainingCents: null, overCents: 0 });
  });
});
