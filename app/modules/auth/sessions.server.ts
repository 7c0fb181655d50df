import { and, eq, ne } from "drizzle-orm";
import { sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { audit } from "../audit/audit.server";
import { generateToken, hashToken } from "./tokens.server";

const DAY = 24 * 60 * 60 * 1000;
/** Sliding expiry: a session lives 30 days from its last use (renewed once past half-way). */
export const SESSION_TTL_MS = 30 * DAY;

export type SessionUser = { id: string; email: string; name: string; locale: "nl" | "en" };
export type ValidSession = { id: string; expiresAt: Date; user: SessionUser; fresh: boolean };

export async function createSession(userId: string, meta: { userAgent?: string | null; ip?: string | null } = {}) {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await withSystem((tx) =>
    tx.insert(sessions).values({ id: hashToken(token), userId, expiresAt, userAgent: meta.userAgent?.slice(0, 300), ip: meta.ip }),
  );
  return { token, expiresAt };
}

export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  const id = hashToken(token);
  return withSystem(async (tx) => {
    const [row] = await tx
      .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name, locale: users.locale } })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id));
    if (!row) return null;
    if (row.session.expiresAt.getTime() <= now.getTime()) {
      await tx.delete(sessions).where(eq(sessions.id, id));
      return null;
    }
    let fresh = false;
    let expiresAt = row.session.expiresAt;
    if (expiresAt.getTime() - now.getTime() < SESSION_TTL_MS / 2) {
      expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
      fresh = true;
    }
    return { id, expiresAt, user: row.user, fresh };
  });
}

export async function invalidateSession(sessionId: string, ip?: string | null) {
  await withSystem(async (tx) => {
    const [row] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
    if (row) await audit(tx, { actorUserId: row.userId, action: "user.logout", entityType: "session", ip });
  });
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
