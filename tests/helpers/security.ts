// Helpers for the security tests: two-factor set up directly in the database, and
// authenticator codes computed as a phone app would.
import { generateHOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { hashToken } from "~/modules/auth/tokens.server";
import { encryptKey } from "~/modules/auth/two-factor.server";
import type { TestUser } from "./app";

/** The code an authenticator app shows for `key` at `now`, offset by whole 30-second steps. */
export function totpCode(key: Uint8Array, now = new Date(), stepOffset = 0): string {
  return generateHOTP(key, BigInt(Math.floor(now.getTime() / 30_000) + stepOffset), 6);
}

/** Two-factor on for a test user, their existing session marked as having given a code. */
export async function enableTwoFactor(user: TestUser): Promise<Uint8Array> {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  await withSystem(async (tx) => {
    await tx.update(users).set({ totpKey: encryptKey(key), totpEnabledAt: new Date() }).where(eq(users.id, user.id));
    await tx.update(sessions).set({ twoFactorVerifiedAt: new Date() }).where(eq(sessions.id, hashToken(user.token)));
  });
  return key;
}
