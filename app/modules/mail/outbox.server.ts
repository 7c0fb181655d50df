import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Tx } from "~db/client";
import { outbox } from "~db/schema";
import { withSystem } from "~db/tenant";
import { env } from "~/lib/env.server";

export type OutgoingMail = { to: string; subject: string; text: string; html?: string; organizationId?: string | null };

/** Write a message in the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueMail(tx: Tx, mail: OutgoingMail) {
  await tx.insert(outbox).values({
    organizationId: mail.organizationId ?? null,
    toAddress: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
  });
}

export const MAX_ATTEMPTS = 8;
/** 30 s, 1 min, 2 min, ... capped at an hour between tries. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

type Send = (mail: { to: string; subject: string; text: string; html: string | null }) => Promise<void>;

let transporter: Transporter | null = null;
async function smtpSend(mail: { to: string; subject: string; text: string; html: string | null }) {
  if (!transporter) {
    const nodemailer = await import("nodemailer");
    transporter = nodemailer.createTransport(env.smtpUrl!);
  }
  await transporter.sendMail({ from: env.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
}

/**
 * Deliver what is due. Rows are claimed with FOR UPDATE SKIP LOCKED so several
 * workers never send the same message; a failure schedules a retry with backoff.
 * Without SMTP_URL the message is "delivered" to the dev mailbox (/dev/mail).
 */
export async function processOutbox(options: { now?: Date; limit?: number; send?: Send; /** Only mail to this address (tests, a targeted resend). */ to?: string } = {}) {
  const now = options.now ?? new Date();
  const send: Send | null = options.send ?? (env.smtpUrl ? smtpSend : null);
  const transport = options.send || env.smtpUrl ? "smtp" : "dev";
  let delivered = 0;
  for (let i = 0; i < (options.limit ?? 50); i++) {
    const done = await withSystem(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), options.to === undefined ? undefined : eq(outbox.toAddress, options.to)))
        .orderBy(asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return false;
      try {
        if (send) await send({ to: row.toAddress, subject: row.subject, text: row.text, html: row.html });
        await tx.update(outbox).set({ status: "sent", sentAt: now, transport, attempts: row.attempts + 1 }).where(eq(outbox.id, row.id));
        delivered++;
      } catch (error) {
        const attempts = row.attempts + 1;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
            nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
          })
          .where(eq(outbox.id, row.id));
      }
      return true;
    });
    if (!done) break;
  }
  return delivered;
}

/** Poll the outbox until stopped; the returned function stops it and waits for the current round. */
export function startOutboxWorker(intervalMs = 1000): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = processOutbox()
      .catch((error) => console.error("outbox:", error instanceof Error ? error.message : error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 100);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}

/** The dev mailbox: messages delivered without SMTP, newest first. */
/** The newest messages of the development mailbox, optionally only those to one address. */
export async function listDevMailbox(options: { to?: string | null; limit?: number } = {}) {
  const shown = sql`(${outbox.transport} = 'dev' or ${outbox.status} = 'pending')`;
  return withSystem((tx) =>
    tx
      .select({ id: outbox.id, to: outbox.toAddress, subject: outbox.subject, text: outbox.text, sentAt: outbox.sentAt, status: outbox.status, createdAt: outbox.createdAt })
      .from(outbox)
      .where(options.to ? and(shown, sql`lower(${outbox.toAddress}) = lower(${options.to})`) : shown)
      .orderBy(desc(outbox.id))
      .limit(options.limit ?? 100),
  );
}
