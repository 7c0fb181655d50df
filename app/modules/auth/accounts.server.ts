import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { emailTokens, sessions, users } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { withSystem } from "~db/tenant";
import type { Lng } from "~/i18n";
import { env } from "~/lib/env.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { enqueueMail } from "../mail/outbox.server";
import { renderMail } from "../mail/templates.server";
import { dummyPasswordHash, hashNewPassword, verifyPassword } from "./password.server";
import type { ValidSession } from "./sessions.server";
import { deviceOf, type KnownDevice } from "./devices.server";
import { assertNotThrottled, recordFailure, takeAddressMail, takeMailRequest } from "./throttle.server";
import { generateToken, hashToken } from "./tokens.server";

const HOUR = 60 * 60 * 1000;
const TOKEN_TTL = { verify_email: 48 * HOUR, reset_password: 1 * HOUR, change_email: 24 * HOUR } as const;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(tx: Tx, email: string) {
  const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${normalizeEmail(email)}`);
  return user ?? null;
}

async function issueEmailToken(tx: Tx, userId: string, purpose: keyof typeof TOKEN_TTL, newEmail?: string) {
  const token = generateToken();
  await tx.insert(emailTokens).values({ id: hashToken(token), userId, purpose, newEmail, expiresAt: new Date(Date.now() + TOKEN_TTL[purpose]) });
  return token;
}

/** Take a single-use token: valid only once and before it expires. */
async function consumeEmailToken(tx: Tx, token: string, purpose: keyof typeof TOKEN_TTL) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.id, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())))
    .returning();
  if (!row) throw new AppError("invalid", "auth.errors.linkInvalid");
  return row;
}

/**
 * Sign up. The answer is the same whether or not the address already has an account
 * (docs/decisions/018-known-devices-and-signup.md): both branches hash the password,
 * write a mail to the outbox and an audit row, and return the normalised address.
 * A new address gets the confirmation link; an existing one a note that someone tried
 * to sign up with it, with links to log in or choose a new password. The IP address is
 * throttled first, before any hashing.
 */
export async function signUp(input: { name: string; email: string; password: string; locale: Lng; ip?: string | null }): Promise<{ email: string }> {
  const email = normalizeEmail(input.email);
  await withSystem((tx) => takeMailRequest(tx, "signup", input.ip));
  const passwordHash = await hashNewPassword(input.password);
  try {
    return await withSystem(async (tx) => {
      const existing = await findUserByEmail(tx, email);
      if (existing) {
        await noteSignupForExisting(tx, existing, input.ip);
        return { email };
      }
      const [user] = await tx.insert(users).values({ name: input.name.trim(), email, passwordHash, locale: input.locale }).returning();
      const token = await issueEmailToken(tx, user.id, "verify_email");
      const mail = await renderMail(input.locale, "verifyEmail", { name: user.name, link: `${env.appUrl}/verify-email?token=${token}` });
      await enqueueMail(tx, { to: user.email, ...mail });
      await audit(tx, { actorUserId: user.id, action: "user.signed_up", entityType: "user", entityId: user.id, after: { email: user.email, name: user.name }, ip: input.ip });
      return { email };
    });
  } catch (error) {
    // Two sign-ups for one new address at once: the loser meets the unique index and
    // is answered like any sign-up for an existing address.
    if (!isUniqueViolation(error)) throw error;
    await withSystem(async (tx) => {
      const existing = await findUserByEmail(tx, email);
      if (existing) await noteSignupForExisting(tx, existing, input.ip);
    });
    return { email };
  }
}

/** Tell the owner of an address that someone tried to sign up with it; the account itself is untouched. */
async function noteSignupForExisting(tx: Tx, user: typeof users.$inferSelect, ip?: string | null) {
  // A few notes per address suffice: many more would let strangers flood the owner's mailbox.
  const noted = await takeAddressMail(tx, "signup_note", user.email);
  if (noted) {
    const mail = await renderMail(user.locale, "signupExisting", { name: user.name, login: `${env.appUrl}/login`, reset: `${env.appUrl}/forgot-password` });
    await enqueueMail(tx, { to: user.email, ...mail });
  }
  await audit(tx, { actorUserId: null, action: "user.signup_existing", entityType: "user", entityId: user.id, after: { noted }, ip });
}

/** Confirm the address from the link; returns the user, who is then logged in. */
export async function verifyEmail(token: string, ip?: string | null) {
  return withSystem(async (tx) => {
    const row = await consumeEmailToken(tx, token, "verify_email");
    const [user] = await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, row.userId)).returning();
    await audit(tx, { actorUserId: user.id, action: "user.email_verified", entityType: "user", entityId: user.id, after: { emailVerifiedAt: user.emailVerifiedAt }, ip });
    return user;
  });
}

/** A new confirmation link for an unconfirmed account; the same answer for any address, throttled per IP address. */
export async function resendVerification(email: string, ip?: string | null) {
  await withSystem(async (tx) => {
    await takeMailRequest(tx, "resend", ip);
    const user = await findUserByEmail(tx, email);
    if (!user || user.emailVerifiedAt) return; // same answer either way
    const token = await issueEmailToken(tx, user.id, "verify_email");
    const mail = await renderMail(user.locale, "verifyEmail", { name: user.name, link: `${env.appUrl}/verify-email?token=${token}` });
    await enqueueMail(tx, { to: user.email, ...mail });
  });
}

/**
 * Check email and password. Throttling comes first, before any hashing, and answers
 * the same for every address and password. A wrong password and an unknown address
 * give the same answer after the same work, so the form does not reveal who has an account.
 *
 * `device` is the browser's known-device cookie, if any (devices.server.ts): when it
 * belongs to this account, the account's own lock does not refuse it (its device
 * counter and the IP counter still do), so a stranger's failures cannot keep the owner out.
 */
export async function authenticate(input: { email: string; password: string; ip?: string | null; device?: KnownDevice | null }) {
  const user = await withSystem((tx) => findUserByEmail(tx, input.email));
  const device = deviceOf(input.device, user?.id);
  const keys = { email: input.email, ip: input.ip, device };
  try {
    await withSystem((tx) => assertNotThrottled(tx, keys));
  } catch (error) {
    await withSystem((tx) =>
      audit(tx, { action: "user.login_throttled", entityType: "user", after: { email: normalizeEmail(input.email), knownDevice: Boolean(device) }, ip: input.ip }),
    );
    throw error;
  }
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  await withSystem(async (tx) => {
    if (!ok || !user) await recordFailure(tx, keys);
    await audit(tx, {
      actorUserId: user?.id ?? null,
      action: ok && user ? "user.login" : "user.login_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      after: ok ? (device ? { knownDevice: true } : null) : { email: normalizeEmail(input.email), knownDevice: Boolean(device) },
      ip: input.ip,
    });
  });
  if (!user || !ok) throw new AppError("invalid", "auth.errors.badCredentials");
  if (!user.emailVerifiedAt) throw new AppError("invalid", "auth.errors.unverified"); // shown only after the right password
  return user;
}

/** Check the current password of a logged-in person; a wrong one counts as a failed login. */
async function checkCurrentPassword(session: ValidSession, password: string, field: string, ip?: string | null) {
  const keys = { email: session.user.email, ip };
  await withSystem((tx) => assertNotThrottled(tx, keys));
  const [user] = await withSystem((tx) => tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, session.user.id)));
  if (await verifyPassword(user?.passwordHash ?? null, password)) return;
  await withSystem(async (tx) => {
    await recordFailure(tx, keys);
    await audit(tx, { actorUserId: session.user.id, action: "user.reauthentication_failed", entityType: "user", entityId: session.user.id, ip });
  });
  throw new AppError("invalid", "security.errors.wrongPassword", field);
}

/** Confirm the password again before a sensitive change (ASVS 5.0 7.5.1). */
export async function reauthenticate(session: ValidSession, password: string, ip?: string | null) {
  await checkCurrentPassword(session, password, "password", ip);
  await withSystem(async (tx) => {
    await tx.update(sessions).set({ reauthenticatedAt: new Date() }).where(eq(sessions.id, session.id));
    await audit(tx, { actorUserId: session.user.id, action: "user.reauthenticated", entityType: "session", ip });
  });
}

/**
 * Change the password: the current one is required (which is also a re-authentication),
 * the new one follows the password rules, and every other session of the account ends.
 */
export async function changePassword(session: ValidSession, input: { current: string; password: string }, ip?: string | null) {
  await checkCurrentPassword(session, input.current, "current", ip);
  const passwordHash = await hashNewPassword(input.password);
  return withSystem(async (tx) => {
    const now = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, version: sql`${users.version} + 1` }).where(eq(users.id, session.user.id));
    const ended = await tx.delete(sessions).where(and(eq(sessions.userId, session.user.id), ne(sessions.id, session.id))).returning({ id: sessions.id });
    await tx.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, session.id));
    await audit(tx, { actorUserId: session.user.id, action: "user.password_changed", entityType: "user", entityId: session.user.id, after: { otherSessionsEnded: ended.length }, ip });
    return ended.length;
  });
}

/**
 * A reset link, with the same answer whether or not the account exists. Throttled per
 * IP address like sign-up (429 past MAX_MAIL_REQUESTS), and at most MAX_MAILS_PER_ADDRESS
 * links per address in the window from any number of addresses, so the form cannot
 * flood someone's mailbox.
 */
export async function requestPasswordReset(email: string, ip?: string | null) {
  await withSystem((tx) => takeMailRequest(tx, "reset", ip));
  await withSystem(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return; // same answer whether or not the account exists
    if (!(await takeAddressMail(tx, "reset_note", user.email))) return;
    const token = await issueEmailToken(tx, user.id, "reset_password");
    const mail = await renderMail(user.locale, "resetPassword", { name: user.name, link: `${env.appUrl}/reset-password?token=${token}` });
    await enqueueMail(tx, { to: user.email, ...mail });
    await audit(tx, { actorUserId: user.id, action: "user.password_reset_requested", entityType: "user", entityId: user.id, ip });
  });
}

/** Set a new password from a reset link; every session of the account ends. */
export async function resetPassword(token: string, password: string, ip?: string | null) {
  const passwordHash = await hashNewPassword(password);
  return withSystem(async (tx) => {
    const row = await consumeEmailToken(tx, token, "reset_password");
    // Receiving the link proves the address, so an unconfirmed account is confirmed too.
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, version: sql`${users.version} + 1` })
      .where(eq(users.id, row.userId))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await audit(tx, { actorUserId: user.id, action: "user.password_reset", entityType: "user", entityId: user.id, after: { changedAt: user.passwordChangedAt, allSessionsEnded: true }, ip });
    return user;
  });
}

export async function setLocale(userId: string, locale: Lng, ip?: string | null) {
  await withSystem(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
    if (before?.locale === locale) return;
    await tx.update(users).set({ locale }).where(eq(users.id, userId));
    await audit(tx, { actorUserId: userId, action: "user.locale_changed", entityType: "user", entityId: userId, before, after: { locale }, ip });
  });
}

export async function updateProfile(userId: string, input: { name: string }, ip?: string | null) {
  await withSystem(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    await tx.update(users).set({ name: input.name.trim(), version: sql`${users.version} + 1` }).where(eq(users.id, userId));
    await audit(tx, { actorUserId: userId, action: "user.profile_updated", entityType: "user", entityId: userId, before, after: { name: input.name.trim() }, ip });
  });
}

/**
 * Ask to change the account's address: the current password (re-authentication), a
 * confirmation link to the new address, and a notice to the old one. Nothing changes
 * until the link is followed, so a typo or a stolen session cannot take the account.
 */
export async function requestEmailChange(session: ValidSession, input: { email: string; password: string }, ip?: string | null) {
  await checkCurrentPassword(session, input.password, "password", ip);
  const newEmail = normalizeEmail(input.email);
  await withSystem(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, session.user.id));
    if (user.email === newEmail) throw new AppError("invalid", "security.errors.sameEmail", "email");
    if (await findUserByEmail(tx, newEmail)) throw new AppError("conflict", "auth.errors.emailTaken", "email");
    const token = await issueEmailToken(tx, user.id, "change_email", newEmail);
    const confirm = await renderMail(user.locale, "security:changeEmail", { name: user.name, link: `${env.appUrl}/confirm-email?token=${token}` });
    await enqueueMail(tx, { to: newEmail, ...confirm });
    const notice = await renderMail(user.locale, "security:emailChangeRequested", { name: user.name, email: newEmail });
    await enqueueMail(tx, { to: user.email, ...notice });
    await audit(tx, { actorUserId: user.id, action: "user.email_change_requested", entityType: "user", entityId: user.id, after: { email: newEmail }, ip });
  });
  return newEmail;
}

/** Follow the link sent to the new address: it becomes the account's, and the old address is told. */
export async function confirmEmailChange(token: string, ip?: string | null) {
  return withSystem(async (tx) => {
    const row = await consumeEmailToken(tx, token, "change_email");
    if (!row.newEmail) throw new AppError("invalid", "auth.errors.linkInvalid");
    const taken = await findUserByEmail(tx, row.newEmail);
    if (taken && taken.id !== row.userId) throw new AppError("conflict", "auth.errors.emailTaken");
    const [before] = await tx.select().from(users).where(eq(users.id, row.userId));
    const [user] = await tx
      .update(users)
      .set({ email: row.newEmail, emailVerifiedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, row.userId))
      .returning();
    const notice = await renderMail(user.locale, "security:emailChanged", { name: user.name, email: user.email });
    await enqueueMail(tx, { to: before.email, ...notice });
    await audit(tx, { actorUserId: user.id, action: "user.email_changed", entityType: "user", entityId: user.id, before: { email: before.email }, after: { email: user.email }, ip });
    return user;
  });
}
