import { and, count, eq, gt, lt, min, or } from "drizzle-orm";
import type { Tx } from "~db/client";
import { loginFailures } from "~db/schema";
import { AppError } from "~/lib/errors";
import { hashToken } from "./tokens.server";

/**
 * Login throttling (ASVS 5.0 6.3.1): at most MAX_FAILURES failed attempts per account
 * and per IP address within WINDOW_MS. The check runs before any password is hashed,
 * and answers the same for an unknown address, a wrong password and a right one.
 *
 * A known device (a signed cookie from an earlier successful login, devices.server.ts)
 * is not held back by the account's counter, which strangers can fill: it has its own
 * counter for that account instead, so a stolen device cookie is throttled as well.
 * The IP counter applies to everyone (docs/decisions/018-known-devices-and-signup.md).
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

/** `device`: the id of a known device whose cookie belongs to this very account, else absent. */
export type ThrottleKeys = { email: string; ip: string | null | undefined; device?: string | null };
type Scope = "account" | "ip" | "device" | "signup_ip" | "resend_ip" | "reset_ip" | "signup_note" | "reset_note";
type Scoped = { scope: Scope; keyHash: string };

// Hashed so the table holds no addresses; the same hash as tokens (SHA-256 hex).
const accountKey = (email: string): Scoped => ({ scope: "account", keyHash: hashToken(email.trim().toLowerCase()) });
const ipKey = (scope: Scope, ip: string | null | undefined): Scoped[] => (ip ? [{ scope, keyHash: hashToken(ip) }] : []);
const deviceKey = (device: string | null | undefined): Scoped[] => (device ? [{ scope: "device", keyHash: device }] : []);

/** The counters that can refuse an attempt: a known device answers to its own, not the account's. */
const limitingKeys = ({ email, ip, device }: ThrottleKeys): Scoped[] => [...(device ? deviceKey(device) : [accountKey(email)]), ...ipKey("ip", ip)];
/** The counters a failure fills: always the account and the address, and the device when there is one. */
const countingKeys = ({ email, ip, device }: ThrottleKeys): Scoped[] => [accountKey(email), ...ipKey("ip", ip), ...deviceKey(device)];

const matches = (keys: Scoped[]) => or(...keys.map((k) => and(eq(loginFailures.scope, k.scope), eq(loginFailures.keyHash, k.keyHash))));

async function assertUnder(tx: Tx, keys: Scoped[], max: number, now: Date) {
  if (keys.length === 0) return;
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await tx
    .select({ scope: loginFailures.scope, keyHash: loginFailures.keyHash, n: count(), oldest: min(loginFailures.createdAt) })
    .from(loginFailures)
    .where(and(matches(keys), gt(loginFailures.createdAt, since)))
    .groupBy(loginFailures.scope, loginFailures.keyHash);
  let retryAt = 0;
  for (const row of rows) {
    // The key is free again once enough of its failures have left the window; the
    // oldest one leaving is a safe lower bound, rounded up to whole seconds.
    if (row.n >= max && row.oldest) retryAt = Math.max(retryAt, row.oldest.getTime() + WINDOW_MS);
  }
  if (retryAt > 0) {
    throw new AppError("rate_limited", "security.errors.throttled", undefined, Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)));
  }
}

async function record(tx: Tx, keys: Scoped[], now: Date) {
  if (keys.length > 0) await tx.insert(loginFailures).values(keys.map((k) => ({ ...k, createdAt: now })));
  await tx.delete(loginFailures).where(lt(loginFailures.createdAt, new Date(now.getTime() - WINDOW_MS)));
}

/** Throw rate_limited (with Retry-After) when the account (or the known device) or the IP address has too many recent failures. */
export async function assertNotThrottled(tx: Tx, keys: ThrottleKeys, now = new Date()) {
  await assertUnder(tx, limitingKeys(keys), MAX_FAILURES, now);
}

/** Count one failed attempt against the account, the IP address and the known device, and forget failures past the window. */
export async function recordFailure(tx: Tx, keys: ThrottleKeys, now = new Date()) {
  await record(tx, countingKeys(keys), now);
}

/**
 * Requests that send mail to an address anyone can type (sign-up, a new confirmation
 * link): every accepted request counts, per IP address, in the same table and window,
 * so the forms cannot be used to flood a mailbox or to probe addresses at speed.
 */
export const MAX_MAIL_REQUESTS = 10;
export type MailRequestKind = "signup" | "resend" | "reset";
const MAIL_SCOPES: Record<MailRequestKind, Scope> = { signup: "signup_ip", resend: "resend_ip", reset: "reset_ip" };

/** Throw rate_limited when this IP address made MAX_MAIL_REQUESTS such requests in the window; otherwise count this one. */
export async function takeMailRequest(tx: Tx, kind: MailRequestKind, ip: string | null | undefined, now = new Date()) {
  const keys = ipKey(MAIL_SCOPES[kind], ip);
  await assertUnder(tx, keys, MAX_MAIL_REQUESTS, now);
  await record(tx, keys, now);
}

/**
 * At most MAX_MAILS_PER_ADDRESS mails of one kind to one address in the window, however
 * many IP addresses ask ("someone tried to sign up with your address", a password
 * reset link): true when this one may be sent (and counts it). Skipping the mail
 * changes nothing in the answer, so the form still reveals nothing.
 */
export const MAX_MAILS_PER_ADDRESS = 3;
export type AddressMailKind = "signup_note" | "reset_note";
export async function takeAddressMail(tx: Tx, kind: AddressMailKind, email: string, now = new Date()): Promise<boolean> {
  const key: Scoped = { scope: kind, keyHash: hashToken(email.trim().toLowerCase()) };
  try {
    await assertUnder(tx, [key], MAX_MAILS_PER_ADDRESS, now);
  } catch {
    return false;
  }
  await record(tx, [key], now);
  return true;
}
