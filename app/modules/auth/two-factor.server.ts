import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { renderSVG } from "uqr";
import type { Tx } from "~db/client";
import { recoveryCodes, sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { env } from "~/lib/env.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { deviceOf, type KnownDevice } from "./devices.server";
import { recentlyReauthenticated, type ValidSession } from "./sessions.server";
import { assertNotThrottled, recordFailure } from "./throttle.server";
import { generateToken, hashToken } from "./tokens.server";

// TOTP as RFC 6238 with the parameters every authenticator app understands.
const PERIOD_SECONDS = 30;
const DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

// ---- the key at rest: AES-256-GCM with a key derived from KOEPEL_SECRET -------------

const aesKey = () => createHash("sha256").update(`koepel-totp-key:${env.secret}`).digest();

export function encryptKey(key: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", aesKey(), iv);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptKey(stored: string): Uint8Array {
  const raw = Buffer.from(stored.replace(/^v1:/, ""), "base64");
  const decipher = createDecipheriv("aes-256-gcm", aesKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
}

// ---- codes ---------------------------------------------------------------------------

const counterAt = (now: Date) => Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);

/**
 * The time step a code belongs to, accepting one step either side for clock drift, or
 * null. A step at or before `lastCounter` is refused: a code works once (ASVS 6.5.1).
 */
export function matchTotp(key: Uint8Array, code: string, lastCounter: number | null, now = new Date()): number | null {
  const current = counterAt(now);
  for (const step of [current - 1, current, current + 1]) {
    if (lastCounter !== null && step <= lastCounter) continue;
    if (generateHOTP(key, BigInt(step), DIGITS) === code) return step;
  }
  return null;
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const isTotpShape = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ""));

/** Ten fresh single-use recovery codes; only their SHA-256 is stored. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = generateToken().slice(0, 10); // 50 random bits each
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashToken(normalizeRecovery(c)) })));
  return codes;
}

/** Take a recovery code: true once per code. */
async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
  const normalized = normalizeRecovery(code);
  if (normalized.length !== 10) return false;
  const [row] = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashToken(normalized)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return Boolean(row);
}

/** Check an authenticator code for a user, and remember its step so it cannot be used again. */
async function useTotp(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  const [user] = await tx.select({ totpKey: users.totpKey, last: users.totpLastCounter }).from(users).where(eq(users.id, userId)).for("update");
  if (!user?.totpKey || !isTotpShape(code)) return false;
  const step = matchTotp(decryptKey(user.totpKey), code.replace(/\s/g, ""), user.last, now);
  if (step === null) return false;
  await tx.update(users).set({ totpLastCounter: step }).where(eq(users.id, userId));
  return true;
}

function requireReauth(session: ValidSession) {
  if (!recentlyReauthenticated(session)) throw new AppError("forbidden", "security.errors.reauthRequired");
}

// ---- set up, confirm, turn off ---------------------------------------------------------

export type TwoFactorState =
  | { state: "enabled"; recoveryCodesLeft: number }
  | { state: "pending"; keyText: string; qrSvg: string }
  | { state: "off" };

export async function twoFactorState(user: { id: string; email: string }): Promise<TwoFactorState> {
  return withSystem(async (tx) => {
    const [row] = await tx.select({ totpKey: users.totpKey, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
    if (row?.enabledAt) {
      const left = await tx.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
      return { state: "enabled", recoveryCodesLeft: left.length };
    }
    if (!row?.totpKey) return { state: "off" };
    const key = decryptKey(row.totpKey);
    const uri = createTOTPKeyURI("Koepel", user.email, key, PERIOD_SECONDS, DIGITS);
    // Grouped in fours so the key can be typed into an app by hand.
    const keyText = encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
    return { state: "pending", keyText, qrSvg: renderSVG(uri, { ecc: "M", border: 2 }) };
  });
}

/** Start (or restart) setting up: a new key, not yet in force until a first code confirms it. */
export async function beginTwoFactorSetup(session: ValidSession) {
  requireReauth(session);
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  await withSystem(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpKey: encryptKey(key), totpLastCounter: null })
      .where(and(eq(users.id, session.user.id), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!row) throw new AppError("conflict", "security.errors.twoFactorAlreadyOn");
  });
}

/**
 * Confirm the set-up with a first code: two-factor is on, this session counts as
 * verified, other sessions end (they never gave a code), and the recovery codes are
 * returned once to be shown once.
 */
export async function confirmTwoFactorSetup(session: ValidSession, code: string, ip?: string | null) {
  requireReauth(session);
  return withSystem(async (tx) => {
    const [user] = await tx.select({ enabledAt: users.totpEnabledAt, key: users.totpKey }).from(users).where(eq(users.id, session.user.id));
    if (user?.enabledAt) throw new AppError("conflict", "security.errors.twoFactorAlreadyOn");
    if (!user?.key) throw new AppError("invalid", "security.errors.setupExpired");
    if (!(await useTotp(tx, session.user.id, code, new Date()))) throw new AppError("invalid", "security.errors.badCode", "code");
    await tx.update(users).set({ totpEnabledAt: new Date(), version: sql`${users.version} + 1` }).where(eq(users.id, session.user.id));
    const codes = await replaceRecoveryCodes(tx, session.user.id);
    await tx.update(sessions).set({ twoFactorVerifiedAt: new Date() }).where(eq(sessions.id, session.id));
    const ended = await tx.delete(sessions).where(and(eq(sessions.userId, session.user.id), ne(sessions.id, session.id))).returning({ id: sessions.id });
    await audit(tx, { actorUserId: session.user.id, action: "user.two_factor_enabled", entityType: "user", entityId: session.user.id, after: { otherSessionsEnded: ended.length }, ip });
    return codes;
  });
}

/** Turn two-factor off: a recent password and a current code (or a recovery code). */
export async function disableTwoFactor(session: ValidSession, code: string, ip?: string | null) {
  requireReauth(session);
  await withSystem(async (tx) => {
    const ok = (await useTotp(tx, session.user.id, code, new Date())) || (await useRecoveryCode(tx, session.user.id, code));
    if (!ok) throw new AppError("invalid", "security.errors.badCode", "code");
    await tx.update(users).set({ totpKey: null, totpEnabledAt: null, totpLastCounter: null, version: sql`${users.version} + 1` }).where(eq(users.id, session.user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, session.user.id));
    await audit(tx, { actorUserId: session.user.id, action: "user.two_factor_disabled", entityType: "user", entityId: session.user.id, before: { twoFactor: true }, after: { twoFactor: false }, ip });
  });
}

/** New recovery codes (the old ones stop working): a recent password. */
export async function regenerateRecoveryCodes(session: ValidSession, ip?: string | null) {
  requireReauth(session);
  return withSystem(async (tx) => {
    const [user] = await tx.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, session.user.id));
    if (!user?.enabledAt) throw new AppError("invalid");
    const codes = await replaceRecoveryCodes(tx, session.user.id);
    await audit(tx, { actorUserId: session.user.id, action: "user.recovery_codes_renewed", entityType: "user", entityId: session.user.id, ip });
    return codes;
  });
}

// ---- the login step ----------------------------------------------------------------------

/**
 * The second login step: an authenticator code or a recovery code. Wrong codes count
 * as failed logins for the account and the address, so guessing is throttled too. As
 * at the password step, a known device of this account is held only by its own counter
 * and the IP address's, not by the account's lock (docs/decisions/018).
 */
export async function verifySecondFactor(session: ValidSession, code: string, ip?: string | null, device?: KnownDevice | null) {
  const keys = { email: session.user.email, ip, device: deviceOf(device, session.user.id) };
  await withSystem((tx) => assertNotThrottled(tx, keys));
  const outcome = await withSystem(async (tx) => {
    if (await useTotp(tx, session.user.id, code, new Date())) return "user.two_factor_verified";
    if (await useRecoveryCode(tx, session.user.id, code)) return "user.recovery_code_used";
    return null;
  });
  await withSystem(async (tx) => {
    if (outcome) {
      await tx.update(sessions).set({ twoFactorVerifiedAt: new Date() }).where(eq(sessions.id, session.id));
    } else {
      await recordFailure(tx, keys);
    }
    await audit(tx, { actorUserId: session.user.id, action: outcome ?? "user.two_factor_failed", entityType: "user", entityId: session.user.id, ip });
  });
  if (!outcome) throw new AppError("invalid", "security.errors.badCode", "code");
}
