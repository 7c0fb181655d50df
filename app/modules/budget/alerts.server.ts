// Budget alerts at 75, 90 and 100 %: to the board for a contract's ceiling, to a
// member for their own allocation. Only time logging moves spending, so the alerts
// need no job: time logging calls afterTimeLogged in its own transaction.
import { formatMoney, newThresholds, percentSpent } from "@koepel/rules";
import { and, eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { budgetAlerts, members, organizations, users } from "~db/schema";
import { env } from "~/lib/env.server";
import { isLng } from "~/i18n";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { boardRecipients, type Recipient } from "~/modules/mail/recipients.server";
import { renderAreaMail } from "~/modules/mail/templates.server";
import { allocationsInForce, burnOf, ceilingsInForce, entrySpan, loadBasis, pricedEntries, yearOf } from "./figures.server";

export const BUDGET_MAILS = {
  contract: { subject: "budget.mail.contract.subject", body: "budget.mail.contract.body" },
  member: { subject: "budget.mail.member.subject", body: "budget.mail.member.body" },
};


/**
 * Called by time logging (hand entry and import) in the same transaction, after the
 * entries are written: sends the 75/90/100 % alerts that became due, to the board
 * and to the members concerned, at most once each (budget_alerts).
 */
export async function afterTimeLogged(tx: Tx, input: { organizationId: string; contractId: string; memberIds: readonly string[]; today: string }): Promise<void> {
  const orgId = input.organizationId;
  const year = yearOf(input.today);
  const ceiling = (await ceilingsInForce(tx, orgId, [input.contractId], year)).get(input.contractId) ?? null;
  const allocations = await allocationsInForce(tx, orgId, input.contractId, year);
  const concerned = [...new Set(input.memberIds)].filter((id) => allocations.has(id));
  if (!ceiling && concerned.length === 0) return; // nothing to measure against
  const sent = await tx
    .select({ memberId: budgetAlerts.memberId, threshold: budgetAlerts.threshold })
    .from(budgetAlerts)
    .where(and(eq(budgetAlerts.organizationId, orgId), eq(budgetAlerts.contractId, input.contractId), eq(budgetAlerts.year, year)));
  const sentFor = (memberId: string | null) => sent.filter((s) => s.memberId === memberId).map((s) => s.threshold);

  const basis = await loadBasis(tx, orgId, [input.contractId]);
  const contract = basis.contracts.get(input.contractId);
  if (!contract) return;
  const { start, end } = { start: `${year}-01-01`, end: entrySpan(year, input.today).to };
  const entries = await pricedEntries(tx, orgId, basis, start, end);
  const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  const link = `${env.appUrl}/c/${org?.slug ?? ""}/contracts/${input.contractId}/budget`;

  if (ceiling) {
    const burn = burnOf(entries, ceiling.amountCents, year, input.today);
    const due = newThresholds(burn.percentSpent, sentFor(null));
    const top = due.at(-1);
    for (const threshold of due) {
      if (!(await claim(tx, { organizationId: orgId, contractId: input.contractId, memberId: null, year, threshold }))) continue;
      // Several thresholds passed at once: one mail, for the highest.
      if (threshold !== top) continue;
      for (const to of await boardRecipients(tx, orgId)) {
        const mail = await renderAreaMail(to.locale, BUDGET_MAILS.contract, {
          name: to.name,
          organization: org?.name ?? "",
          contract: contract.name,
          year: String(year),
          threshold: String(threshold),
          percent: String(burn.percentSpent ?? 0),
          spent: formatMoney(burn.spentCents, to.locale),
          ceiling: formatMoney(ceiling.amountCents, to.locale),
          link,
        });
        await enqueueMail(tx, { organizationId: orgId, to: to.email, ...mail });
      }
    }
  }

  for (const memberId of concerned) {
    const allocation = allocations.get(memberId)!;
    const spentCents = entries.filter((e) => e.memberId === memberId).reduce((sum, e) => sum + e.amountCents, 0);
    const percent = percentSpent(spentCents, allocation.amountCents);
    const due = newThresholds(percent, sentFor(memberId));
    const top = due.at(-1);
    for (const threshold of due) {
      if (!(await claim(tx, { organizationId: orgId, contractId: input.contractId, memberId, year, threshold }))) continue;
      if (threshold !== top) continue;
      const to = await memberRecipient(tx, orgId, memberId);
      if (!to) continue;
      const mail = await renderAreaMail(to.locale, BUDGET_MAILS.member, {
        name: to.name,
        organization: org?.name ?? "",
        contract: contract.name,
        year: String(year),
        threshold: String(threshold),
        percent: String(percent ?? 0),
        spent: formatMoney(spentCents, to.locale),
        allocation: formatMoney(allocation.amountCents, to.locale),
        link,
      });
      await enqueueMail(tx, { organizationId: orgId, to: to.email, ...mail });
    }
  }
}

/** The unique key (contract, member, year, threshold) is the never-twice guarantee. */
async function claim(tx: Tx, values: typeof budgetAlerts.$inferInsert) {
  const [row] = await tx.insert(budgetAlerts).values(values).onConflictDoNothing().returning({ id: budgetAlerts.id });
  return Boolean(row);
}


async function memberRecipient(tx: Tx, orgId: string, memberId: string): Promise<Recipient | null> {
  const [row] = await tx
    .select({ name: members.name, email: members.email, userEmail: users.email, locale: users.locale })
    .from(members)
    .leftJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, orgId), eq(members.id, memberId)));
  const email = row?.userEmail ?? row?.email;
  if (!row || !email) return null;
  return { name: row.name, email: email.toLowerCase(), locale: row.locale && isLng(row.locale) ? row.locale : "nl" };
}
