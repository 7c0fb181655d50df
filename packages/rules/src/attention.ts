// "Vandaag" (issue 12): what needs a person's attention, from every area, in one
// ranked list. The item is plain data so the page and the daily digest render the
// same list with the same words; each area's module turns its own facts into items
// (app/modules/attention/registry.server.ts lists those functions).
import { daysBetween } from "./registrations";
import { alertLevel, type AlertLevel } from "./budget";

/** Every kind of item; a new area adds its kinds here and its words under today.reasons.<kind>. */
export const ATTENTION_KINDS = [
  "duty_overdue",
  "duty_due_soon",
  "budget_over_committed",
  "budget_threshold",
  "trajectory_warning",
  "trajectory_own",
  "registration_expired",
  "registration_lapsing",
  "registration_pending",
  "registration_to_verify",
  "registration_rejected",
  "registration_missing",
  "invitation_open",
  "member_not_eligible",
  "member_lapsing",
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** critical: something is wrong now; warning: it will be soon; info: a thing to do, nothing wrong. */
export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A parameter of an item's reason, kept raw so each reader formats it in their own
 * language: a calendar date, an amount in cents, minutes, a translation key, or a list.
 */
export type AttentionParam = string | number | { date: string } | { money: number } | { minutes: number } | { t: string; params?: Record<string, AttentionParam> } | { list: AttentionParam[] };

/** Who the item is for: whoever may act on an area (a permission), or one member's own. */
export type Audience = { action: string } | { memberId: string };

export type AttentionItem = {
  /** Stable within a day: the same condition gives the same key (deduplication, React keys, tests). */
  key: string;
  kind: AttentionKind;
  severity: Severity;
  /** The date the thing is due or happens; null when it has no date (a pending verification). */
  dueOn: string | null;
  /** What the item is about, in words (a contract's name, a client code, a person). */
  subject: string;
  /** The reason: today.reasons.<kind> with these parameters. */
  params: Record<string, AttentionParam>;
  /** Where it can be acted on, relative to the cooperative (`/contracts/…`); the page and the mail prefix it. */
  link: string;
  audience: Audience;
  /** The record it is about (a trajectory's id): a viewer who gets two items about one record (as its coordinator and as board) sees the first-ranked only. */
  about?: string;
};

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Past its date: a due date before today. */
export const isOverdue = (item: Pick<AttentionItem, "dueOn">, today: string) => item.dueOn !== null && item.dueOn < today;

/**
 * The order of the list: overdue first (the longest overdue on top), then by
 * severity, then by date (soonest first, no date last), then by subject and key so
 * the order is total and the page and the mail never differ.
 */
export function rankAttention<T extends AttentionItem>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => {
    const overdue = Number(isOverdue(b, today)) - Number(isOverdue(a, today));
    if (overdue) return overdue;
    const severity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    if (severity) return severity;
    if (a.dueOn !== b.dueOn) {
      if (a.dueOn === null) return 1;
      if (b.dueOn === null) return -1;
      return a.dueOn < b.dueOn ? -1 : 1;
    }
    return a.subject.localeCompare(b.subject) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/** Whether a viewer sees an item: by a permission they hold, or because it is their own. */
export function isForViewer(item: Pick<AttentionItem, "audience">, viewer: { can: (action: string) => boolean; memberId: string | null }): boolean {
  return "memberId" in item.audience ? item.audience.memberId === viewer.memberId : viewer.can(item.audience.action);
}

/** The items a viewer sees, ranked, one per record they are about. */
export function attentionFor<T extends AttentionItem>(items: readonly T[], viewer: { can: (action: string) => boolean; memberId: string | null }, today: string): T[] {
  const seen = new Set<string>();
  return rankAttention(
    items.filter((i) => isForViewer(i, viewer)),
    today,
  ).filter((i) => {
    if (i.about === undefined) return true;
    if (seen.has(i.about)) return false;
    seen.add(i.about);
    return true;
  });
}

export type BudgetFacts = { ceilingCents: number | null; spentCents: number; committedCents: number; percentSpent: number | null };

/**
 * What a contract's budget says, if anything: over-committed (spent plus committed
 * past the ceiling) is critical even below 100 % spent; otherwise the highest
 * threshold passed (100 critical, 90 warning, 75 info). Nothing without a ceiling.
 */
export function budgetAttentionSignal(b: BudgetFacts): { kind: "budget_over_committed"; severity: Severity; overCents: number } | { kind: "budget_threshold"; severity: Severity; level: Exclude<AlertLevel, 0> } | null {
  if (b.ceilingCents === null) return null;
  const remaining = b.ceilingCents - b.spentCents - b.committedCents;
  if (remaining < 0) return { kind: "budget_over_committed", severity: "critical", overCents: -remaining };
  const level = alertLevel(b.percentSpent);
  if (level === 0) return null;
  return { kind: "budget_threshold", severity: level === 100 ? "critical" : level === 90 ? "warning" : "info", level };
}

/** How soon a lapse is a warning rather than a note: within 30 days. */
export const LAPSE_WARNING_DAYS = 30;

/** A coming end date (a registration lapsing, a trajectory ending): warning within LAPSE_WARNING_DAYS, else info; critical once past. */
export function lapseSeverity(on: string, today: string): Severity {
  const days = daysBetween(today, on);
  if (days < 0) return "critical";
  return days <= LAPSE_WARNING_DAYS ? "warning" : "info";
}

/** How long an invitation may wait for an answer before the board hears of it. */
export const INVITATION_UNANSWERED_DAYS = 7;

/** An invitation is unanswered once it is a week old (or has expired without answer). */
export function invitationUnanswered(createdOn: string, expiresOn: string, today: string): boolean {
  return daysBetween(createdOn, today) >= INVITATION_UNANSWERED_DAYS || expiresOn < today;
}

/** A trajectory's warnings as one severity: past a limit is critical, the rest (ending soon, 80 %, a review or document due) a warning. */
export function trajectorySeverity(codes: readonly string[]): Severity {
  if (codes.includes("volume_exceeded") || codes.includes("duration_exceeded")) return "critical";
  return codes.length ? "warning" : "info";
}
