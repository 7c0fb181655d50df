// Issue 10, point 7: a stranger's wrong passwords lock an account, but not for the
// owner's browser that logged in before (a signed known-device cookie, decision 018).
// Each test fails when the protection it names is taken out.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "~db/schema";
import { withSystem } from "~db/tenant";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookie, deviceCookieValue, readKnownDevice, verifyDeviceCookie } from "~/modules/auth/devices.server";
import { MAX_FAILURES, WINDOW_MS } from "~/modules/auth/throttle.server";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as codeStep from "~/routes/login_.two-factor";
import * as reset from "~/routes/reset-password";
import { PASSWORD, createUser, linkToken, post, sessionCookieHeader, setCookieValue, type Outcome, uniqueEmail } from "../helpers/app";
import { enableTwoFactor, totpCode } from "../helpers/security";

const SESSION = "koepel_session";
const DEVICE = "koepel_device";
let ipSeq = 0;
/** A fresh client address per use, so tests never share an IP counter. */
const newIp = () => `203.0.113.${(ipSeq = (ipSeq % 250) + 1)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

const attempt = (email: string, password: string, opts: { ip?: string; device?: string | null } = {}) =>
  post(login.action, "/login", { email, password }, { headers: { "x-koepel-client-ip": opts.ip ?? newIp() }, cookie: opts.device ? `${DEVICE}=${opts.device}` : null });

/** The device cookie a browser keeps from a complete login. */
function deviceFrom(res: Outcome): string {
  const value = setCookieValue(res, DEVICE);
  expect(value, "a device cookie after the login").toBeTruthy();
  return value!;
}

/** A stranger, with no cookie and from a new address each time, fills the account's counter. */
async function strangerLocksOut(email: string) {
  for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt(email, "a stranger's guess")).status).toBe(400);
  // Locked: without a device cookie even the right password is refused, from anywhere.
  const locked = await attempt(email, PASSWORD);
  expect(locked.status).toBe(429);
  expect(setCookieValue(locked, SESSION)).toBeNull();
}

function expectThrottled(res: Outcome) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get("Retry-After"));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
  expect(res.data.result.error).toEqual({ "": ["security.errors.throttled"] });
  expect(setCookieValue(res, SESSION)).toBeNull();
}

describe("the known-device cookie", () => {
  it("is set at a complete login: HttpOnly, SameSite=Lax, path /, for a year, signed and bound to the account", async () => {
    const u = await createUser();
    const res = await attempt(u.email, PASSWORD);
    expect(res.status).toBe(302);
    const header = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE}=`))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//i);
    expect(header).toMatch(new RegExp(`Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`));
    expect(verifyDeviceCookie(deviceFrom(res))).toMatchObject({ userId: u.id });
    // A failed login sets none.
    expect(setCookieValue(await attempt(u.email, "not the password"), DEVICE)).toBeNull();
  });

  it("outlives logout and needs the password all the same: by itself it logs nobody in", async () => {
    const u = await createUser();
    const first = await attempt(u.email, PASSWORD);
    const device = deviceFrom(first);
    const out = await post(logout.action, "/logout", {}, { cookie: `${sessionCookieHeader(setCookieValue(first, SESSION)!)}; ${DEVICE}=${device}` });
    expect(out.headers.getSetCookie().some((c) => c.startsWith(`${DEVICE}=`))).toBe(false);
    const wrong = await attempt(u.email, "not the password", { device });
    expect(wrong.status).toBe(400);
    expect(setCookieValue(wrong, SESSION)).toBeNull();
  });

  it("in production is __Host- prefixed and Secure, and needs KOEPEL_SECRET", () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, KOEPEL_SECRET: process.env.KOEPEL_SECRET };
    try {
      process.env.NODE_ENV = "production";
      delete process.env.KOEPEL_SECRET;
      expect(() => deviceCookie("0b6a1a3e-4c1f-4c53-9d5e-2f0c4c7b8a91")).toThrow(/KOEPEL_SECRET/);
      process.env.KOEPEL_SECRET = "a production secret";
      const header = deviceCookie("0b6a1a3e-4c1f-4c53-9d5e-2f0c4c7b8a91");
      expect(header).toMatch(/^__Host-koepel_device=/);
      expect(header).toMatch(/; Secure/i);
      expect(header).toMatch(/; Path=\//i);
      expect(header).not.toMatch(/Domain=/i);
      const value = decodeURIComponent(header.split(";")[0].split("=").slice(1).join("="));
      const request = new Request("https://koepel.example/login", { headers: { Cookie: `__Host-koepel_device=${value}; koepel_device=${value}` } });
      expect(readKnownDevice(request)?.userId).toBe("0b6a1a3e-4c1f-4c53-9d5e-2f0c4c7b8a91");
      // The unprefixed name, which any subdomain could set, is not read in production.
      expect(readKnownDevice(new Request("https://koepel.example/login", { headers: { Cookie: `koepel_device=${value}` } }))).toBeNull();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("refuses a cookie that is altered, signed with another secret, expired or from the future", () => {
    const id = "0b6a1a3e-4c1f-4c53-9d5e-2f0c4c7b8a91";
    const good = deviceCookieValue(id);
    expect(verifyDeviceCookie(good)?.userId).toBe(id);
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);
    expect(verifyDeviceCookie(flip(good, good.length - 1))).toBeNull();
    expect(verifyDeviceCookie(good.replace(id, "1b6a1a3e-4c1f-4c53-9d5e-2f0c4c7b8a91"))).toBeNull();
    const saved = process.env.KOEPEL_SECRET;
    process.env.KOEPEL_SECRET = "someone else's secret";
    const foreign = deviceCookieValue(id);
    if (saved === undefined) delete process.env.KOEPEL_SECRET;
    else process.env.KOEPEL_SECRET = saved;
    expect(verifyDeviceCookie(foreign)).toBeNull();
    const now = Date.now();
    expect(verifyDeviceCookie(deviceCookieValue(id, new Date(now - (DEVICE_COOKIE_MAX_AGE_SECONDS + 60) * 1000)))).toBeNull();
    expect(verifyDeviceCookie(deviceCookieValue(id, new Date(now + 60 * 60 * 1000)))).toBeNull();
    expect(verifyDeviceCookie("")).toBeNull();
    expect(verifyDeviceCookie("v1.nonsense")).toBeNull();
  });
});

describe("a stranger cannot lock the owner out (issue 10, point 7)", () => {
  it(`after ${MAX_FAILURES} wrong passwords from a stranger, the owner's known device still gets in with the right password`, async () => {
    const owner = await createUser();
    // Yesterday, say: the owner logged in on this laptop and kept its device cookie.
    const device = deviceFrom(await attempt(owner.email, PASSWORD));
    await strangerLocksOut(owner.email);

    const res = await attempt(owner.email, PASSWORD, { device });
    expect(res.status).toBe(302);
    expect(setCookieValue(res, SESSION)).toMatch(/^[a-z2-7]{32}$/);
    // The lock still holds for everyone else.
    expectThrottled(await attempt(owner.email, PASSWORD));
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(eq(auditLog.entityId, owner.id)));
    expect(audits.some((a) => a.action === "user.login" && (a.after as { knownDevice?: boolean } | null)?.knownDevice === true)).toBe(true);
  });

  it("a forged cookie, another account's cookie, or one signed with another secret does not pass the lock", async () => {
    const owner = await createUser();
    const other = await createUser();
    const genuine = deviceFrom(await attempt(owner.email, PASSWORD));
    const othersDevice = deviceFrom(await attempt(other.email, PASSWORD));
    await strangerLocksOut(owner.email);

    const [, , issued, nonce] = genuine.split(".");
    const forged = [
      `${genuine.slice(0, -1)}${genuine.endsWith("A") ? "B" : "A"}`, // a changed signature
      `v1.${owner.id}.${issued}.${nonce}.${"A".repeat(43)}`, // a made-up signature
      othersDevice, // genuine, but for another account
      othersDevice.replace(other.id, owner.id), // another account's, relabelled
    ];
    const saved = process.env.KOEPEL_SECRET;
    process.env.KOEPEL_SECRET = "a secret the attacker chose";
    forged.push(deviceCookieValue(owner.id));
    if (saved === undefined) delete process.env.KOEPEL_SECRET;
    else process.env.KOEPEL_SECRET = saved;

    for (const device of forged) expectThrottled(await attempt(owner.email, PASSWORD, { device }));
    // The genuine one still works.
    expect((await attempt(owner.email, PASSWORD, { device: genuine })).status).toBe(302);
  });

  it(`a known device has its own limit: ${MAX_FAILURES} wrong passwords with a stolen cookie and it is throttled too`, async () => {
    const owner = await createUser();
    const device = deviceFrom(await attempt(owner.email, PASSWORD));
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt(owner.email, "guessing with the cookie", { device })).status).toBe(400);
    expectThrottled(await attempt(owner.email, PASSWORD, { device }));
    // The device's failures count for the account as well.
    expectThrottled(await attempt(owner.email, PASSWORD));
    // Another known device of the same owner (the phone) is not held by this one's counter.
    const phone = deviceCookieValue(owner.id);
    expect((await attempt(owner.email, PASSWORD, { device: phone })).status).toBe(302);
  });

  it("the per-IP throttle still answers 429 with Retry-After, known device or not", async () => {
    const owner = await createUser();
    const device = deviceFrom(await attempt(owner.email, PASSWORD));
    const ip = newIp();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt(uniqueEmail("spray"), "wrong password!", { ip })).status).toBe(400);
    expectThrottled(await attempt(owner.email, PASSWORD, { ip, device }));
    // From another address the same device gets in.
    expect((await attempt(owner.email, PASSWORD, { device })).status).toBe(302);
  });

  it("with two-factor on, the cookie comes after the code, and the code step lets the known device through the lock", async () => {
    const owner = await createUser();
    const key = await enableTwoFactor(owner);
    const now = new Date();
    const password = await attempt(owner.email, PASSWORD);
    expect(password.status).toBe(302);
    // The password alone does not make a known device.
    expect(setCookieValue(password, DEVICE)).toBeNull();
    const pending = sessionCookieHeader(setCookieValue(password, SESSION)!);
    const code = await post(codeStep.action, "/login/two-factor", { code: totpCode(key, now) }, { cookie: pending });
    expect(code.status).toBe(302);
    const device = deviceFrom(code);

    await strangerLocksOut(owner.email);
    const again = await attempt(owner.email, PASSWORD, { device });
    expect(again.status).toBe(302);
    const cookie = `${sessionCookieHeader(setCookieValue(again, SESSION)!)}; ${DEVICE}=${device}`;
    const done = await post(codeStep.action, "/login/two-factor", { code: totpCode(key, now, 1) }, { cookie });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/");
    expect(setCookieValue(done, DEVICE)).toBeTruthy();
  });

  it("on a new device the way in is the emailed reset link: it makes the browser a known device, so the new password works despite the lock", async () => {
    const owner = await createUser();
    await strangerLocksOut(owner.email);
    await requestPasswordReset(owner.email);
    const token = await linkToken(owner.email, "/reset-password");
    const done = await post(reset.action, "/reset-password", { token, password: "a new phrase after the attack", confirm: "a new phrase after the attack" });
    expect(done.location).toBe("/login?reset=1");
    const device = deviceFrom(done);
    expect(verifyDeviceCookie(device)?.userId).toBe(owner.id);
    expect((await attempt(owner.email, "a new phrase after the attack", { device })).status).toBe(302);
    // Without that cookie the address stays locked.
    expectThrottled(await attempt(owner.email, "a new phrase after the attack"));
  });
});
