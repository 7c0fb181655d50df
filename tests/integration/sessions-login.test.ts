// Security baseline, sessions and login (ASVS 5.0 V6/V7): each test here fails when
// the protection it names is taken out.
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, loginFailures, sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, validateSessionToken } from "~/modules/auth/sessions.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { MAX_FAILURES, WINDOW_MS } from "~/modules/auth/throttle.server";
import * as account from "~/routes/account";
import * as changeEmail from "~/routes/account_.email";
import * as changePassword from "~/routes/account_.password";
import * as confirmEmail from "~/routes/confirm-email";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as reset from "~/routes/reset-password";
import * as signup from "~/routes/signup";
import { PASSWORD, createUser, get, linkToken, mailsTo, post, query, rowCounts, setCookieValue, uniqueEmail } from "../helpers/app";

const COOKIE = "koepel_session";
const MINUTE = 60_000;
let ipSeq = 0;
/** A fresh client address per use, so tests never share an IP counter. */
const newIp = () => `198.51.100.${(ipSeq = (ipSeq % 250) + 1)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const fromIp = (ip: string, cookie?: string) => ({ headers: { "x-koepel-client-ip": ip }, cookie });

const sessionRow = async (token: string) => (await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.id, hashToken(token)))))[0];
const ageSession = (token: string, set: { createdAt?: Date; lastSeenAt?: Date; reauthenticatedAt?: Date }) =>
  withSystem((tx) => tx.update(sessions).set(set).where(eq(sessions.id, hashToken(token))));

describe("sessions", () => {
  it("login issues a new token and ends the one the browser held before", async () => {
    const u = await createUser();
    const before = u.token;
    const res = await post(login.action, "/login", { email: u.email, password: PASSWORD }, { cookie: u.cookie });
    expect(res.status).toBe(302);
    const after = setCookieValue(res, COOKIE);
    expect(after).toMatch(/^[a-z2-7]{32}$/);
    expect(after).not.toBe(before);
    expect(await validateSessionToken(before)).toBeNull();
    expect(await validateSessionToken(after!)).not.toBeNull();
  });

  it("logout ends the session on the server, not only in the browser", async () => {
    const u = await createUser();
    const res = await post(logout.action, "/logout", {}, { cookie: u.cookie });
    expect(res.location).toBe("/login");
    expect(await sessionRow(u.token)).toBeUndefined();
    // Replaying the old cookie is refused.
    const replay = await get(account.loader, "/account", { cookie: u.cookie });
    expect(replay.location).toBe("/login?redirectTo=%2Faccount");
  });

  it(`ends after ${IDLE_TIMEOUT_MS / MINUTE} minutes without use, and is kept alive by use`, async () => {
    const u = await createUser();
    await ageSession(u.token, { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS + 2 * MINUTE) });
    expect((await get(account.loader, "/account", { cookie: u.cookie })).status).toBe(200);
    // That visit counted as use: last_seen_at moved to now.
    expect((await sessionRow(u.token)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
    await ageSession(u.token, { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - MINUTE) });
    const idle = await get(account.loader, "/account", { cookie: u.cookie });
    expect(idle.location).toBe("/login?redirectTo=%2Faccount");
    expect(await sessionRow(u.token)).toBeUndefined();
  });

  it(`ends ${ABSOLUTE_TIMEOUT_MS / (60 * MINUTE)} hours after login, however busy`, async () => {
    const u = await createUser();
    await ageSession(u.token, { createdAt: new Date(Date.now() - ABSOLUTE_TIMEOUT_MS + MINUTE), lastSeenAt: new Date() });
    expect((await get(account.loader, "/account", { cookie: u.cookie })).status).toBe(200);
    await ageSession(u.token, { createdAt: new Date(Date.now() - ABSOLUTE_TIMEOUT_MS - MINUTE), lastSeenAt: new Date() });
    expect((await get(account.loader, "/account", { cookie: u.cookie })).location).toBe("/login?redirectTo=%2Faccount");
  });

  it("the cookie has no expiry date: it goes when the browser closes", async () => {
    const u = await createUser();
    const res = await post(login.action, "/login", { email: u.email, password: PASSWORD });
    // Only the session cookie: the known-device cookie beside it lasts a year on purpose (decision 018).
    const header = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) ?? "";
    expect(header).toMatch(/HttpOnly/i);
    expect(header).not.toMatch(/Expires|Max-Age/i);
  });

  it("stores only hashes: the cookie's token appears in no table, its SHA-256 does", async () => {
    const u = await createUser();
    const res = await post(login.action, "/login", { email: u.email, password: PASSWORD });
    const token = setCookieValue(res, COOKIE)!;
    for (const table of ["sessions", "email_tokens", "invitations", "recovery_codes", "audit_log", "login_failures"]) {
      const [row] = await query(sql.raw(`select count(*)::int as n from ${table} t where row_to_json(t)::text like '%${token}%'`));
      expect(Number(row.n), table).toBe(0);
    }
    expect(await sessionRow(token)).toBeDefined();
    expect((await sessionRow(token)).id).toBe(hashToken(token));
  });
});

describe("change password", () => {
  it("needs the current password, follows the password rules, and ends every other session", async () => {
    const u = await createUser();
    const other = await post(login.action, "/login", { email: u.email, password: PASSWORD });
    const otherToken = setCookieValue(other, COOKIE)!;
    const before = await rowCounts();

    const wrong = await post(changePassword.action, "/account/password", { current: "not my password", password: "a brand new passphrase", confirm: "a brand new passphrase" }, { cookie: u.cookie });
    expect(wrong.status).toBe(400);
    expect(wrong.data.result.error.current).toEqual(["security.errors.wrongPassword"]);
    const common = await post(changePassword.action, "/account/password", { current: PASSWORD, password: "Qwerty123", confirm: "Qwerty123" }, { cookie: u.cookie });
    expect(common.status).toBe(400);
    expect(common.data.result.error.password).toEqual(["security.errors.commonPassword"]);
    const after = await rowCounts();
    // Only the failed attempt's bookkeeping: a throttle row and an audit entry, no password change.
    expect({ ...after, login_failures: 0, audit_log: 0 }).toEqual({ ...before, login_failures: 0, audit_log: 0 });
    expect(await validateSessionToken(otherToken)).not.toBeNull();

    const ok = await post(changePassword.action, "/account/password", { current: PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase" }, { cookie: u.cookie });
    expect(ok.status).toBe(200);
    expect(ok.data.ended).toBe(1);
    expect(await validateSessionToken(otherToken)).toBeNull();
    expect(await validateSessionToken(u.token)).not.toBeNull();
    const [row] = await withSystem((tx) => tx.select().from(users).where(eq(users.id, u.id)));
    expect(row.passwordChangedAt).not.toBeNull();
    expect((await post(login.action, "/login", { email: u.email, password: "a brand new passphrase" })).status).toBe(302);
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.actorUserId, u.id), eq(auditLog.action, "user.password_changed"))));
    expect(audits).toHaveLength(1);
    expect(audits[0].organizationId).toBeNull();
  });

  it("anonymous is sent to login and nothing is written", async () => {
    const before = await rowCounts();
    const res = await post(changePassword.action, "/account/password", { current: PASSWORD, password: "x".repeat(20), confirm: "x".repeat(20) });
    expect(res.location).toBe("/login?redirectTo=%2Faccount%2Fpassword");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("common passwords are refused wherever a password is chosen", () => {
  it("at sign-up and at reset, beside the field, case-insensitively", async () => {
    const before = await rowCounts();
    const res = await post(signup.action, "/signup", { name: "Anna", email: uniqueEmail(), password: "PASSWORD123" });
    expect(res.status).toBe(400);
    expect(res.data.result.error.password).toEqual(["security.errors.commonPassword"]);
    expect(await rowCounts()).toEqual(before);

    const u = await createUser();
    const { requestPasswordReset } = await import("~/modules/auth/accounts.server");
    await requestPasswordReset(u.email);
    const token = await linkToken(u.email, "/reset-password");
    const bad = await post(reset.action, "/reset-password", { token, password: "iloveyou2", confirm: "iloveyou2" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.password).toEqual(["security.errors.commonPassword"]);
  });
});

describe("login throttling", () => {
  const attempt = (email: string, password: string, ip: string) => post(login.action, "/login", { email, password }, fromIp(ip));

  async function failTimes(n: number, email: (i: number) => string, ip: (i: number) => string) {
    for (let i = 0; i < n; i++) {
      const res = await attempt(email(i), "wrong password!", ip(i));
      expect(res.status).toBe(400);
    }
  }

  it(`after ${MAX_FAILURES} failures for an account, even the right password gets 429 with Retry-After, the same for an unknown account`, async () => {
    const u = await createUser();
    const nobody = uniqueEmail("nobody");
    // Every attempt from another address: only the account counter fills up.
    await failTimes(MAX_FAILURES, () => u.email, () => newIp());
    await failTimes(MAX_FAILURES, () => nobody, () => newIp());
    const known = await attempt(u.email, PASSWORD, newIp());
    const unknown = await attempt(nobody, PASSWORD, newIp());
    for (const res of [known, unknown]) {
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get("Retry-After"));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
      expect(res.data.result.error).toEqual({ "": ["security.errors.throttled"] });
      expect(setCookieValue(res, COOKIE)).toBeNull();
    }
    expect(unknown.data.result.error).toEqual(known.data.result.error);
    const throttled = await withSystem((tx) => tx.select().from(auditLog).where(eq(auditLog.action, "user.login_throttled")));
    expect(throttled.some((a) => (a.after as { email?: string }).email === u.email)).toBe(true);
  });

  it("throttles one address guessing across many accounts", async () => {
    const ip = newIp();
    await failTimes(MAX_FAILURES, () => uniqueEmail("spray"), () => ip);
    const u = await createUser();
    const res = await attempt(u.email, PASSWORD, ip);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    // The same account from another address is fine.
    expect((await attempt(u.email, PASSWORD, newIp())).status).toBe(302);
  });

  it("lets the account in again once the failures are older than the window, and prunes them", async () => {
    const u = await createUser();
    const ip = newIp();
    await failTimes(MAX_FAILURES, () => u.email, () => ip);
    expect((await attempt(u.email, PASSWORD, ip)).status).toBe(429);
    const keys = [hashToken(u.email), hashToken(ip)];
    await withSystem((tx) => tx.update(loginFailures).set({ createdAt: new Date(Date.now() - WINDOW_MS - MINUTE) }).where(inArray(loginFailures.keyHash, keys)));
    expect((await attempt(u.email, PASSWORD, ip)).status).toBe(302);
    // The next failure anywhere clears rows past the window.
    await attempt(uniqueEmail("other"), "wrong password!", newIp());
    const left = await withSystem((tx) => tx.select().from(loginFailures).where(inArray(loginFailures.keyHash, keys)));
    expect(left).toHaveLength(0);
  });
});

describe("change email address", () => {
  it("needs the password, changes nothing until the new address confirms, and tells the old address", async () => {
    const u = await createUser();
    const other = await createUser();
    const next = uniqueEmail("nieuw");
    const before = await rowCounts();
    const wrong = await post(changeEmail.action, "/account/email", { email: next, password: "not my password" }, { cookie: u.cookie });
    expect(wrong.status).toBe(400);
    expect(wrong.data.result.error.password).toEqual(["security.errors.wrongPassword"]);
    const taken = await post(changeEmail.action, "/account/email", { email: other.email, password: PASSWORD }, { cookie: u.cookie });
    expect(taken.status).toBe(409);
    expect(taken.data.result.error.email).toEqual(["auth.errors.emailTaken"]);
    expect((await rowCounts()).email_tokens).toBe(before.email_tokens);

    const asked = await post(changeEmail.action, "/account/email", { email: next.toUpperCase(), password: PASSWORD }, { cookie: u.cookie });
    expect(asked.data.sentTo).toBe(next);
    // Not yet: the account still has the old address.
    expect((await withSystem((tx) => tx.select().from(users).where(eq(users.id, u.id))))[0].email).toBe(u.email);
    expect((await mailsTo(u.email)).map((m) => m.text).join()).toContain(next);
    const token = await linkToken(next, "/confirm-email");

    const ok = await post(confirmEmail.action, "/confirm-email", { token });
    expect(ok.data.changed).toBe(true);
    expect((await withSystem((tx) => tx.select().from(users).where(eq(users.id, u.id))))[0].email).toBe(next);
    expect(await mailsTo(u.email)).toHaveLength(2);
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.actorUserId, u.id), eq(auditLog.action, "user.email_changed"))));
    expect(audits[0]).toMatchObject({ organizationId: null, before: { email: u.email }, after: { email: next } });
    // The link works once; the new address logs in.
    expect((await post(confirmEmail.action, "/confirm-email", { token })).status).toBe(400);
    expect((await post(login.action, "/login", { email: next, password: PASSWORD })).status).toBe(302);
  });
});
