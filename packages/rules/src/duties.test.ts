import { describe, expect, it } from "vitest";
import { dueDutyReminders, dutyDueDates, isDutyDueDate, occurrenceStatus, reminderWindow, type DutyRecurrence, type DutyReminderKind, type OccurrenceStatus } from "./duties";

describe("dutyDueDates", () => {
  it.each<[string, DutyRecurrence, string, string, string, string[]]>([
    // The Haarlem pilot's yearly report by 1 March.
    ["yearly report by 1 March 2027", "yearly", "2027-03-01", "2026-01-01", "2029-12-31", ["2027-03-01", "2028-03-01", "2029-03-01"]],
    ["yearly, range starting after the first", "yearly", "2027-03-01", "2028-03-02", "2030-03-01", ["2029-03-01", "2030-03-01"]],
    ["yearly, range ends on a due date (inclusive)", "yearly", "2027-03-01", "2027-03-01", "2027-03-01", ["2027-03-01"]],
    // Quarterly production figures, due a month after each quarter.
    ["quarterly production figures", "quarterly", "2026-04-30", "2026-01-01", "2027-01-31", ["2026-04-30", "2026-07-30", "2026-10-30", "2027-01-30"]],
    ["quarterly from the end of March: clamp to the last day", "quarterly", "2026-03-31", "2026-03-01", "2027-03-31", ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31", "2027-03-31"]],
    // Month-end clamping does not drift: every date counts from the first.
    ["monthly from 31 January", "monthly", "2026-01-31", "2026-01-01", "2026-05-31", ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]],
    ["monthly in a leap year", "monthly", "2028-01-30", "2028-02-01", "2028-03-31", ["2028-02-29", "2028-03-30"]],
    ["yearly from a leap day", "yearly", "2028-02-29", "2028-01-01", "2032-12-31", ["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]],
    ["nothing before the first due date", "monthly", "2027-01-15", "2026-01-01", "2026-12-31", []],
    ["once, inside the range", "once", "2026-09-01", "2026-01-01", "2026-12-31", ["2026-09-01"]],
    ["once, outside the range", "once", "2026-09-01", "2026-09-02", "2026-12-31", []],
    ["an empty range", "yearly", "2027-03-01", "2027-03-02", "2027-03-01", []],
    ["a long past is skipped, not walked", "monthly", "2000-01-31", "2026-11-01", "2026-12-31", ["2026-11-30", "2026-12-31"]],
  ])("%s", (_, recurrence, firstDueOn, from, to, expected) => {
    expect(dutyDueDates({ recurrence, firstDueOn }, from, to)).toEqual(expected);
  });

  it.each<[DutyRecurrence, string, string, boolean]>([
    ["yearly", "2027-03-01", "2028-03-01", true],
    ["yearly", "2027-03-01", "2028-03-02", false],
    ["quarterly", "2026-04-30", "2026-10-30", true],
    ["quarterly", "2026-04-30", "2026-10-31", false],
    ["once", "2026-09-01", "2026-09-01", true],
    ["monthly", "2026-01-31", "2026-02-28", true],
  ])("isDutyDueDate %s from %s: %s is %s", (recurrence, firstDueOn, date, expected) => {
    expect(isDutyDueDate({ recurrence, firstDueOn }, date)).toBe(expected);
  });
});

describe("occurrenceStatus", () => {
  it.each<[string, string, number, boolean, OccurrenceStatus]>([
    ["2027-03-01", "2026-12-01", 14, false, "upcoming"],
    ["2027-03-01", "2027-02-14", 14, false, "upcoming"],
    ["2027-03-01", "2027-02-15", 14, false, "due_soon"], // 14 days ahead
    ["2027-03-01", "2027-03-01", 14, false, "due_soon"], // on the day itself
    ["2027-03-01", "2027-03-02", 14, false, "overdue"],
    ["2027-03-01", "2027-03-02", 14, true, "submitted"],
    ["2027-03-01", "2027-01-01", 0, false, "upcoming"],
    ["2027-03-01", "2027-03-01", 0, false, "due_soon"],
  ])("due %s, today %s, remind %i days before, submitted %s: %s", (dueOn, today, remindDaysBefore, submitted, expected) => {
    expect(occurrenceStatus({ dueOn, remindDaysBefore, submitted }, today)).toBe(expected);
  });
});

describe("dueDutyReminders", () => {
  it.each<[string, string, number, boolean, DutyReminderKind[], DutyReminderKind[]]>([
    ["too early", "2027-02-14", 14, false, [], []],
    ["the reminder day", "2027-02-15", 14, false, [], ["before"]],
    ["a day later, already sent", "2027-02-16", 14, false, ["before"], []],
    ["missed the exact day: still sent before the due date", "2027-02-20", 14, false, [], ["before"]],
    ["on the due date", "2027-03-01", 14, false, [], ["before"]],
    ["the day after: overdue", "2027-03-02", 14, false, ["before"], ["overdue"]],
    ["overdue, never sent before: only the overdue one", "2027-03-02", 14, false, [], ["overdue"]],
    ["overdue already sent", "2027-03-10", 14, false, ["before", "overdue"], []],
    ["submitted: nothing", "2027-03-02", 14, true, ["before"], []],
    ["submitted early: no reminder", "2027-02-20", 14, true, [], []],
    ["overdue beyond the lookback: not sent late", "2027-04-01", 14, false, ["before"], []],
    ["overdue at the edge of the lookback", "2027-03-31", 14, false, ["before"], ["overdue"]],
    ["remind 0 days before: on the day", "2027-03-01", 0, false, [], ["before"]],
    ["remind 0 days before: the day before is too early", "2027-02-28", 0, false, [], []],
  ])("%s", (_, today, remindDaysBefore, submitted, alreadySent, expected) => {
    expect(dueDutyReminders({ dueOn: "2027-03-01", remindDaysBefore, submitted, alreadySent }, today)).toEqual(expected);
  });

  it("the reminder window covers the lookback and the reminder lead", () => {
    expect(reminderWindow("2027-03-15", 14)).toEqual({ from: "2027-02-13", to: "2027-03-29" });
  });
});
