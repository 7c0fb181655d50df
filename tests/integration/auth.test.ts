import * as argon2 from "@node-rs/argon2";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditLog, emailTokens, sessions, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { MAX_MAIL_REQUESTS, MAX_MAILS_PER_ADDRESS, WINDOW_MS } from "~/modules/auth/throttle.server";
import { hashToken } from "~/modules/auth/tokens.server";
import * as account from "~/routes/account";
import * as forgot from "~/routes/forgot-password";
import * as locale from "~/routes/locale";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as resend from "~/routes/resend-verification";
import * as reset from "~/routes/reset-password";
import * as signup from "~/routes/signup";
import * as verify from "~/routes/verify-email";
import * as root from "~/root";
import { PASSWORD, createUser, get, linkToken, mailsTo, post, rowCounts, sessionCookieHeader, setCookieValue, uniqueEmail } from "../helpers/app";

// argon2's own hash, counted: sign-up must hash for a taken address as for a new one.
vi.mock("@node-rs/argon2", async (original) => {
  const real = await original<typeof import("@node-rs/argon2")>();
  return { ...real, hash: vi.fn(real.hash) };
});

const userByEmail = async (email: string) => (await withSystem((tx) => tx.select().from(users).where(eq(users.email, email))))[0];
const sessionsOf = (userId: string) => withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)));

describe("sign-up", () => {
  it("creates an unconfirmed account, a verification token and a mail", async () => {
    const email = uniqueEmail("Signup");
    const before = await rowCounts();
    const res = await post(signup.action, "/signup", { name: "  Anna de Vries ", email: email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ result: undefined, sentTo: email });
    const user = await userByEmail(email);
    expect(user).toMatchObject({ email, name: "Anna de Vries", emailVerifiedAt: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const after = await rowCounts();
    expect(after.users).toBe(before.users + 1);
    expect(after.email_tokens).toBe(before.email_tokens + 1);
    expect(after.outbox).toBe(before.outbox + 1);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("http://localhost:3000/verify-email?token=");
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.signed_up"))));
    expect(audits).toHaveLength(1);
  });

  it("answers 400 with field errors for a bad email and a short password, and writes nothing", async () => {
    const before = await rowCounts();
    const res = await post(signup.action, "/signup", { name: "X", email: "not-an-email", password: "short" });
    expect(res.status).toBe(400);
    expect(res.data.result.status).toBe("error");
    expect(res.data.result.error.email).toEqual(["errors.email"]);
    expect(res.data.result.error.password).toEqual(["errors.passwordTooShort"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers a taken address exactly as a new one, and mails its owner a note instead of a link (issue 10, point 6)", async () => {
    const existing = await createUser({ locale: "en" });
    const fresh = uniqueEmail("fresh");
    const newOne = await post(signup.action, "/signup", { name: "Nieuw", email: fresh, password: PASSWORD });
    const before = await rowCounts();
    const taken = await post(signup.action, "/signup", { name: "Other", email: existing.email.toUpperCase(), password: "another long passphrase" });
    // Same status, same shape: only the address typed comes back, as it does for a new one.
    expect(taken.status).toBe(200);
    expect(taken.status).toBe(newOne.status);
    expect(taken.data).toEqual({ result: undefined, sentTo: existing.email });
    expect(Object.keys(taken.data).sort()).toEqual(Object.keys(newOne.data).sort());
    expect(taken.headers.get("Set-Cookie")).toBe(newOne.headers.get("Set-Cookie"));
    // No account, no token; one mail and one audit row, as for a new address.
    const after = await rowCounts();
    expect(after.users).toBe(before.users);
    expect(after.email_tokens).toBe(before.email_tokens);
    expect(after.outbox).toBe(before.outbox + 1);
    const [note] = await mailsTo(existing.email);
    expect(note.subject).toBe("Attempt to sign up with your email address");
    expect(note.text).toContain("http://localhost:3000/login");
    expect(note.text).toContain("http://localhost:3000/forgot-password");
    expect(note.text).not.toMatch(/token=/);
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, existing.id), eq(auditLog.action, "user.signup_existing"))));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorUserId).toBeNull();
    // The account is untouched: its own password still works, the one typed at sign-up does not.
    expect((await post(login.action, "/login", { email: existing.email, password: PASSWORD })).status).toBe(302);
    expect((await post(login.action, "/login", { email: existing.email, password: "another long passphrase" })).status).toBe(400);
  });

  it(`sends at most ${MAX_MAILS_PER_ADDRESS} such notes per address in the window, from however many IP addresses, with the same answer`, async () => {
    const existing = await createUser();
    const answers = [];
    for (let i = 0; i < MAX_MAILS_PER_ADDRESS + 2; i++) {
      const from = { headers: { "x-koepel-client-ip": `192.0.2.${i}-${Math.random().toString(36).slice(2, 8)}` } };
      answers.push(await post(signup.action, "/signup", { name: "Flood", email: existing.email, password: PASSWORD }, from));
    }
    for (const res of answers) expect({ status: res.status, data: res.data }).toEqual({ status: 200, data: { result: undefined, sentTo: existing.email } });
    expect(await mailsTo(existing.email)).toHaveLength(MAX_MAILS_PER_ADDRESS);
  });

  it("hashes the password for a taken address too, so both answers take about as long", async () => {
    const existing = await createUser();
    const hash = vi.mocked(argon2.hash);
    hash.mockClear();
    await post(signup.action, "/signup", { name: "Other", email: existing.email, password: "another long passphrase" });
    expect(hash).toHaveBeenCalledTimes(1);
    await post(signup.action, "/signup", { name: "Nieuw", email: uniqueEmail("timing"), password: "another long passphrase" });
    expect(hash).toHaveBeenCalledTimes(2);
  });

  it(`throttles sign-up per IP address: after ${MAX_MAIL_REQUESTS} in ${WINDOW_MS / 60_000} minutes, 429 with Retry-After, writing nothing`, async () => {
    const existing = await createUser();
    const ip = `192.0.2.${Date.now() % 250}-${Math.random().toString(36).slice(2, 8)}`;
    const from = { headers: { "x-koepel-client-ip": ip } };
    for (let i = 0; i < MAX_MAIL_REQUESTS; i++) {
      const email = i % 2 ? existing.email : uniqueEmail("burst");
      expect((await post(signup.action, "/signup", { name: "Burst", email, password: PASSWORD }, from)).status).toBe(200);
    }
    const before = await rowCounts();
    for (const email of [uniqueEmail("burst"), existing.email]) {
      const res = await post(signup.action, "/signup", { name: "Burst", email, password: PASSWORD }, from);
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get("Retry-After"));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
      expect(res.data.result.error).toEqual({ "": ["security.errors.throttled"] });
    }
    expect(await rowCounts()).toEqual(before);
    // Another address signs up as usual.
    expect((await post(signup.action, "/signup", { name: "Elders", email: uniqueEmail("elsewhere"), password: PASSWORD }, { headers: { "x-koepel-client-ip": `${ip}-b` } })).status).toBe(200);
  });
});

describe("email confirmation", () => {
  it("GET changes nothing; POST confirms, logs in, and the token works once", async () => {
    const email = uniqueEmail();
    await post(signup.action, "/signup", { name: "Bram", email, password: PASSWORD });
    const token = await linkToken(email, "/verify-email");

    const before = await rowCounts();
    const page = await get(verify.loader, `/verify-email?token=${token}`);
    expect(page.data).toEqual({ token });
    expect(await rowCounts()).toEqual(before);
    expect((await userByEmail(email)).emailVerifiedAt).toBeNull();

    // Not confirmed yet: login is refused (after the password checked out).
    const early = await post(login.action, "/login", { email, password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.data.result.error).toEqual({ "": ["auth.errors.unverified"] });
    // The wrong password for the same unconfirmed account says only "bad credentials".
    const wrong = await post(login.action, "/login", { email, password: "not the password" });
    expect(wrong.data.result.error).toEqual({ "": ["auth.errors.badCredentials"] });
    expect(setCookieValue(early, "koepel_session")).toBeNull();

    const res = await post(verify.action, "/verify-email", { token });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
    const cookie = setCookieValue(res, "koepel_session");
    expect(cookie).toMatch(/^[a-z2-7]{32}$/);
    const user = await userByEmail(email);
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    const [s] = await sessionsOf(user.id);
    expect(s.id).toBe(hashToken(cookie!));

    const again = await post(verify.action, "/verify-email", { token });
    expect(again.status).toBe(400);
    expect(again.data.result.error[""]).toEqual(["auth.errors.linkInvalid"]);
    expect(await sessionsOf(user.id)).toHaveLength(1);

    const loggedIn = await post(login.action, "/login", { email, password: PASSWORD });
    expect(loggedIn.status).toBe(302);
  });

  it("refuses a made-up token", async () => {
    const before = await rowCounts();
    const res = await post(verify.action, "/verify-email", { token: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" });
    expect(res.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("login and logout", () => {
  it("logs in with a new session whose token is stored only as its SHA-256", async () => {
    const u = await createUser();
    const res = await post(login.action, "/login", { email: u.email, password: PASSWORD, redirectTo: "/account" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account");
    const token = setCookieValue(res, "koepel_session")!;
    expect(res.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    const rows = await sessionsOf(u.id);
    expect(rows.map((r) => r.id)).toContain(hashToken(token));
    expect(rows.some((r) => r.id === token)).toBe(false);
    const anyRow = await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.id, token)));
    expect(anyRow).toHaveLength(0);
  });

  it("does not follow an off-site redirectTo", async () => {
    const u = await createUser();
    const res = await post(login.action, "/login", { email: u.email, password: PASSWORD, redirectTo: "//evil.example" });
    expect(res.location).toBe("/");
  });

  it("gives the same answer for a wrong password and an unknown address", async () => {
    const u = await createUser();
    const wrong = await post(login.action, "/login", { email: u.email, password: "wrong password!" });
    const unknown = await post(login.action, "/login", { email: uniqueEmail("nobody"), password: "wrong password!" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.result.error).toEqual({ "": ["auth.errors.badCredentials"] });
    expect(unknown.data.result.error).toEqual(wrong.data.result.error);
    expect(setCookieValue(wrong, "koepel_session")).toBeNull();
    expect(await sessionsOf(u.id)).toHaveLength(1); // only the helper's session
  });

  it("logout deletes the session row and clears the cookie", async () => {
    const u = await createUser();
    const res = await post(logout.action, "/logout", {}, { cookie: u.cookie });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login");
    expect(res.headers.get("Set-Cookie")).toMatch(/koepel_session=;.*Max-Age=0/i);
    expect(await sessionsOf(u.id)).toHaveLength(0);
    const after = await get(account.loader, "/account", { cookie: u.cookie });
    expect(after.status).toBe(302);
    expect(after.location).toBe("/login?redirectTo=%2Faccount");
  });

  it("GET /logout changes nothing", async () => {
    const u = await createUser();
    const res = await get(logout.loader, "/logout", { cookie: u.cookie });
    expect(res.location).toBe("/");
    expect(await sessionsOf(u.id)).toHaveLength(1);
  });
});

describe("password reset", () => {
  it("answers the same for an unknown address and writes no token", async () => {
    const u = await createUser();
    const before = await rowCounts();
    const unknown = await post(forgot.action, "/forgot-password", { email: uniqueEmail("ghost") });
    expect(unknown.status).toBe(200);
    expect(unknown.data).toEqual({ result: undefined, sent: true });
    expect(await rowCounts()).toEqual(before);
    const known = await post(forgot.action, "/forgot-password", { email: u.email });
    expect(known.data).toEqual(unknown.data);
    const after = await rowCounts();
    expect(after.email_tokens).toBe(before.email_tokens + 1);
    expect(after.outbox).toBe(before.outbox + 1);
  });

  it(`is throttled per IP address: after ${MAX_MAIL_REQUESTS} requests, 429 with Retry-After, no token and no mail`, async () => {
    const u = await createUser();
    const from = { headers: { "x-koepel-client-ip": `192.0.2.88-${Math.random().toString(36).slice(2, 8)}` } };
    for (let i = 0; i < MAX_MAIL_REQUESTS; i++) {
      expect((await post(forgot.action, "/forgot-password", { email: uniqueEmail("nobody") }, from)).status).toBe(200);
    }
    const before = await rowCounts();
    const res = await post(forgot.action, "/forgot-password", { email: u.email }, from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(res.data.result.error).toEqual({ "": ["security.errors.throttled"] });
    expect(await rowCounts()).toEqual(before);
    expect(await mailsTo(u.email)).toHaveLength(0);
  });

  it(`sends at most ${MAX_MAILS_PER_ADDRESS} reset links per address in the window, from however many IP addresses, with the same answer`, async () => {
    const u = await createUser();
    for (let i = 0; i < MAX_MAILS_PER_ADDRESS + 2; i++) {
      const from = { headers: { "x-koepel-client-ip": `192.0.2.${i}-${Math.random().toString(36).slice(2, 8)}` } };
      const res = await post(forgot.action, "/forgot-password", { email: u.email }, from);
      expect({ status: res.status, data: res.data }).toEqual({ status: 200, data: { result: undefined, sent: true } });
    }
    expect(await mailsTo(u.email)).toHaveLength(MAX_MAILS_PER_ADDRESS);
  });

  it("sets a new password, ends every session, and the link works once", async () => {
    const u = await createUser();
    await createUser(); // someone else's session must survive
    await post(login.action, "/login", { email: u.email, password: PASSWORD });
    expect(await sessionsOf(u.id)).toHaveLength(2);
    await post(forgot.action, "/forgot-password", { email: u.email });
    const token = await linkToken(u.email, "/reset-password");
    const [row] = await withSystem((tx) => tx.select().from(emailTokens).where(eq(emailTokens.id, hashToken(token))));
    expect(row.purpose).toBe("reset_password");

    const mismatch = await post(reset.action, "/reset-password", { token, password: "a new long password", confirm: "different one" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.result.error.confirm).toEqual(["errors.passwordMismatch"]);

    const res = await post(reset.action, "/reset-password", { token, password: "a new long password", confirm: "a new long password" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?reset=1");
    expect(await sessionsOf(u.id)).toHaveLength(0);

    const old = await post(login.action, "/login", { email: u.email, password: PASSWORD });
    expect(old.status).toBe(400);
    const fresh = await post(login.action, "/login", { email: u.email, password: "a new long password" });
    expect(fresh.status).toBe(302);

    const again = await post(reset.action, "/reset-password", { token, password: "yet another password", confirm: "yet another password" });
    expect(again.status).toBe(400);
    expect(again.data.result.error[""]).toEqual(["auth.errors.linkInvalid"]);
    const still = await post(login.action, "/login", { email: u.email, password: "a new long password" });
    expect(still.status).toBe(302);
  });
});

describe("account", () => {
  it("ends all other sessions, keeping the current one", async () => {
    const u = await createUser();
    const other1 = await post(login.action, "/login", { email: u.email, password: PASSWORD });
    await post(login.action, "/login", { email: u.email, password: PASSWORD });
    expect(await sessionsOf(u.id)).toHaveLength(3);
    const res = await post(account.action, "/account", { intent: "endOtherSessions" }, { cookie: u.cookie });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ result: undefined, ended: 2 });
    const left = await sessionsOf(u.id);
    expect(left.map((s) => s.id)).toEqual([hashToken(u.token)]);
    const gone = await get(account.loader, "/account", { cookie: sessionCookieHeader(setCookieValue(other1, "koepel_session")!) });
    expect(gone.status).toBe(302);
  });

  it("saves a new name with an audit row, and refuses an empty one or an unknown intent with 400", async () => {
    const u = await createUser();
    const saved = await post(account.action, "/account", { intent: "profile", name: "  Nieuwe Naam " }, { cookie: u.cookie });
    expect(saved.status).toBe(200);
    expect((await userByEmail(u.email)).name).toBe("Nieuwe Naam");
    const [row] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.action, "user.profile_updated"), eq(auditLog.entityId, u.id))));
    expect(row.after).toEqual({ name: "Nieuwe Naam" });
    const before = await rowCounts();
    const empty = await post(account.action, "/account", { intent: "profile", name: " " }, { cookie: u.cookie });
    expect(empty.status).toBe(400);
    expect(empty.data.result.error.name).toEqual(["errors.required"]);
    const unknown = await post(account.action, "/account", { intent: "dropTables" }, { cookie: u.cookie });
    expect(unknown.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    expect((await userByEmail(u.email)).name).toBe("Nieuwe Naam");
  });

  it("anonymous is sent to login", async () => {
    const res = await post(account.action, "/account", { intent: "endOtherSessions" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Faccount");
  });
});

describe("language", () => {
  it("is saved on the account when logged in", async () => {
    const u = await createUser();
    const res = await post(locale.action, "/locale", { locale: "en", redirectTo: "/account" }, { cookie: u.cookie });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account");
    expect((await userByEmail(u.email)).locale).toBe("en");
    const page = await get(root.loader, "/", { cookie: u.cookie });
    expect(page.data.locale).toBe("en");
  });

  it("is kept in a cookie for a visitor, and writes nothing", async () => {
    const before = await rowCounts();
    const res = await post(locale.action, "/locale", { locale: "en", redirectTo: "https://evil.example/" });
    expect(res.location).toBe("/");
    const lng = setCookieValue(res, "koepel_lng");
    expect(lng).toBeTruthy();
    expect(await rowCounts()).toEqual(before);
    const page = await get(root.loader, "/", { cookie: `koepel_lng=${res.headers.get("Set-Cookie")!.match(/koepel_lng=([^;]*)/)![1]}`, headers: { "Accept-Language": "nl" } });
    expect(page.data.locale).toBe("en");
  });

  it("follows Accept-Language for a visitor without a cookie, Dutch otherwise", async () => {
    expect((await get(root.loader, "/", { headers: { "Accept-Language": "en-GB,en;q=0.9" } })).data.locale).toBe("en");
    expect((await get(root.loader, "/", { headers: { "Accept-Language": "fr" } })).data.locale).toBe("nl");
    expect((await get(root.loader, "/")).data.locale).toBe("nl");
  });

  it("rejects an unknown language with 400", async () => {
    const res = await post(locale.action, "/locale", { locale: "de" });
    expect(res.status).toBe(400);
  });
});

describe("a new confirmation link", () => {
  it("is sent to an unconfirmed account, and the same answer for others writes nothing", async () => {
    const email = uniqueEmail("resend");
    await post(signup.action, "/signup", { name: "Ria Resend", email, password: PASSWORD });
    const first = await linkToken(email, "/verify-email");
    const res = await post(resend.action, "/resend-verification", { email });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ result: undefined, sent: true });
    const second = await linkToken(email, "/verify-email");
    expect(second).not.toBe(first);

    const before = await rowCounts();
    const unknown = await post(resend.action, "/resend-verification", { email: uniqueEmail("nobody") });
    expect(unknown.data).toEqual(res.data);
    const confirmed = await createUser();
    const done = await post(resend.action, "/resend-verification", { email: confirmed.email });
    expect(done.status).toBe(res.status);
    expect(done.data).toEqual(res.data);
    const bad = await post(resend.action, "/resend-verification", { email: "geen-adres" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.email).toEqual(["errors.email"]);
    expect(await rowCounts()).toEqual({ ...before, users: before.users + 1, sessions: before.sessions + 1 });
  });

  it(`is throttled per IP address: after ${MAX_MAIL_REQUESTS} requests, 429 with Retry-After and no mail`, async () => {
    const email = uniqueEmail("resendburst");
    await post(signup.action, "/signup", { name: "Ria Resend", email, password: PASSWORD });
    const from = { headers: { "x-koepel-client-ip": `192.0.2.77-${Math.random().toString(36).slice(2, 8)}` } };
    for (let i = 0; i < MAX_MAIL_REQUESTS; i++) {
      expect((await post(resend.action, "/resend-verification", { email: i % 2 ? email : uniqueEmail("nobody") }, from)).status).toBe(200);
    }
    const mails = (await mailsTo(email)).length;
    const res = await post(resend.action, "/resend-verification", { email }, from);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await mailsTo(email)).toHaveLength(mails);
  });
});
