// Reporting duties (issue 5): a contract's recurring reports (a yearly report by
// 1 March, quarterly production figures) as due dates, a status per due date, and
// the reminders the board gets: one at `remindDaysBefore`, one once overdue.
import { addDays } from "./members";
import { addMonths, daysBetween } from "./registrations";

export const DUTY_RECURRENCES = ["once", "monthly", "quarterly", "yearly"] as const;
export type DutyRecurrence = (typeof DUTY_RECURRENCES)[number];

export const DUTY_REMINDER_KINDS = ["before", "overdue"] as const;
export type DutyReminderKind = (typeof DUTY_REMINDER_KINDS)[number];

export type OccurrenceStatus = "submitted" | "overdue" | "due_soon" | "upcoming";

/** How far back the reminder job still sends an overdue reminder it missed (a server that was down). */
export const OVERDUE_REMINDER_LOOKBACK_DAYS = 30;

const STEP_MONTHS: Record<Exclude<DutyRecurrence, "once">, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** A safety bound: a monthly duty over a century is 1,200 dates. */
const MAX_OCCURRENCES = 2000;

export type DutySchedule = { recurrence: DutyRecurrence; firstDueOn: string };

/**
 * The due dates of a duty from `from` to `to` (both inclusive), in order. Every
 * date is counted from the first due date, never from the previous one, so a
 * month-end clamp does not drift: 31 January monthly gives 28 February, then
 * 31 March.
 */
export function dutyDueDates(duty: DutySchedule, from: string, to: string): string[] {
  if (to < from) return [];
  if (duty.recurrence === "once") return duty.firstDueOn >= from && duty.firstDueOn <= to ? [duty.firstDueOn] : [];
  const step = STEP_MONTHS[duty.recurrence];
  const dates: string[] = [];
  // Skip ahead to roughly `from` without walking every month of a long past.
  let n = 0;
  if (from > duty.firstDueOn) {
    const months = (Number(from.slice(0, 4)) - Number(duty.firstDueOn.slice(0, 4))) * 12 + Number(from.slice(5, 7)) - Number(duty.firstDueOn.slice(5, 7));
    n = Math.max(0, Math.floor(months / step) - 1);
  }
  for (let i = 0; i < MAX_OCCURRENCES; i++, n++) {
    const due = addMonths(duty.firstDueOn, n * step);
    if (due > to) break;
    if (due >= from) dates.push(due);
  }
  return dates;
}

/** Whether `date` is one of the duty's due dates. */
export const isDutyDueDate = (duty: DutySchedule, date: string) => dutyDueDates(duty, date, date).length === 1;

/**
 * A due date's status on `today`: submitted once a report is in; overdue from the
 * day after the due date; due soon from `remindDaysBefore` days ahead; else upcoming.
 */
export function occurrenceStatus(input: { dueOn: string; remindDaysBefore: number; submitted: boolean }, today: string): OccurrenceStatus {
  if (input.submitted) return "submitted";
  const daysLeft = daysBetween(today, input.dueOn);
  if (daysLeft < 0) return "overdue";
  if (daysLeft <= input.remindDaysBefore) return "due_soon";
  return "upcoming";
}

/**
 * Which reminders to send today for one due date, given the kinds already sent:
 * "before" from `remindDaysBefore` days ahead up to the due date itself, "overdue"
 * from the day after (for at most OVERDUE_REMINDER_LOOKBACK_DAYS). Nothing once
 * the report is in. A "before" missed until the date has passed is not sent late
 * beside the overdue one. At most one kind per call.
 */
export function dueDutyReminders(
  input: { dueOn: string; remindDaysBefore: number; submitted: boolean; alreadySent: readonly DutyReminderKind[] },
  today: string,
): DutyReminderKind[] {
  if (input.submitted) return [];
  const daysLeft = daysBetween(today, input.dueOn);
  if (daysLeft < 0) {
    if (-daysLeft > OVERDUE_REMINDER_LOOKBACK_DAYS || input.alreadySent.includes("overdue")) return [];
    return ["overdue"];
  }
  if (daysLeft <= input.remindDaysBefore && !input.alreadySent.includes("before")) return ["before"];
  return [];
}

/** The window of due dates the reminder job looks at today, for a duty reminding `remindDaysBefore` ahead. */
export function reminderWindow(today: string, remindDaysBefore: number): { from: string; to: string } {
  return { from: addDays(today, -OVERDUE_REMINDER_LOOKBACK_DAYS), to: addDays(today, remindDaysBefore) };
}
