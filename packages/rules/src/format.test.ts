import { describe, expect, it } from "vitest";
import { formatDate, formatDateInput, formatDateTime, formatMoney, parseDateInput, parseMoney } from "./format";

// Intl separates "€" and the amount with a (narrow) no-break space; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("money", () => {
  it.each([
    [7080, "nl", "€ 70,80"], // Haarlem pilot hourly tariff
    [15_000_000, "nl", "€ 150.000,00"], // Haarlem pilot budget
    [8470, "en", "€84.70"],
    [-500, "nl", "€ -5,00"],
  ] as const)("formats %i cents in %s as %s", (cents, locale, text) => expect(plain(formatMoney(cents, locale))).toBe(text));
  it("refuses fractions of a cent", () => expect(() => formatMoney(70.5)).toThrow());
  it.each([
    ["70,80", 7080],
    ["70.80", 7080],
    ["€ 76", 7600],
    ["84,7", 8470],
    ["150.000", 15_000_000],
    ["150.000,00", 15_000_000],
    ["1,234.56", 123_456],
    ["EUR 0,01", 1],
    ["-5,00", -500],
    ["1.234,56", 123_456], // what the money field's hint shows
    ["7.080", 708_000], // a dot before three digits groups thousands
    ["31.341,60", 3_134_160], // the Haarlem pilot's over-commitment
    [" 70,80 ", 7080],
    ["70,", null],
    ["1.23,45", null],
    ["70,805", null],
    ["1.234.567,8", 123_456_780],
    ["12.34.5", null],
    ["abc", null],
    ["", null],
  ] as const)("parses %s as %s", (text, cents) => expect(parseMoney(text)).toBe(cents));
});

describe("dates", () => {
  it.each([
    ["2026-11-23", "nl", "23-11-2026"],
    ["2025-01-01", "nl", "01-01-2025"],
    ["2030-12-31", "en", "31/12/2030"],
  ] as const)("%s in %s is %s", (iso, locale, text) => expect(formatDate(iso, locale)).toBe(text));
  it("shows times in Amsterdam", () => {
    expect(formatDateTime(new Date("2026-11-23T13:05:00Z"), "nl")).toBe("23-11-2026 14:05");
  });
  // The formatters are built once per locale: alternating locales must not leak one into the other.
  it("gives the same text however often and in whatever order the locales are asked", () => {
    for (let i = 0; i < 3; i++) {
      expect(formatDate("2026-11-23", "en")).toBe("23/11/2026");
      expect(formatDate("2026-11-23", "nl")).toBe("23-11-2026");
      expect(formatDateTime(new Date("2026-06-01T08:30:00Z"), "en")).toBe("01/06/2026 10:30");
      expect(formatDateTime(new Date("2026-06-01T08:30:00Z"), "nl")).toBe("01-06-2026 10:30");
      expect(plain(formatMoney(123456, "nl"))).toBe(plain(formatMoney(123456)));
    }
  });
});

describe("date input", () => {
  it.each([
    ["30-11-2026", "2026-11-30"], // what the trajectory forms refused before
    ["2026-11-30", "2026-11-30"], // the browser's picker sends ISO
    ["23-11-2026", "2026-11-23"],
    ["1-2-2027", "2027-02-01"], // the VOG lapsing date, typed short
    ["01/02/2027", "2027-02-01"],
    ["30.10.2026", "2026-10-30"], // the overdue quarterly report
    [" 30-11-2026 ", "2026-11-30"],
    ["29-02-2028", "2028-02-29"], // leap year
    ["29-02-2027", null],
    ["31-04-2026", null],
    ["31-02-2026", null],
    ["2026-13-01", null],
    ["2026-02-30", null],
    ["00-11-2026", null],
    ["30-11-26", null], // two-digit years are not guessed
    ["30-11/2026", null], // mixed separators
    ["11/30/2026", null], // American order has no month 30
    ["30 november 2026", null],
    ["", null],
  ] as const)("reads %s as %s", (text, iso) => expect(parseDateInput(text)).toBe(iso));
  it.each([
    ["2026-11-30", "30-11-2026"],
    ["2027-02-01", "01-02-2027"],
    ["30-11-2026", "30-11-2026"],
    ["", ""],
  ] as const)("shows %s as %s for typing", (value, text) => expect(formatDateInput(value)).toBe(text));
  it("round-trips what it shows", () => expect(parseDateInput(formatDateInput("2026-11-23"))).toBe("2026-11-23"));
});
