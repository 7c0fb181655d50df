import { describe, expect, it } from "vitest";
import {
  alertLevel,
  burnSeries,
  committedAmount,
  divRoundHalfUp,
  entryAmount,
  forecastExhaustion,
  forecastLine,
  minutesAmount,
  newThresholds,
  percentSpent,
  type DatedIndirectTerms,
} from "./budget";
import { paidIndirectMinutes } from "./contracts";

// The seeds' figures: EUR 70.80 an hour, the Haarlem pilot's EUR 75,000 a year,
// segment 4 paying indirect time up to 25 % of direct time.
const PILOT_TARIFFS = [{ validFrom: "2026-01-01", amountCents: 7080 }];
const HOURLY = { unit: "hour" as const, tariffs: PILOT_TARIFFS };
const CEILING = 7_500_000;
const NOT_PAID: DatedIndirectTerms = { effectiveOn: "2026-01-01", indirectTime: "not_paid", indirectSharePercent: null };
const SEGMENT_4: DatedIndirectTerms = { effectiveOn: "2023-01-01", indirectTime: "share", indirectSharePercent: 25 };
const INCLUDED: DatedIndirectTerms = { effectiveOn: "2023-01-01", indirectTime: "included", indirectSharePercent: null };

describe("rounding", () => {
  it.each([
    [0, 60, 0],
    [29, 60, 0],
    [30, 60, 1], // half up
    [31, 60, 1],
    [89, 60, 1],
    [90, 60, 2],
    [-30, 60, -1],
    [637200, 60, 10620],
  ])("%i / %i = %i", (n, d, expected) => expect(divRoundHalfUp(n, d)).toBe(expected));

  it("refuses floats", () => expect(() => divRoundHalfUp(1.5, 2)).toThrow());
});

describe("amount of time", () => {
  it.each([
    ["hour", 7080, 90, 10620], // 90 minutes at EUR 70.80 = EUR 106.20
    ["hour", 7080, 60, 7080],
    ["hour", 7080, 1, 118], // 118.0
    ["hour", 7080, 7, 826], // 826.0
    ["hour", 7085, 1, 118], // 118.08 → 118
    ["hour", 7090, 3, 355], // 354.5 → 355 (half up)
    ["minute", 118, 90, 10620],
    ["piece", 7080, 90, 0],
  ] as const)("%s at %i cents, %i minutes = %i cents", (unit, tariff, minutes, expected) => expect(minutesAmount(unit, tariff, minutes)).toBe(expected));
});

describe("paid indirect share", () => {
  it.each([
    [SEGMENT_4, 60, 20, 15], // 25 % of 60 = 15 paid of 20 logged
    [SEGMENT_4, 60, 10, 10], // under the cap: all of it
    [SEGMENT_4, 50, 20, 12], // 12.5 → whole minutes, down
    [SEGMENT_4, 0, 30, 0],
    [NOT_PAID, 60, 20, 0],
    [INCLUDED, 60, 20, 0],
  ])("%o: %i direct + %i indirect → %i paid", (terms, direct, indirect, expected) => expect(paidIndirectMinutes(terms, direct, indirect)).toBe(expected));

});

describe("entry amount", () => {
  const seg4 = { unit: "hour" as const, tariffs: [{ validFrom: "2023-01-01", amountCents: 7600 }, { validFrom: "2026-01-01", amountCents: 7960 }] };
  it.each([
    ["pilot, 90 min", HOURLY, NOT_PAID, "2026-03-02", 90, 30, 10620, 0],
    ["segment 4, 60 + 20 min in 2026", seg4, SEGMENT_4, "2026-03-02", 60, 20, 9950, 15], // 75 min x 79.60/60 = 99.50
    ["segment 4, 60 + 20 min in 2025 (old tariff)", seg4, SEGMENT_4, "2025-12-31", 60, 20, 9500, 15], // 75 x 76.00/60
    ["before any tariff", HOURLY, NOT_PAID, "2025-12-31", 60, 0, 0, 0],
  ] as const)("%s", (_label, product, base, workedOn, direct, indirect, cents, paid) => {
    const result = entryAmount({ workedOn, directMinutes: direct, indirectMinutes: indirect }, product, { base, amended: [] });
    expect(result.amountCents).toBe(cents);
    expect(result.paidIndirectMinutes).toBe(paid);
  });

  it("rounding per entry adds up to the cent", () => {
    // 3 entries of 1 minute at EUR 70.90: 118.17 each → 118 each → 354, not round(354.5) = 355.
    const product = { unit: "hour" as const, tariffs: [{ validFrom: "2026-01-01", amountCents: 7090 }] };
    const amounts = [1, 1, 1].map((m) => entryAmount({ workedOn: "2026-02-01", directMinutes: m, indirectMinutes: 0 }, product, { base: NOT_PAID, amended: [] }).amountCents);
    expect(amounts).toEqual([118, 118, 118]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(354);
  });
});

describe("committed", () => {
  it.each([
    [60 * 60, 0, 0, 424_800], // a fresh 60-hour treatment: EUR 4,248.00
    [60 * 60, 0, 90, 414_180], // 58.5 h left
    [60 * 60, 8 * 60, 60 * 60, 56_640], // extension of 8 h, 60 h delivered
    [60, 0, 90, 0], // over-delivered: never negative
  ])("allocated %i + extra %i − delivered %i = %i cents", (allocatedVolume, extraVolume, deliveredMinutes, expected) =>
    expect(committedAmount({ ...HOURLY, allocatedVolume, extraVolume, deliveredMinutes, today: "2026-11-23" })).toBe(expected),
  );
});

describe("percent and alerts", () => {
  it.each([
    [0, CEILING, 0, 0],
    [5_624_999, CEILING, 74, 0],
    [5_625_000, CEILING, 75, 75], // 75 % of EUR 75,000
    [6_750_000, CEILING, 90, 90],
    [7_500_000, CEILING, 100, 100],
    [8_000_000, CEILING, 106, 100],
    [100, null, null, 0],
  ])("%i of %s → %s %, level %i", (spent, ceiling, percent, level) => {
    expect(percentSpent(spent, ceiling)).toBe(percent);
    expect(alertLevel(percentSpent(spent, ceiling))).toBe(level);
  });

  it.each([
    [74, [], []],
    [75, [], [75]],
    [75, [75], []],
    [92, [75], [90]],
    [100, [], [75, 90, 100]],
    [100, [75, 90], [100]],
    [null, [], []],
  ] as const)("at %s % with %o sent: %o", (percent, sent, expected) => expect(newThresholds(percent, sent)).toEqual(expected));
});

describe("forecast", () => {
  const base = { ceilingCents: CEILING, today: "2026-06-30", yearEnd: "2026-12-31" };
  it.each([
    // EUR 45,000 spent, EUR 22,500 in the last 90 days (EUR 250 a day): EUR 30,000 left → 120 days.
    [4_500_000, 2_250_000, { status: "date", on: "2026-10-28" }],
    // Left not divisible: ceil.
    [4_500_000, 2_249_999, { status: "date", on: "2026-10-29" }],
    [4_500_000, 2_000_000, { status: "date", on: "2026-11-12" }], // 3,000,000 x 90 / 2,000,000 = 135
    [4_500_000, 1_000_000, { status: "beyond_year", on: null }], // 270 days
    [4_500_000, 0, { status: "no_rate", on: null }],
    [7_500_000, 0, { status: "exhausted", on: "2026-06-30" }],
    [8_000_000, 100, { status: "exhausted", on: "2026-06-30" }],
  ] as const)("spent %i, recent %i → %o", (spentCents, recentCents, expected) => expect(forecastExhaustion({ ...base, spentCents, recentCents })).toEqual(expected));

  it("without a ceiling there is no date", () => expect(forecastExhaustion({ ...base, ceilingCents: null, spentCents: 1, recentCents: 1 })).toEqual({ status: "no_ceiling", on: null }));

  it("the window is configurable", () =>
    expect(forecastExhaustion({ ...base, spentCents: 4_500_000, recentCents: 750_000, windowDays: 30 })).toEqual({ status: "date", on: "2026-10-28" }));

  it("the line goes to the exhaustion date at the ceiling, or to the year's end", () => {
    const forecast = forecastExhaustion({ ...base, spentCents: 4_500_000, recentCents: 2_250_000 });
    expect(forecastLine({ ...base, spentCents: 4_500_000, recentCents: 2_250_000, forecast })).toEqual([
      { date: "2026-06-30", cumulativeCents: 4_500_000 },
      { date: "2026-10-28", cumulativeCents: CEILING },
    ]);
    const slow = forecastExhaustion({ ...base, spentCents: 4_500_000, recentCents: 900_000 });
    // 184 days at EUR 100 a day.
    expect(forecastLine({ ...base, spentCents: 4_500_000, recentCents: 900_000, forecast: slow })).toEqual([
      { date: "2026-06-30", cumulativeCents: 4_500_000 },
      { date: "2026-12-31", cumulativeCents: 4_500_000 + 1_840_000 },
    ]);
    expect(forecastLine({ ...base, spentCents: 0, recentCents: 0, forecast: { status: "no_rate", on: null } })).toEqual([]);
  });
});

describe("burn series", () => {
  const entries = [
    { workedOn: "2026-01-05", amountCents: 10620 },
    { workedOn: "2026-01-31", amountCents: 7080 },
    { workedOn: "2026-03-01", amountCents: 7080 },
    { workedOn: "2025-12-31", amountCents: 99999 }, // another year
  ];
  it("is cumulative per month up to today", () =>
    expect(burnSeries(entries, 2026, "2026-03-15")).toEqual([
      { date: "2026-01-01", cumulativeCents: 0 },
      { date: "2026-01-31", cumulativeCents: 17700 },
      { date: "2026-02-28", cumulativeCents: 17700 },
      { date: "2026-03-15", cumulativeCents: 24780 },
    ]));
  it("has twelve months for a past year", () => {
    const series = burnSeries(entries, 2026, "2027-02-01");
    expect(series).toHaveLength(13);
    expect(series.at(-1)).toEqual({ date: "2026-12-31", cumulativeCents: 24780 });
  });
  it("is only its start before the year", () => expect(burnSeries(entries, 2027, "2026-11-23")).toEqual([{ date: "2027-01-01", cumulativeCents: 0 }]));
});
