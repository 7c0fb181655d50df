// The daily Vandaag digest (issue 12): each person gets, once a day and only when
// something waits for them, the very items their Vandaag page shows, in the same
// words (words.ts) and order (collectAttention). Hourly job, like the reminders.
import { can, isOverdue, todayInAmsterdam, type AttentionItem, type Role } from "@koepel/rules";
import { and, eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { dailyDigests, memberships, users } from "~db/schema";
import { isLng, type Lng } from "~/i18n";
import { env } from "~/lib/env.server";
import { startHourlyJob, sumOverOrganizations } from "~/lib/hourly-job.server";
import { fixedT } from "~/lib/i18n.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { VANDAAG_LIMIT, collectAttention, viewerOf } from "./registry.server";
import { kindText, reasonText } from "./words";

/** Not before seven in the morning (Amsterdam): a digest found at 2 a.m. waits for breakfast. */
export const DIGEST_FROM_HOUR = 7;

const amsterdamHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" });

/**
 * The digest in the reader's language: one line per item as the page words it, with its
 * link; as on the page, the most urgent VANDAAG_LIMIT, then how many more wait there.
 */
export async function renderDigest(lng: Lng, input: { name: string; organization: { name: string; slug: string }; items: readonly AttentionItem[]; today: string }) {
  const t = await fixedT(lng);
  const base = `${env.appUrl}/c/${input.organization.slug}`;
  const shown = input.items.slice(0, VANDAAG_LIMIT);
  const rest = input.items.length - shown.length;
  const lines = shown
    .map((item) => {
      const flag = isOverdue(item, input.today) ? t("today.overdue") : t(`today.severity.${item.severity}`);
      return `- ${flag} · ${kindText(t, item)}: ${reasonText(t, item, lng)}\n  ${base}${item.link}`;
    })
    .join("\n");
  const list = rest > 0 ? `${lines}\n\n${t("today.more", { count: rest })}` : lines;
  const vars = { name: input.name, organization: input.organization.name, count: input.items.length, list, link: base };
  return { subject: t("today.mail.subject", vars), text: `${t("today.mail.body", vars)}\n\n${t("mail.signature")}` };
}

type Person = { userId: string; name: string; email: string; locale: Lng; role: Role };

async function digestOrganization(tx: Tx, org: { id: string; slug: string; name: string }, today: string): Promise<number> {
  const people: Person[] = (
    await tx
      .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, org.id))
  ).map((p) => ({ ...p, email: p.email.toLowerCase(), locale: isLng(p.locale) ? p.locale : "nl" }));
  const done = new Set(
    (await tx.select({ userId: dailyDigests.userId }).from(dailyDigests).where(and(eq(dailyDigests.organizationId, org.id), eq(dailyDigests.day, today)))).map((r) => r.userId),
  );
  let sent = 0;
  for (const person of people) {
    if (done.has(person.userId)) continue;
    // The same viewer and the same collection as the page: what the mail lists is what Vandaag shows.
    const viewer = await viewerOf(tx, org.id, { userId: person.userId, can: (action) => can(person.role, action as never) });
    const { items } = await collectAttention(tx, org.id, today, viewer);
    // Nothing waiting: no mail, and no claim, so something that turns up later today still goes out.
    if (items.length === 0) continue;
    // The unique key (cooperative, person, day) is the never-twice guarantee, in the mail's own transaction.
    const [claimed] = await tx.insert(dailyDigests).values({ organizationId: org.id, userId: person.userId, day: today }).onConflictDoNothing().returning({ id: dailyDigests.id });
    if (!claimed) continue;
    const mail = await renderDigest(person.locale, { name: person.name, organization: org, items, today });
    await enqueueMail(tx, { organizationId: org.id, to: person.email, ...mail });
    sent++;
  }
  return sent;
}

/** Put today's digests in the outbox, one transaction per cooperative. `now` is injected so tests walk the calendar. */
export async function runDailyDigests(now: Date, options: { organizationIds?: string[] } = {}) {
  if (Number(amsterdamHour.format(now)) < DIGEST_FROM_HOUR) return { digests: 0 };
  const today = todayInAmsterdam(now);
  return { digests: await sumOverOrganizations(options.organizationIds, (tx, org) => digestOrganization(tx, org, today)) };
}

/** Run now and then every hour (a missed hour is caught up on the next). Returns a stop function. */
export const startDailyDigestWorker = (intervalMs?: number) => startHourlyJob("daily digests", runDailyDigests, { firstDelayMs: 1500, intervalMs });
