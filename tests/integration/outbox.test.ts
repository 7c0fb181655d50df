import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "~db/schema";
import { withSystem } from "~db/tenant";
import { MAX_ATTEMPTS, backoffMs, enqueueMail, processOutbox } from "~/modules/mail/outbox.server";
import * as devMail from "~/routes/dev.mail";
import { get, uniqueEmail } from "../helpers/app";

const rowTo = async (to: string) => (await withSystem((tx) => tx.select().from(outbox).where(eq(outbox.toAddress, to))))[0];
const enqueue = (to: string) => withSystem((tx) => enqueueMail(tx, { to, subject: "Hallo", text: "Tekst" }));

describe("outbox worker", () => {
  it("marks due messages sent with transport dev, and they show in the dev mailbox", async () => {
    const to = uniqueEmail("mail");
    await enqueue(to);
    expect(await rowTo(to)).toMatchObject({ status: "pending", attempts: 0, transport: null });
    // Only this test's message: other files (and other runs on the same database) fill
    // the same outbox, and a worker taking the oldest 50 need not reach this one.
    expect(await processOutbox({ to })).toBe(1);
    const row = await rowTo(to);
    expect(row).toMatchObject({ status: "sent", attempts: 1, transport: "dev" });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await processOutbox({ to })).toBe(0);
    expect(await rowTo(to)).toMatchObject({ status: "sent", attempts: 1 }); // never sent twice
    // The mailbox shows the newest 100: ask for this address, not for a place among the others.
    const box = await get(devMail.loader, `/dev/mail?to=${encodeURIComponent(to)}`);
    expect(box.data.messages.some((m: { to: string; status: string }) => m.to === to && m.status === "sent")).toBe(true);
  });

  it("the dev mailbox shows one address's mail on ?to=, however many others came later", async () => {
    const to = uniqueEmail("only");
    await enqueue(to);
    for (let i = 0; i < 3; i++) await enqueue(uniqueEmail("other"));
    const box = await get(devMail.loader, `/dev/mail?to=${encodeURIComponent(to.toUpperCase())}`);
    expect(box.data.messages.map((m: { to: string }) => m.to)).toEqual([to]);
  });

  it("a failing send schedules a retry with backoff, then gives up after MAX_ATTEMPTS", async () => {
    const to = uniqueEmail("fail");
    await enqueue(to);
    const tries: string[] = [];
    const send = async (mail: { to: string }) => {
      tries.push(mail.to);
      throw new Error("SMTP 451 try later");
    };
    let now = new Date(Date.now() + 1000);
    expect(await processOutbox({ now, send, to })).toBe(0);
    let row = await rowTo(to);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "SMTP 451 try later", transport: null });
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Not due yet: nothing happens.
    await processOutbox({ now, send, to });
    expect((await rowTo(to)).attempts).toBe(1);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      now = (await rowTo(to)).nextAttemptAt;
      await processOutbox({ now, send, to });
      row = await rowTo(to);
      expect(row.attempts).toBe(attempt);
    }
    expect(row.status).toBe("failed");
    expect(tries).toEqual(Array(MAX_ATTEMPTS).fill(to));
    await processOutbox({ now: new Date(Date.now() + 365 * 24 * 3600 * 1000), send, to });
    expect((await rowTo(to)).attempts).toBe(MAX_ATTEMPTS);
  });

  it("an injected working send marks the message sent via smtp", async () => {
    const to = uniqueEmail("smtp");
    await enqueue(to);
    const sent: string[] = [];
    expect(await processOutbox({ to, send: async (m) => void sent.push(m.to) })).toBe(1);
    expect(sent).toEqual([to]);
    expect(await rowTo(to)).toMatchObject({ status: "sent", transport: "smtp", attempts: 1 });
  });

  it("a message enqueued in a transaction that rolls back never appears", async () => {
    const to = uniqueEmail("rollback");
    await expect(
      withSystem(async (tx) => {
        await enqueueMail(tx, { to, subject: "Nooit", text: "Nooit" });
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await rowTo(to)).toBeUndefined();
    expect(await processOutbox({ to })).toBe(0);
    expect(await rowTo(to)).toBeUndefined();
  });

  it("backoff doubles from 30 s and is capped at an hour", () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([30_000, 60_000, 120_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});
