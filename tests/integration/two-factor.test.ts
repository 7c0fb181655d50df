// Two-factor authentication (TOTP, ASVS 5.0 V6.5/V6.6) and the audit entries of the
// account's security events. Codes are computed as an authenticator app does.
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, organizations, recoveryCodes, sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { hashToken } from "~/modules/auth/tokens.server";
import { MAX_FAILURES } from "~/modules/auth/throttle.server";
import { decryptKey, matchTotp } from "~/modules/auth/two-factor.server";
import { createOrganization } from "~/modules/organizations/organizations.server";
import * as account from "~/routes/account";
import * as twoFactor from "~/routes/account_.two-factor";
import * as dashboard from "~/routes/c.$org._index";
import * as settings from "~/routes/c.$org.settings";
import * as login from "~/routes/login";
import * as codeStep from "~/routes/login_.two-factor";
import { PASSWORD, addMember, createOrg, createUser, get, post, rowCounts, sessionCookieHeader, setCookieValue, type TestUser, uniqueSlug } from "../helpers/app";
import { enableTwoFactor, totpCode } from "../helpers/security";

const COOKIE = "koepel_session";
const page = "/account/two-factor";
const expireReauth = (token: string) =>
  withSystem((tx) => tx.update(sessions).set({ reauthenticatedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(sessions.id, hashToken(token))));
const userRow = async (id: string) => (await withSystem((tx) => tx.select().from(users).where(eq(users.id, id))))[0];

/** Set up two-factor through the account page, as a person would; returns the key and the recovery codes. */
async function setUp(u: TestUser) {
  expect((await post(twoFactor.action, page, { intent: "begin" }, { cookie: u.cookie })).status).toBe(200);
  const state = await get(twoFactor.loader, page, { cookie: u.cookie });
  expect(state.data.state).toBe("pending");
  expect(state.data.qrSvg).toMatch(/^<svg/);
  const key = decodeBase32IgnorePadding(state.data.keyText.replace(/\s/g, ""));
  const done = await post(twoFactor.action, page, { intent: "confirm", code: totpCode(key) }, { cookie: u.cookie });
  expect(done.status).toBe(200);
  return { key, codes: done.data.recoveryCodes as string[] };
}

async function passwordStep(u: TestUser) {
  const res = await post(login.action, "/login", { email: u.email, password: PASSWORD, redirectTo: "/account" });
  expect(res.status).toBe(302);
  const token = setCookieValue(res, COOKIE)!;
  return { res, token, cookie: sessionCookieHeader(token) };
}

describe("setting up two-factor", () => {
  it("asks for the password again first when the last confirmation is older than 10 minutes", async () => {
    const u = await createUser();
    await expireReauth(u.token);
    expect((await get(twoFactor.loader, page, { cookie: u.cookie })).data.reauthenticated).toBe(false);
    const before = await rowCounts();
    const refused = await post(twoFactor.action, page, { intent: "begin" }, { cookie: u.cookie });
    expect(refused.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    expect((await userRow(u.id)).totpKey).toBeNull();

    const wrong = await post(twoFactor.action, page, { intent: "reauth", password: "not it at all" }, { cookie: u.cookie });
    expect(wrong.status).toBe(400);
    expect(wrong.data.result.error.password).toEqual(["security.errors.wrongPassword"]);
    expect((await post(twoFactor.action, page, { intent: "reauth", password: PASSWORD }, { cookie: u.cookie })).status).toBe(200);
    expect((await get(twoFactor.loader, page, { cookie: u.cookie })).data.reauthenticated).toBe(true);
    expect((await post(twoFactor.action, page, { intent: "begin" }, { cookie: u.cookie })).status).toBe(200);
  });

  it("confirms with a first code, stores the key encrypted and only hashes of ten recovery codes, ends other sessions", async () => {
    const u = await createUser();
    const other = await passwordStep(u);
    const begin = await post(twoFactor.action, page, { intent: "begin" }, { cookie: u.cookie });
    expect(begin.status).toBe(200);
    const bad = await post(twoFactor.action, page, { intent: "confirm", code: "000000" }, { cookie: u.cookie });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.code).toEqual(["security.errors.badCode"]);
    expect((await userRow(u.id)).totpEnabledAt).toBeNull();

    const state = await get(twoFactor.loader, page, { cookie: u.cookie });
    const key = decodeBase32IgnorePadding(state.data.keyText.replace(/\s/g, ""));
    const done = await post(twoFactor.action, page, { intent: "confirm", code: totpCode(key) }, { cookie: u.cookie });
    expect(done.status).toBe(200);
    const codes: string[] = done.data.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const row = await userRow(u.id);
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpKey).toMatch(/^v1:/);
    expect(row.totpKey).not.toContain(Buffer.from(key).toString("base64"));
    expect(decryptKey(row.totpKey!)).toEqual(key);
    const stored = await withSystem((tx) => tx.select().from(recoveryCodes).where(eq(recoveryCodes.userId, u.id)));
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.map((s) => s.codeHash)).not.toContain(c);
    // The other browser never gave a code: it is logged out; this one carries on.
    expect((await get(account.loader, "/account", { cookie: other.cookie })).location).toMatch(/^\/login/);
    expect((await get(account.loader, "/account", { cookie: u.cookie })).status).toBe(200);
  });
});

describe("logging in with two-factor", () => {
  it("the password alone gives a session good only for the code step; a code completes it, once", async () => {
    const u = await createUser();
    const { key } = await setUp(u);
    const step = await passwordStep(u);
    expect(step.res.location).toBe("/login/two-factor?redirectTo=%2Faccount");
    // Refused everywhere else, member pages too.
    expect((await get(account.loader, "/account", { cookie: step.cookie })).location).toBe("/login/two-factor?redirectTo=%2Faccount");
    const org = await createOrg(u);
    const dash = await get(dashboard.loader, `/c/${org.slug}`, { cookie: step.cookie, params: { org: org.slug } });
    expect(dash.location).toBe(`/login/two-factor?redirectTo=${encodeURIComponent(`/c/${org.slug}`)}`);
    expect((await get(codeStep.loader, "/login/two-factor", { cookie: step.cookie })).status).toBe(200);

    // The code that confirmed the set-up was used already in this time step.
    const now = new Date();
    const current = totpCode(key, now);
    const nextStep = totpCode(key, now, 1);
    const wrongCode = ["111111", "222222", "333333", "444444"].find((c) => ![current, nextStep, totpCode(key, now, -1)].includes(c))!;
    const wrong = await post(codeStep.action, "/login/two-factor", { code: wrongCode }, { cookie: step.cookie });
    expect(wrong.status).toBe(400);
    const ok = await post(codeStep.action, "/login/two-factor", { code: nextStep, redirectTo: "/account" }, { cookie: step.cookie });
    expect(ok.location).toBe("/account");
    expect((await get(account.loader, "/account", { cookie: step.cookie })).status).toBe(200);
    // The same code in another login is refused: each time step is accepted once.
    const again = await passwordStep(u);
    expect((await post(codeStep.action, "/login/two-factor", { code: nextStep }, { cookie: again.cookie })).status).toBe(400);
  });

  it("a recovery code works once", async () => {
    const u = await createUser();
    const { codes } = await setUp(u);
    const first = await passwordStep(u);
    expect((await post(codeStep.action, "/login/two-factor", { code: codes[3].toUpperCase() }, { cookie: first.cookie })).location).toBe("/");
    const second = await passwordStep(u);
    const reused = await post(codeStep.action, "/login/two-factor", { code: codes[3] }, { cookie: second.cookie });
    expect(reused.status).toBe(400);
    expect(reused.data.result.error.code).toEqual(["security.errors.badCode"]);
    const used = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.actorUserId, u.id), eq(auditLog.action, "user.recovery_code_used"))));
    expect(used).toHaveLength(1);
  });

  it("wrong codes are throttled like passwords", async () => {
    const u = await createUser();
    await setUp(u);
    const step = await passwordStep(u);
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await post(codeStep.action, "/login/two-factor", { code: "999999" }, { cookie: step.cookie })).status).toBe(400);
    }
    const res = await post(codeStep.action, "/login/two-factor", { code: "999999" }, { cookie: step.cookie });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
  });

  it("accepts one time step of clock drift either way, not two", () => {
    const key = new Uint8Array(20).fill(7);
    const now = new Date("2026-11-23T12:00:10Z");
    expect(matchTotp(key, totpCode(key, now, -1), null, now)).not.toBeNull();
    expect(matchTotp(key, totpCode(key, now, 1), null, now)).not.toBeNull();
    expect(matchTotp(key, totpCode(key, now, -2), null, now)).toBeNull();
    expect(matchTotp(key, totpCode(key, now, 2), null, now)).toBeNull();
    const step = matchTotp(key, totpCode(key, now), null, now)!;
    expect(matchTotp(key, totpCode(key, now), step, now)).toBeNull();
  });
});

describe("turning two-factor off", () => {
  it("needs a recent password and a current code", async () => {
    const u = await createUser();
    const { key } = await setUp(u);
    await expireReauth(u.token);
    expect((await post(twoFactor.action, page, { intent: "disable", code: totpCode(key, new Date(), 1) }, { cookie: u.cookie })).status).toBe(403);
    await post(twoFactor.action, page, { intent: "reauth", password: PASSWORD }, { cookie: u.cookie });
    expect((await post(twoFactor.action, page, { intent: "disable", code: "000000" }, { cookie: u.cookie })).status).toBe(400);
    expect((await userRow(u.id)).totpEnabledAt).not.toBeNull();
    const off = await post(twoFactor.action, page, { intent: "disable", code: totpCode(key, new Date(), 1) }, { cookie: u.cookie });
    expect(off.data.disabled).toBe(true);
    const row = await userRow(u.id);
    expect(row).toMatchObject({ totpKey: null, totpEnabledAt: null });
    expect(await withSystem((tx) => tx.select().from(recoveryCodes).where(eq(recoveryCodes.userId, u.id)))).toHaveLength(0);
  });
});

describe("a cooperative requires two-factor for some roles", () => {
  it("defaults to the board and office staff", async () => {
    const u = await createUser();
    const org = await createOrganization(u.ctx, { name: "Standaard", legalForm: "cooperative_ua", kvkNumber: "12345678", slug: uniqueSlug() });
    expect([...org.twoFactorRoles].sort()).toEqual(["board_member", "chair", "office_staff", "secretary", "treasurer"]);
  });

  it("the board sets it (version-checked); a member without two-factor is sent to set it up, then gets in", async () => {
    const chair = await createUser();
    await enableTwoFactor(chair);
    const org = await createOrg(chair, { twoFactorRoles: ["chair"] });
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const params = { org: org.slug };
    expect((await get(dashboard.loader, `/c/${org.slug}`, { cookie: member.cookie, params })).status).toBe(200);

    // A member may not change it; a stale version changes nothing.
    const before = await rowCounts();
    expect((await post(settings.action, `/c/${org.slug}/settings`, { intent: "twoFactor", roles: "member", version: String(org.version) }, { cookie: member.cookie, params })).status).toBe(403);
    const stale = await post(settings.action, `/c/${org.slug}/settings`, { intent: "twoFactor", roles: "member", version: String(org.version + 1) }, { cookie: chair.cookie, params });
    expect(stale.status).toBe(409);
    expect(await rowCounts()).toEqual(before);

    const form = new URLSearchParams([["intent", "twoFactor"], ["version", String(org.version)], ["roles", "chair"], ["roles", "member"]]);
    expect((await post(settings.action, `/c/${org.slug}/settings`, form, { cookie: chair.cookie, params })).status).toBe(200);
    const [saved] = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.id, org.id)));
    expect(saved.twoFactorRoles).toEqual(["chair", "member"]);
    expect(saved.version).toBe(org.version + 1);
    const audit = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "organization.two_factor_roles_changed"))));
    expect(audit).toHaveLength(1);

    const sent = await get(dashboard.loader, `/c/${org.slug}`, { cookie: member.cookie, params });
    expect(sent.location).toBe(`/account/two-factor?required=${org.slug}`);
    await setUp(member);
    expect((await get(dashboard.loader, `/c/${org.slug}`, { cookie: member.cookie, params })).status).toBe(200);
  });
});

describe("audit of account security events", () => {
  it("records logins, failures, password and two-factor events at account level, with no secret in any row", async () => {
    const u = await createUser();
    const wrongPassword = "definitely-not-the-password";
    await post(login.action, "/login", { email: u.email, password: wrongPassword });
    const { key, codes } = await setUp(u);
    const storedKey = (await userRow(u.id)).totpKey!;
    const step = await passwordStep(u);
    const code = totpCode(key, new Date(), 1);
    await post(codeStep.action, "/login/two-factor", { code }, { cookie: step.cookie });
    const step2 = await passwordStep(u);
    await post(codeStep.action, "/login/two-factor", { code: codes[0] }, { cookie: step2.cookie });
    await post(twoFactor.action, page, { intent: "disable", code: codes[1] }, { cookie: step2.cookie });
    const { changePassword } = await import("~/modules/auth/accounts.server");
    const { validateSessionToken } = await import("~/modules/auth/sessions.server");
    await changePassword((await validateSessionToken(step2.token))!, { current: PASSWORD, password: "a whole new passphrase" });

    const rows = await withSystem((tx) =>
      tx.select().from(auditLog).where(or(eq(auditLog.actorUserId, u.id), eq(auditLog.entityId, u.id), sql`${auditLog.after}->>'email' = ${u.email}`)),
    );
    const actions = rows.map((r) => r.action);
    for (const a of ["user.login_failed", "user.login", "user.two_factor_enabled", "user.two_factor_verified", "user.recovery_code_used", "user.two_factor_disabled", "user.password_changed"]) {
      expect(actions, a).toContain(a);
    }
    expect(rows.filter((r) => r.action.startsWith("user.")).every((r) => r.organizationId === null)).toBe(true);
    expect(rows.find((r) => r.action === "user.login_failed")?.actorUserId).toBe(u.id);
    const text = JSON.stringify(rows);
    const keyTexts = [Buffer.from(key).toString("hex"), encodeBase32UpperCaseNoPadding(key), encodeBase32UpperCaseNoPadding(key).toLowerCase()];
    for (const secret of [PASSWORD, wrongPassword, "a whole new passphrase", step.token, step2.token, u.token, code, storedKey, ...keyTexts, ...codes]) {
      expect(text).not.toContain(secret);
    }
    expect(await withSystem((tx) => tx.select().from(recoveryCodes).where(and(eq(recoveryCodes.userId, u.id), isNull(recoveryCodes.usedAt))))).toHaveLength(0);
  });
});

describe("refusals on the two-factor routes write nothing", () => {
  it("anonymous is sent to login; a full session skips the code step; another cooperative's chair gets 404", async () => {
    const before = await rowCounts();
    expect((await get(twoFactor.loader, page)).location).toBe("/login?redirectTo=%2Faccount%2Ftwo-factor");
    expect((await post(twoFactor.action, page, { intent: "begin" })).location).toBe("/login?redirectTo=%2Faccount%2Ftwo-factor");
    expect((await get(codeStep.loader, "/login/two-factor")).location).toBe("/login");
    expect((await post(codeStep.action, "/login/two-factor", { code: "123456" })).location).toBe("/login");
    expect(await rowCounts()).toEqual(before);

    const u = await createUser();
    expect((await get(codeStep.loader, "/login/two-factor", { cookie: u.cookie })).location).toBe("/");
    expect((await post(codeStep.action, "/login/two-factor", { code: "123456" }, { cookie: u.cookie })).location).toBe("/");

    const owner = await createUser();
    const org = await createOrg(owner);
    const stranger = await createUser();
    await createOrg(stranger);
    const counts = await rowCounts();
    const res = await post(settings.action, `/c/${org.slug}/settings`, { intent: "twoFactor", roles: "member", version: String(org.version) }, { cookie: stranger.cookie, params: { org: org.slug } });
    expect(res.status).toBe(404);
    expect(await rowCounts()).toEqual(counts);
  });
});
