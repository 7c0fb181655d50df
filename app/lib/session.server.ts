import { parse, serialize } from "cookie";
import { validateSessionToken, type ValidSession } from "~/modules/auth/sessions.server";
import { env } from "./env.server";

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

// One lookup per request, however many loaders ask.
const cache = new WeakMap<Request, Promise<ValidSession | null>>();
/** Any live session, including one still waiting for its second factor: for the code step and logout only. */
export function getAnySession(request: Request): Promise<ValidSession | null> {
  let found = cache.get(request);
  if (!found) {
    const token = readSessionToken(request);
    found = token ? validateSessionToken(token) : Promise.resolve(null);
    cache.set(request, found);
  }
  return found;
}

/** A fully logged-in session: one waiting for its two-factor code counts as none. */
export async function getSession(request: Request): Promise<ValidSession | null> {
  const session = await getAnySession(request);
  return session && !session.twoFactorPending ? session : null;
}
