// Trajectory limits and extension rules (DOMAIN.md "Trajectory limits"; seed 002, the
// IJZK perceel 2 addendum). Volumes of time products are in minutes.
import { addDays } from "./members";
import { daysBetween } from "./registrations";
import type { ProductRule } from "./products";

/** A warning on a trajectory; its text is t(`trajectories.warnings.${code}`, params). */
export type TrajectoryWarningCode = "volume_80" | "volume_exceeded" | "ending_soon" | "duration_exceeded" | "extension_document_missing" | "review_due";
export type TrajectoryWarningOut = { code: TrajectoryWarningCode; params?: Record<string, string | number> };

export const VOLUME_WARNING_PERCENT = 80;
export const ENDING_SOON_DAYS = 28;

/** The rules of the product in force (product_rules), as far as trajectories need them. */
export type TrajectoryRules = Omit<ProductRule, "effectiveOn">;

export type ExtensionFacts = { number: number; extraVolume: number; hasDocument: boolean; grantedOn: string };

export type TrajectoryFacts = {
  startsOn: string;
  endsOn: string;
  allocatedVolume: number;
  status: "active" | "completed" | "stopped";
  reviewDoneOn: string | null;
  extensions: readonly ExtensionFacts[];
  /** Direct volume delivered so far (minutes for time products). */
  used: number;
};

/** The volume a trajectory may use: the allocation plus the extra volume of its extensions. */
export function allowedVolume(t: Pick<TrajectoryFacts, "allocatedVolume" | "extensions">): number {
  return t.allocatedVolume + t.extensions.reduce((sum, e) => sum + e.extraVolume, 0);
}

export function remainingVolume(t: Pick<TrajectoryFacts, "allocatedVolume" | "extensions" | "used">): number {
  return Math.max(0, allowedVolume(t) - t.used);
}

/** Share used, in whole percent (rounded down), of `limit`; null without a limit. */
export function percentOf(used: number, limit: number | null): number | null {
  if (limit === null || limit <= 0) return null;
  return Math.floor((used * 100) / limit);
}

/** The threshold in volume units at which the 80 % warning starts: 80 % of 3600 = 2880. */
export const warningThreshold = (limit: number) => Math.ceil((limit * VOLUME_WARNING_PERCENT) / 100);

/** The last day a trajectory may run under its product's maximum duration (null: no limit). */
export function maxEndOn(startsOn: string, maxDurationWeeks: number | null): string | null {
  return maxDurationWeeks === null ? null : addDays(startsOn, maxDurationWeeks * 7 - 1);
}

/** Whether the n-th extension needs the document the rules name. */
export const extensionNeedsDocument = (rules: Pick<TrajectoryRules, "documentAtExtension"> | null, n: number) => rules?.documentAtExtension != null && n === rules.documentAtExtension;

/**
 * Who may grant the n-th extension: the coordinating practitioner up to
 * extensionsWithoutReferrer, beyond that only the referrer.
 */
export function extensionGrantor(rules: Pick<TrajectoryRules, "extensionsWithoutReferrer"> | null, n: number): "coordinator" | "referrer" {
  return n <= (rules?.extensionsWithoutReferrer ?? 0) ? "coordinator" : "referrer";
}

/** An outside review is due once the extension the rules name has been granted, until one is recorded. */
export function reviewDue(rules: Pick<TrajectoryRules, "reviewAfterExtension"> | null, extensionCount: number, reviewDoneOn: string | null): boolean {
  return rules?.reviewAfterExtension != null && extensionCount >= rules.reviewAfterExtension && reviewDoneOn === null;
}

/** The warnings on a trajectory on `today`; an ended (completed/stopped) trajectory has none. */
export function trajectoryWarnings(t: TrajectoryFacts, rules: TrajectoryRules | null, today: string): TrajectoryWarningOut[] {
  if (t.status !== "active") return [];
  const out: TrajectoryWarningOut[] = [];
  const allowed = allowedVolume(t);
  const limits = [allowed, rules?.maxVolume ?? null].filter((l): l is number => l !== null && l > 0);
  const limit = limits.length ? Math.min(...limits) : null;
  if (limit !== null) {
    if (t.used > limit) out.push({ code: "volume_exceeded", params: { used: t.used, limit } });
    else if (t.used >= warningThreshold(limit)) out.push({ code: "volume_80", params: { used: t.used, limit, percent: percentOf(t.used, limit) ?? 0 } });
  }
  const lastDay = maxEndOn(t.startsOn, rules?.maxDurationWeeks ?? null);
  if (lastDay !== null && (t.endsOn > lastDay || today > lastDay)) out.push({ code: "duration_exceeded", params: { weeks: rules?.maxDurationWeeks ?? 0, lastDay } });
  const daysLeft = daysBetween(today, t.endsOn);
  if (daysLeft >= 0 && daysLeft <= ENDING_SOON_DAYS) out.push({ code: "ending_soon", params: { endsOn: t.endsOn, days: daysLeft } });
  for (const e of t.extensions) {
    if (extensionNeedsDocument(rules, e.number) && !e.hasDocument) out.push({ code: "extension_document_missing", params: { number: e.number, document: rules?.documentName ?? "" } });
  }
  if (reviewDue(rules, t.extensions.length, t.reviewDoneOn)) out.push({ code: "review_due", params: { by: rules?.reviewBy ?? "" } });
  return out;
}

export type EntryRefusal = "before_start" | "after_end" | "beyond_volume";

/** Whether a time entry fits: its date inside the period, its direct minutes within the allowed volume. */
export function entryFits(t: Pick<TrajectoryFacts, "startsOn" | "endsOn" | "allocatedVolume" | "extensions" | "used">, entry: { workedOn: string; directMinutes: number }): EntryRefusal | null {
  if (entry.workedOn < t.startsOn) return "before_start";
  if (entry.workedOn > t.endsOn) return "after_end";
  if (t.used + entry.directMinutes > allowedVolume(t)) return "beyond_volume";
  return null;
}

/** "1:30", "90", "1.5u"? Only "h:mm" and plain minutes: 90 → 90, "1:30" → 90; null when unreadable. */
export function parseMinutes(input: string): number | null {
  const s = input.trim();
  if (s === "") return 0;
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2]);
  if (/^\d{1,4}$/.test(s)) return Number(s);
  return null;
}

/** 90 → "1:30". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const m = Math.abs(minutes);
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/** Elfproef for a BSN (9 digits): a client code must never look like one. */
export function looksLikeBsn(code: string): boolean {
  const digits = code.replace(/[\s.-]/g, "");
  if (!/^\d{8,9}$/.test(digits)) return false;
  const d = digits.padStart(9, "0").split("").map(Number);
  const sum = d.slice(0, 8).reduce((s, n, i) => s + n * (9 - i), 0) - d[8];
  return sum % 11 === 0;
}

/**
 * A client code identifies no one: no 9-digit number (BSN or not), nothing that
 * passes the elfproef, no words separated by spaces like a name.
 */
export function clientCodeProblem(code: string): "bsn" | "name" | null {
  const s = code.trim();
  if (/^\d{9}$/.test(s.replace(/[\s.-]/g, "")) || looksLikeBsn(s)) return "bsn";
  if (/^[\p{L}'-]+(\s+[\p{L}'-]+)+$/u.test(s)) return "name";
  return null;
}
