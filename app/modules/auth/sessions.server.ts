import type { Role } from "@koepel/rules";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "~db/client";
import { memberships, organizations, sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { audit } from "../audit/audit.server";
import { generateToken, hashToken } from "./tokens.server";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
// Lifetimes, see docs/decisions/011-session-lifetimes.md: practice PCs are shared and
// the data concern children's health, so a session ends after 30 minutes without use
// and 12 hours after login whatever happens (NIST 800-63B AAL2; ASVS 5.0 7.3.1/7.3.2).
export const IDLE_TIMEOUT_MS = 30 * MINUTE;
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;
/** last_seen_at is written at most this often, so reading a page is not a write every time. */
const TOUCH_EVERY_MS = 1 * MINUTE;
/** A password confirmation counts this long for email, password and two-factor changes. */
export const REAUTH_WINDOW_MS = 10 * MINUTE;

type LegalForm = (typeof organizations.legalForm.enumValues)[number];

export type SessionUser = { id: string; email: string; name: string; locale: "nl" | "en" };
export type ValidSession = {
  id: string;
  /** When the session ends if it stays unused (for the cookie's expiry). */
  expiresAt: Date;
  user: SessionUser;
  /** The account has two-factor authentication and this session has not passed it yet. */
  twoFactorPending: boolean;
  twoFactorEnabled: boolean;
  reauthenticatedAt: Date | null;
};

const endOf = (createdAt: Date, lastSeenAt: Date) =>
  new Date(Math.min(lastSeenAt.getTime() + IDLE_TIMEOUT_MS, createdAt.getTime() + ABSOLUTE_TIMEOUT_MS));

/**
 * A new session with a new random token (login, confirmation link, invitation). When
 * the account has two-factor authentication the session starts unverified: only the
 * code step and logout accept it until a code is given.
 */
export async function createSession(userId: string, meta: { userAgent?: string | null; ip?: string | null } = {}, now = new Date()) {
  const token = generateToken();
  const expiresAt = endOf(now, now);
  await withSystem(async (tx) => {
    const [user] = await tx.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
    await tx.insert(sessions).values({
      id: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      // Logging in is a fresh password check, so a sensitive change right after needs no second one.
      reauthenticatedAt: now,
      twoFactorVerifiedAt: user?.totpEnabledAt ? null : now,
      userAgent: meta.userAgent?.slice(0, 300),
      ip: meta.ip,
    });
  });
  return { token, expiresAt };
}

/** A cooperative the session's user belongs to, with the membership: what the tenant guard needs. */
export type SessionMembership = {
  membershipId: string;
  role: Role;
  org: { id: string; slug: string; name: string; legalForm: LegalForm; kvkNumber: string; version: number; twoFactorRoles: Role[] };
};

export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  return (await validateSessionWithMemberships(token, now))?.session ?? null;
}

/**
 * The session behind a token together with every cooperative its user belongs to, in
 * one statement and without a transaction: the page's guard, the header's list of
 * cooperatives and the login check all come from this one round trip (decision 019).
 * The sliding refresh (at most once a minute) and the removal of an ended session are
 * single statements of their own, atomic without a transaction.
 */
export async function validateSessionWithMemberships(
  token: string,
  now = new Date(),
): Promise<{ session: ValidSession; memberships: SessionMembership[] } | null> {
  const id = hashToken(token);
  const db = await getDb();
  const rows = await db
    .select({
      session: { createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, twoFactorVerifiedAt: sessions.twoFactorVerifiedAt, reauthenticatedAt: sessions.reauthenticatedAt },
      user: { id: users.id, email: users.email, name: users.name, locale: users.locale },
      totpEnabledAt: users.totpEnabledAt,
      membershipId: memberships.id,
      role: memberships.role,
      org: {
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        legalForm: organizations.legalForm,
        kvkNumber: organizations.kvkNumber,
        version: organizations.version,
        twoFactorRoles: organizations.twoFactorRoles,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(sessions.id, id))
    .orderBy(asc(organizations.name));
  const row = rows[0];
  if (!row) return null;
  const { session } = row;
  // Idle and absolute limits are both enforced here, on the server, whatever the cookie says.
  if (endOf(session.createdAt, session.lastSeenAt).getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let lastSeenAt = session.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    lastSeenAt = now;
    await db.update(sessions).set({ lastSeenAt, expiresAt: endOf(session.createdAt, lastSeenAt) }).where(eq(sessions.id, id));
  }
  const twoFactorEnabled = row.totpEnabledAt !== null;
  const found: SessionMembership[] = [];
  for (const r of rows) if (r.membershipId && r.role && r.org) found.push({ membershipId: r.membershipId, role: r.role, org: r.org });
  return {
    session: {
      id,
      expiresAt: endOf(session.createdAt, lastSeenAt),
      user: row.user,
      twoFactorEnabled,
      twoFactorPending: twoFactorEnabled && session.twoFactorVerifiedAt === null,
      reauthenticatedAt: session.reauthenticatedAt,
    },
    memberships: found,
  };
}

/** True when the password was confirmed in this session within the last REAUTH_WINDOW_MS. */
export const recentlyReauthenticated = (session: Pick<ValidSession, "reauthenticatedAt">, now = new Date()) =>
  session.reauthenticatedAt !== null && now.getTime() - session.reauthenticatedAt.getTime() < REAUTH_WINDOW_MS;

export async function invalidateSession(sessionId: string, ip?: string | null) {
  await withSystem(async (tx) => {
    const [row] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
    if (row) await audit(tx, { actorUserId: row.userId, action: "user.logout", entityType: "session", ip });
  });
}

/** End the session a browser held before logging in again: one login, one live token. */
export async function endSessionByToken(token: string) {
  await withSystem((tx) => tx.delete(sessions).where(eq(sessions.id, hashToken(token))));
}

/** "End all other sessions": every session of the user but the one in use. */
export async function invalidateOtherSessions(userId: string, keepSessionId: string, ip?: string | null) {
  return withSystem(async (tx) => {
    const removed = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
      .returning({ id: sessions.id });
    await audit(tx, { actorUserId: userId, action: "user.other_sessions_ended", entityType: "session", after: { count: removed.length }, ip });
    return removed.length;
  });
}

export async function listSessions(userId: string) {
  return withSystem((tx) =>
    tx
      .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ip: sessions.ip })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(sessions.createdAt),
  );
}
