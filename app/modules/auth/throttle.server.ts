import { and, count, eq, gt, lt, min, or } from "drizzle-orm";
import type { Tx } from "~db/client";
import { loginFailures } from "~db/schema";
import { AppError } from "~/lib/errors";
import { hashToken } from "./tokens.server";

/**
 * Login throttling (ASVS 5.0 6.3.1): at most MAX_FAILURES failed attempts per account
 * and per IP address within WINDOW_MS. The check runs before any password is hashed,
 * and answers the same for an unknown address, a wrong password and a right one.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleKeys = { email: string; ip: string | null | undefined };
type Scoped = { scope: "account" | "ip"; keyHash: string };

// Hashed so the table holds no addresses; the same hash as tokens (SHA-256 hex).
function scopedKeys({ email, ip }: ThrottleKeys): Scoped[] {
  const keys: Scoped[] = [{ scope: "account", keyHash: hashToken(email.trim().toLowerCase()) }];
  if (ip) keys.push({ scope: "ip", keyHash: hashToken(ip) });
  return keys;
}

const matches = (keys: Scoped[]) => or(...keys.map((k) => and(eq(loginFailures.scope, k.scope), eq(loginFailures.keyHash, k.keyHash))));

/** Throw rate_limited (with Retry-After) when the account or the IP address has too many recent failures. */
export async function assertNotThrottled(tx: Tx, keys: ThrottleKeys, now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await tx
    .select({ scope: loginFailures.scope, keyHash: loginFailures.keyHash, n: count(), oldest: min(loginFailures.createdAt) })
    .from(loginFailures)
    .where(and(matches(scopedKeys(keys)), gt(loginFailures.createdAt, since)))
    .groupBy(loginFailures.scope, loginFailures.keyHash);
  let retryAt = 0;
  for (const row of rows) {
    // The key is free again once enough of its failures have left the window; the
    // oldest one leaving is a safe lower bound, rounded up to whole seconds.
    if (row.n >= MAX_FAILURES && row.oldest) retryAt = Math.max(retryAt, row.oldest.getTime() + WINDOW_MS);
  }
  if (retryAt > 0) {
    throw new AppError("rate_limited", "security.errors.throttled", undefined, Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)));
  }
}

/** Count one failed attempt against the account and the IP address, and forget failures past the window. */
export async function recordFailure(tx: Tx, keys: ThrottleKeys, now = new Date()) {
  await tx.insert(loginFailures).values(scopedKeys(keys).map((k) => ({ ...k, createdAt: now })));
  await tx.delete(loginFailures).where(lt(loginFailures.createdAt, new Date(now.getTime() - WINDOW_MS)));
}
