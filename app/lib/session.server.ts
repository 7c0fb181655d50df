import { parse, serialize } from "cookie";
import { validateSessionWithMemberships, type SessionMembership, type ValidSession } from "~/modules/auth/sessions.server";
import { env } from "./env.server";
import { requestMemo } from "./request-context.server";

// In production the cookie is __Host- prefixed: Secure, path=/, no Domain, so no
// subdomain can set or read it. Local http (the demo, tests) cannot use Secure cookies.
export const sessionCookieName = () => (env.production ? "__Host-koepel_session" : "koepel_session");

// No Expires: the cookie lasts until the browser closes (shared practice PCs), and the
// server ends the session anyway after its idle or absolute limit (sessions.server.ts).
export function sessionCookie(token: string): string {
  return serialize(sessionCookieName(), token, { httpOnly: true, sameSite: "lax", secure: env.production, path: "/" });
}

export function clearSessionCookie(): string {
  return serialize(sessionCookieName(), "", { httpOnly: true, sameSite: "lax", secure: env.production, path: "/", maxAge: 0 });
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const token = parse(header)[sessionCookieName()];
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

type SessionBundle = Awaited<ReturnType<typeof validateSessionWithMemberships>>;

/**
 * One session check per request, however many loaders ask: memoized in the request's
 * context (request-context.server.ts), never on the Request object, which Remix may
 * hand each loader a copy of. The same round trip brings the user's cooperatives.
 */
function loadSession(request: Request): Promise<SessionBundle> {
  const token = readSessionToken(request);
  if (!token) return Promise.resolve(null);
  return requestMemo(`session:${token}`, () => validateSessionWithMemberships(token));
}

/** Any live session, including one still waiting for its second factor: for the code step and logout only. */
export async function getAnySession(request: Request): Promise<ValidSession | null> {
  return (await loadSession(request))?.session ?? null;
}

/** The cooperatives of the fully logged-in user, by name, from the request's one session check. */
export async function getSessionMemberships(request: Request): Promise<SessionMembership[]> {
  const found = await loadSession(request);
  return found && !found.session.twoFactorPending ? found.memberships : [];
}

/** A fully logged-in session: one waiting for its two-factor code counts as none. */
export async function getSession(request: Request): Promise<ValidSession | null> {
  const session = await getAnySession(request);
  return session && !session.twoFactorPending ? session : null;
}
