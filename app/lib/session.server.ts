import { parse, serialize } from "cookie";
import { validateSessionToken, type ValidSession } from "~/modules/auth/sessions.server";
import { env } from "./env.server";

// In production the cookie is __Host- prefixed: Secure, path=/, no Domain, so no
// subdomain can set or read it. Local http (the demo, tests) cannot use Secure cookies.
export const sessionCookieName = () => (env.production ? "__Host-koepel_session" : "koepel_session");

export function sessionCookie(token: string, expiresAt: Date): string {
  return serialize(sessionCookieName(), token, { httpOnly: true, sameSite: "lax", secure: env.production, path: "/", expires: expiresAt });
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
export function getSession(request: Request): Promise<ValidSession | null> {
  let found = cache.get(request);
  if (!found) {
    const token = readSessionToken(request);
    found = token ? validateSessionToken(token) : Promise.resolve(null);
    cache.set(request, found);
  }
  return found;
}
