import { createHmac, timingSafeEqual } from "node:crypto";
import { parse, serialize } from "cookie";
import { env } from "~/lib/env.server";
import { generateToken, hashToken } from "./tokens.server";

/**
 * Known devices (NIST 800-63B 5.2.2, OWASP "device cookies"): after a complete login
 * (password and, when on, the second factor) the browser gets a long-lived cookie,
 * signed with a key derived from KOEPEL_SECRET and bound to the account. While a
 * stranger's failures hold the account locked, a login from a browser that carries
 * such a cookie for that account is let through the account's lock (it has its own
 * counter; throttle.server.ts). See docs/decisions/018-known-devices-and-signup.md.
 *
 * The cookie proves only "this browser logged in to this account before": it never
 * logs anyone in by itself, the password (and code) are still needed every time.
 */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
// A little clock drift between web processes must not void a fresh cookie.
const FUTURE_SKEW_SECONDS = 5 * 60;

// In production __Host- prefixed like the session cookie: Secure, path=/, no Domain.
export const deviceCookieName = () => (env.production ? "__Host-koepel_device" : "koepel_device");

export type KnownDevice = {
  userId: string;
  /** Stable per cookie, a hash: the key of this device's own failure counter. */
  deviceId: string;
};

// A key of its own, derived from the app secret, so a value signed here means nothing elsewhere.
const signingKey = () => createHmac("sha256", env.secret).update("koepel-device-cookie:v1").digest();
const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SHAPE = new RegExp(`^(v1\\.(${UUID})\\.(\\d{1,12})\\.([a-z2-7]{32}))\\.([A-Za-z0-9_-]{43})$`);

/** The cookie's value: version, account, issue time (seconds), 160 random bits, and the HMAC over all of them. */
export function deviceCookieValue(userId: string, now = new Date()): string {
  const payload = `v1.${userId}.${Math.floor(now.getTime() / 1000)}.${generateToken()}`;
  return `${payload}.${sign(payload)}`;
}

/** Set-Cookie for a browser that just completed a login to this account: a new device cookie for a year. */
export function deviceCookie(userId: string, now = new Date()): string {
  return serialize(deviceCookieName(), deviceCookieValue(userId, now), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.production,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}

/** Check a cookie value: null when malformed, forged, expired or from the future. */
export function verifyDeviceCookie(value: string | undefined | null, now = new Date()): KnownDevice | null {
  const m = value ? SHAPE.exec(value) : null;
  if (!m) return null;
  const [, payload, userId, issuedAt, nonce, mac] = m;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const age = Math.floor(now.getTime() / 1000) - Number(issuedAt);
  if (age > DEVICE_COOKIE_MAX_AGE_SECONDS || age < -FUTURE_SKEW_SECONDS) return null;
  return { userId, deviceId: hashToken(`device:${userId}:${nonce}`) };
}

/** The known device the request's cookie proves, or null. */
export function readKnownDevice(request: Request, now = new Date()): KnownDevice | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  return verifyDeviceCookie(parse(header)[deviceCookieName()], now);
}

/** The device's id when its cookie belongs to this account; another account's cookie counts as none. */
export function deviceOf(device: KnownDevice | null | undefined, userId: string | null | undefined): string | null {
  return device && userId && device.userId === userId ? device.deviceId : null;
}
