import { addDays, pushTo, daysBetween, dueReminderSteps, effectiveStatus, formatDate, todayInAmsterdam, weekStart } from "@koepel/rules";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { boardDigests, members, organizations, registrationReminders, registrations, registrationTypes } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import { env } from "~/lib/env.server";
import { startHourlyJob } from "~/lib/hourly-job.server";
import { fixedT } from "~/lib/i18n.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { boardRecipients } from "~/modules/mail/recipients.server";
import { renderAreaMail } from "~/modules/mail/templates.server";
import { REGISTRATION_MAILS, memberRecipient, typeName } from "./registrations.server";

// The reminder job. Which registrations are reminded about (decided here, see
// README "Registrations"):
//  - verified ones only: a pending one is with the board, a rejected one does not count;
//  - the current one per member and type: once a renewal (pending or verified,
//    with a later or no end date) exists, the old one's ladder stops and the
//    renewal has its own (the reminder key includes valid_until);
//  - of members who are active today (prospective or member; not suspended or
//    left), and the cooperative's own (HKZ), whose reminders go to the board.

type Org = { id: string; slug: string; name: string; reminderDays: number[] };

/** Current, verified registrations with an end date, of active members and of the cooperative itself. */
async function currentRegistrations(tx: Tx, orgId: string, today: string, horizon: string) {
  const rows = await tx
    .select({ reg: registrations, type: registrationTypes, member: members })
    .from(registrations)
    .innerJoin(registrationTypes, eq(registrationTypes.id, registrations.typeId))
    .leftJoin(members, eq(members.id, registrations.memberId))
    .where(
      and(
        eq(registrations.organizationId, orgId),
        eq(registrations.verification, "verified"),
        sql`${registrations.validUntil} is not null and ${registrations.validUntil} <= ${horizon}`,
        sql`not exists (
          select 1 from registrations newer
          where newer.organization_id = ${registrations.organizationId}
            and newer.type_id = ${registrations.typeId}
            and newer.member_id is not distinct from ${registrations.memberId}
            and newer.id <> ${registrations.id}
            and newer.verification <> 'rejected'
            and (newer.valid_until is null or newer.valid_until > ${registrations.validUntil}))`,
      ),
    )
    .orderBy(asc(registrations.validUntil));
  return rows.filter((r) => r.member === null || ["member", "prospective"].includes(effectiveStatus(r.member, today)));
}


async function remindOrganization(tx: Tx, org: Org, today: string) {
  let sent = 0;
  const horizon = addDays(today, Math.max(0, ...org.reminderDays));
  const candidates = (await currentRegistrations(tx, org.id, today, horizon)).filter(({ reg }) => reg.validUntil !== null && reg.validUntil >= today);
  // The steps already sent, for all candidates in one query (keyed by registration and end date).
  const sentSteps = new Map<string, number[]>();
  if (candidates.length) {
    const rows = await tx
      .select({ registrationId: registrationReminders.registrationId, validUntil: registrationReminders.validUntil, daysBefore: registrationReminders.daysBefore })
      .from(registrationReminders)
      .where(and(eq(registrationReminders.organizationId, org.id), inArray(registrationReminders.registrationId, candidates.map(({ reg }) => reg.id))));
    for (const r of rows) pushTo(sentSteps, `${r.registrationId}|${r.validUntil}`, r.daysBefore);
  }
  for (const { reg, type } of candidates) {
    if (!reg.validUntil) continue;
    const already = sentSteps.get(`${reg.id}|${reg.validUntil}`) ?? [];
    for (const step of dueReminderSteps(reg.validUntil, today, org.reminderDays, already)) {
      // The unique key (registration, valid_until, step) is the never-twice guarantee:
      // a second worker's insert waits for the first and then does nothing.
      const [claimed] = await tx
        .insert(registrationReminders)
        .values({ organizationId: org.id, registrationId: reg.id, validUntil: reg.validUntil, daysBefore: step })
        .onConflictDoNothing()
        .returning({ id: registrationReminders.id });
      if (!claimed) continue;
      const member = reg.memberId ? await memberRecipient(tx, org.id, reg.memberId) : null;
      const recipients = reg.memberId ? (member ? [member] : []) : await boardRecipients(tx, org.id);
      for (const to of recipients) {
        const mail = await renderAreaMail(to.locale, reg.memberId ? REGISTRATION_MAILS.reminder : REGISTRATION_MAILS.organizationReminder, {
          name: to.name,
          organization: org.name,
          type: await typeName(to.locale, type),
          validUntil: formatDate(reg.validUntil, to.locale),
          days: String(daysBetween(today, reg.validUntil)),
          link: `${env.appUrl}/c/${org.slug}/${reg.memberId ? "me/registrations" : "registrations"}`,
        });
        await enqueueMail(tx, { organizationId: org.id, to: to.email, ...mail });
      }
      sent++;
    }
  }
  return sent;
}

/** Once per ISO week: the board hears who lapses within 90 days (and who already has). */
async function digestOrganization(tx: Tx, org: Org, today: string) {
  const [claimed] = await tx
    .insert(boardDigests)
    .values({ organizationId: org.id, weekStart: weekStart(today) })
    .onConflictDoNothing()
    .returning({ id: boardDigests.id });
  if (!claimed) return false;
  const lapsing = await currentRegistrations(tx, org.id, today, addDays(today, 90));
  // A quiet week is recorded too, so the list is not recomputed every hour; no mail is sent.
  if (lapsing.length === 0) return false;
  for (const to of await boardRecipients(tx, org.id)) {
    const t = await fixedT(to.locale);
    const lines: string[] = [];
    for (const { reg, type, member } of lapsing) {
      const days = daysBetween(today, reg.validUntil!);
      const when = days < 0 ? t("registrations.mail.digest.expiredOn", { date: formatDate(reg.validUntil!, to.locale) }) : t("registrations.mail.digest.until", { date: formatDate(reg.validUntil!, to.locale), days: String(days) });
      lines.push(`- ${member?.name ?? org.name}: ${await typeName(to.locale, type)}, ${when}`);
    }
    const mail = await renderAreaMail(to.locale, REGISTRATION_MAILS.digest, {
      name: to.name,
      organization: org.name,
      count: String(lapsing.length),
      list: lines.join("\n"),
      link: `${env.appUrl}/c/${org.slug}/registrations`,
    });
    await enqueueMail(tx, { organizationId: org.id, to: to.email, ...mail });
  }
  return true;
}

/**
 * Find due reminder steps and the weekly digest for every cooperative, and put
 * them in the outbox. Each cooperative's work is one transaction: the
 * reminder rows and their mail commit together or not at all. `now` is
 * injected so tests can walk through the calendar.
 */
export async function runRegistrationReminders(now: Date, options: { /** Only these cooperatives (tests: their own, not every one in a shared database). */ organizationIds?: string[] } = {}) {
  const today = todayInAmsterdam(now);
  const orgs = await withSystem((tx) =>
    tx
      .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, reminderDays: organizations.reminderDays })
      .from(organizations)
      .where(options.organizationIds ? inArray(organizations.id, options.organizationIds) : undefined),
  );
  let reminders = 0;
  let digests = 0;
  for (const org of orgs) {
    await withTenant(org.id, async (tx) => {
      reminders += await remindOrganization(tx, org, today);
      if (await digestOrganization(tx, org, today)) digests++;
    });
  }
  return { reminders, digests };
}

/** Run now and then every hour (a missed hour is caught up on the next). Returns a stop function. */
export const startReminderWorker = (intervalMs?: number) => startHourlyJob("reminders", runRegistrationReminders, { firstDelayMs: 500, intervalMs });
