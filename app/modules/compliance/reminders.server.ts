import { daysBetween, pushTo, dueDutyReminders, dutyDueDates, formatDate, reminderWindow, todayInAmsterdam, type DutyReminderKind } from "@koepel/rules";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { contracts, reportReminders, reportSubmissions, reportingDuties } from "~db/schema";
import { env } from "~/lib/env.server";
import { startHourlyJob, sumOverOrganizations } from "~/lib/hourly-job.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { boardRecipients } from "~/modules/mail/recipients.server";
import { renderAreaMail } from "~/modules/mail/templates.server";

// The reporting-duty reminder job, after the registrations' one: hourly, the board
// of each cooperative hears of a due date `remind_days_before` days ahead and once
// when it has passed without a report. The unique key (duty, due date, kind) of
// report_reminders is the never-twice guarantee.

export const DUTY_MAILS: Record<DutyReminderKind, { subject: string; body: string }> = {
  before: { subject: "duties.mail.before.subject", body: "duties.mail.before.body" },
  overdue: { subject: "duties.mail.overdue.subject", body: "duties.mail.overdue.body" },
};

type Org = { id: string; slug: string; name: string };


async function remindOrganization(tx: Tx, org: Org, today: string) {
  const duties = await tx
    .select({ duty: reportingDuties, contractName: contracts.name })
    .from(reportingDuties)
    .innerJoin(contracts, eq(contracts.id, reportingDuties.contractId))
    .where(and(eq(reportingDuties.organizationId, org.id), eq(reportingDuties.active, true)));
  if (duties.length === 0) return 0;
  const ids = duties.map((d) => d.duty.id);
  const submitted = new Set(
    (await tx.select({ dutyId: reportSubmissions.dutyId, dueOn: reportSubmissions.dueOn }).from(reportSubmissions).where(and(eq(reportSubmissions.organizationId, org.id), inArray(reportSubmissions.dutyId, ids)))).map((s) => `${s.dutyId}|${s.dueOn}`),
  );
  const sent = new Map<string, DutyReminderKind[]>();
  for (const r of await tx.select().from(reportReminders).where(and(eq(reportReminders.organizationId, org.id), inArray(reportReminders.dutyId, ids)))) {
    pushTo(sent, `${r.dutyId}|${r.dueOn}`, r.kind as DutyReminderKind);
  }
  let count = 0;
  let recipients: Awaited<ReturnType<typeof boardRecipients>> | null = null;
  for (const { duty, contractName } of duties) {
    const window = reminderWindow(today, duty.remindDaysBefore);
    for (const dueOn of dutyDueDates(duty, window.from, window.to)) {
      const key = `${duty.id}|${dueOn}`;
      for (const kind of dueDutyReminders({ dueOn, remindDaysBefore: duty.remindDaysBefore, submitted: submitted.has(key), alreadySent: sent.get(key) ?? [] }, today)) {
        // A second worker's insert waits for the first and then does nothing.
        const [claimed] = await tx.insert(reportReminders).values({ organizationId: org.id, dutyId: duty.id, dueOn, kind }).onConflictDoNothing().returning({ id: reportReminders.id });
        if (!claimed) continue;
        recipients ??= await boardRecipients(tx, org.id);
        for (const to of recipients) {
          const mail = await renderAreaMail(to.locale, DUTY_MAILS[kind], {
            name: to.name,
            organization: org.name,
            contract: contractName,
            title: duty.title,
            dueOn: formatDate(dueOn, to.locale),
            days: String(Math.abs(daysBetween(today, dueOn))),
            link: `${env.appUrl}/c/${org.slug}/contracts/${duty.contractId}/duties`,
          });
          await enqueueMail(tx, { organizationId: org.id, to: to.email, ...mail });
        }
        count++;
      }
    }
  }
  return count;
}

/** One round for every cooperative, each in its own transaction (reminder rows and mails commit together). `now` is injected for tests. */
export async function runDutyReminders(now: Date, options: { /** Only these cooperatives (tests: their own, not every one in a shared database). */ organizationIds?: string[] } = {}) {
  const today = todayInAmsterdam(now);
  return { reminders: await sumOverOrganizations(options.organizationIds, (tx, org) => remindOrganization(tx, org, today)) };
}

/** Run now and then every hour (a missed hour is caught up on the next). Returns a stop function. */
export const startDutyReminderWorker = (intervalMs?: number) => startHourlyJob("duty reminders", runDutyReminders, { firstDelayMs: 1000, intervalMs });
