// Money is integer cents and dates are calendar dates (ARCHITECTURE.md, principle 6).
// Formatting follows the user's language; Dutch is the default.

export type Locale = "nl" | "en";
const intlLocale = (locale: Locale) => (locale === "nl" ? "nl-NL" : "en-GB");

// Building an Intl formatter costs far more than using one (a page of 400 members
// formats thousands of dates), so each is built once per locale and reused.
function cachedPerLocale<F>(build: (intl: string) => F): (locale: Locale) => F {
  const built = new Map<Locale, F>();
  return (locale) => {
    let found = built.get(locale);
    if (!found) {
      found = build(intlLocale(locale));
      built.set(locale, found);
    }
    return found;
  };
}

const moneyFormat = cachedPerLocale((intl) => new Intl.NumberFormat(intl, { style: "currency", currency: "EUR" }));
const dateFormat = cachedPerLocale(
  (intl) => new Intl.DateTimeFormat(intl, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Amsterdam" }),
);
const dateTimeFormat = cachedPerLocale(
  (intl) =>
    new Intl.DateTimeFormat(intl, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" }),
);

export function formatMoney(cents: number, locale: Locale = "nl"): string {
  if (!Number.isInteger(cents)) throw new TypeError("money must be integer cents");
  // Intl formats from a number; cents/100 is exact for display at two decimals.
  return moneyFormat(locale).format(cents / 100);
}

/**
 * Parse what a person types ("70,80", "1.234,56", "€ 70", "70.80") into cents
 * without floating point. Returns null when it is not an amount.
 */
export function parseMoney(input: string): number | null {
  let text = input.replace(/[€\s]|EUR/gi, "");
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  // Dutch first: a comma is the decimal mark. A dot groups thousands when three
  // digits follow it ("150.000"), else it is a decimal mark ("70.80"). With both,
  // the last one is the decimal mark ("1.234,56", "1,234.56").
  let euros: string;
  let fraction = "";
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  const decimalAt = lastComma >= 0 && lastDot >= 0 ? Math.max(lastComma, lastDot)
    : lastComma >= 0 ? lastComma
    : lastDot >= 0 && !/^\d{1,3}(\.\d{3})+$/.test(text) ? lastDot
    : -1;
  if (decimalAt >= 0) {
    euros = text.slice(0, decimalAt);
    fraction = text.slice(decimalAt + 1);
    if (!/^\d{1,2}$/.test(fraction)) return null;
  } else {
    euros = text;
  }
  const grouping = decimalAt >= 0 ? (text[decimalAt] === "," ? "." : ",") : ".";
  const groupPattern = new RegExp(`^\\d{1,3}(\\${grouping}\\d{3})+$`);
  if (!/^\d+$/.test(euros) && !groupPattern.test(euros)) return null;
  euros = euros.split(grouping).join("");
  const cents = fraction.padEnd(2, "0");
  const value = Number(euros) * 100 + Number(cents);
  if (!Number.isSafeInteger(value)) return null;
  return negative ? -value : value;
}

/** A calendar date ("2026-11-23", a Date) as 23-11-2026 (nl) or 23/11/2026 (en). */
export function formatDate(value: string | Date, locale: Locale = "nl"): string {
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  return dateFormat(locale).format(date);
}

/** A moment as 23-11-2026 14:05 in Amsterdam time. */
export function formatDateTime(value: Date, locale: Locale = "nl"): string {
  return dateTimeFormat(locale).format(value).replace(",", "");
}

/**
 * What a person types or picks in a date field, as an ISO calendar date
 * ("2026-11-30"); null when it is not a real date. Dutch order first: day, month,
 * year, separated by "-", "/" or "." ("30-11-2026", "1-2-2027"); the browser's
 * picker and older links send ISO ("2026-11-30"). A two-digit year is refused
 * rather than guessed: "30-11-26" could be 1926 or 2026.
 */
export function parseDateInput(input: string): string | null {
  const text = input.trim();
  let day: number, month: number, year: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(text))) [day, month, year] = [Number(match[1]), Number(match[3]), Number(match[4])];
  else return null;
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  // The day must exist in that month (31-02 and 29-02 outside leap years do not).
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** An ISO calendar date as the date field shows it for typing: "2026-11-30" → "30-11-2026". Anything else is left as typed. */
export function formatDateInput(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}
