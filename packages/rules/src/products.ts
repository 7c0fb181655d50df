// Products under a contract (iJw 3.2 code lists, DOMAIN.md): categories from JZ020,
// units from WJ756, and the tariff and rules in force on a date.

/** JZ020 product categories the cooperatives deliver under (a subset of the list). */
export const PRODUCT_CATEGORIES = ["40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "58"] as const;

export const PRODUCT_UNITS = ["minute", "hour", "day_part", "piece", "euro"] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];
/** WJ756 codes: 01 minute, 04 hour, 16 day part, 82 piece (output), 83 euro. */
export const WJ756: Record<ProductUnit, string> = { minute: "01", hour: "04", day_part: "16", piece: "82", euro: "83" };
/** Hours and minutes are delivered as time: their volumes are kept in minutes. */
export const isTimeUnit = (unit: ProductUnit) => unit === "minute" || unit === "hour";

export const REFERRER_TYPES = ["municipality", "gp", "youth_doctor", "certified_institution", "medical_specialist", "self", "court"] as const;
export type ReferrerType = (typeof REFERRER_TYPES)[number];
/** COD327 codes. */
export const COD327: Record<ReferrerType, string> = { municipality: "01", gp: "02", youth_doctor: "03", certified_institution: "04", medical_specialist: "05", self: "06", court: "08" };

export const isProductCode = (code: string) => /^[0-9A-Za-z]{1,5}$/.test(code);

/**
 * The row in force on `date` among rows that each apply from a date on (tariffs
 * from `validFrom`, rules and terms from `effectiveOn`): the latest that has started.
 * Null before the first.
 */
export function inForceOn<T>(rows: readonly T[], date: string, from: (row: T) => string): T | null {
  let best: T | null = null;
  for (const row of rows) if (from(row) <= date && (best === null || from(row) > from(best))) best = row;
  return best;
}

export type Tariff = { validFrom: string; amountCents: number };
export const tariffOn = (tariffs: readonly Tariff[], date: string): Tariff | null => inForceOn(tariffs, date, (t) => t.validFrom);

export type ProductRule = {
  effectiveOn: string;
  maxVolume: number | null;
  maxDurationWeeks: number | null;
  extensionsWithoutReferrer: number;
  documentAtExtension: number | null;
  documentName: string | null;
  reviewAfterExtension: number | null;
  reviewBy: string | null;
};
export const rulesOn = <R extends { effectiveOn: string }>(rules: readonly R[], date: string): R | null => inForceOn(rules, date, (r) => r.effectiveOn);

// ---------------------------------------------------------------------------
// Entering and showing products and their rules (the board's forms).

export const isProductCategory = (category: string) => (PRODUCT_CATEGORIES as readonly string[]).includes(category);

/**
 * A maximum volume as a person types it, into what product_rules stores: for
 * hour and minute products hours ("60", "7,5", "7.25", "7:30") become minutes,
 * for other units a whole number stays as it is. No floating point: hours with
 * at most two decimals, and only when they come to whole minutes. Null when not valid.
 */
export function parseVolume(input: string, unit: ProductUnit): number | null {
  const text = input.trim();
  if (!isTimeUnit(unit)) {
    if (!/^\d{1,9}$/.test(text)) return null;
    return Number(text);
  }
  const clock = /^(\d{1,6}):([0-5]\d)$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = /^(\d{1,6})(?:[,.](\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const hundredths = Number((m[2] ?? "").padEnd(2, "0"));
  // 1/100 hour is 0.6 minute: only multiples of 5 hundredths (3 minutes) are whole minutes.
  if ((hundredths * 60) % 100 !== 0) return null;
  return Number(m[1]) * 60 + (hundredths * 60) / 100;
}

/**
 * A stored volume as the form and the tables show it: minutes as hours ("60",
 * "7,5"; "7:20" when the minutes make no short decimal), other units as the number.
 */
export function formatVolume(volume: number, unit: ProductUnit, locale: "nl" | "en" = "nl"): string {
  if (!isTimeUnit(unit)) return String(volume);
  const hours = Math.floor(volume / 60);
  const minutes = volume % 60;
  if (minutes === 0) return String(hours);
  if ((minutes * 100) % 60 !== 0) return `${hours}:${String(minutes).padStart(2, "0")}`;
  const hundredths = String((minutes * 100) / 60).padStart(2, "0").replace(/0$/, "");
  return `${hours}${locale === "nl" ? "," : "."}${hundredths}`;
}

export type ExtensionRules = Pick<ProductRule, "extensionsWithoutReferrer" | "documentAtExtension" | "documentName" | "reviewAfterExtension" | "reviewBy">;

/** What the rules say about extension number `n` (1 = the first). */
export function extensionStep(rules: ExtensionRules, n: number) {
  return {
    number: n,
    // Up to extensionsWithoutReferrer the coordinating practitioner may grant it; after that the referrer must.
    coordinatorMayGrant: n <= rules.extensionsWithoutReferrer,
    document: rules.documentAtExtension === n ? rules.documentName : null,
    // The outside review is due once the extension that calls for it has been granted.
    reviewAfterBy: rules.reviewAfterExtension === n ? rules.reviewBy : null,
  };
}

/** Every extension the rules say something about, in order (empty when the referrer grants them all, plainly). */
export function describeExtensions(rules: ExtensionRules) {
  const last = Math.max(rules.extensionsWithoutReferrer, rules.documentAtExtension ?? 0, rules.reviewAfterExtension ?? 0);
  return Array.from({ length: last }, (_, i) => extensionStep(rules, i + 1));
}

/**
 * Rules that do not hang together, as (field, message key): a document without
 * the extension it belongs to or the other way round, likewise the review.
 */
export function extensionRuleProblems(rules: ExtensionRules): { field: keyof ExtensionRules; key: string }[] {
  const problems: { field: keyof ExtensionRules; key: string }[] = [];
  if (rules.documentAtExtension !== null && !rules.documentName) problems.push({ field: "documentName", key: "products.errors.documentName" });
  if (rules.documentAtExtension === null && rules.documentName) problems.push({ field: "documentAtExtension", key: "products.errors.documentAt" });
  if (rules.reviewAfterExtension !== null && !rules.reviewBy) problems.push({ field: "reviewBy", key: "products.errors.reviewBy" });
  if (rules.reviewAfterExtension === null && rules.reviewBy) problems.push({ field: "reviewAfterExtension", key: "products.errors.reviewAfter" });
  return problems;
}
