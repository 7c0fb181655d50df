import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, startServer, type RunningServer } from "../helpers/server";

// The real Express server over the production build (npm run build), on its own
// in-memory PGlite with the demo data: what a browser gets, headers and all.
let server: RunningServer;
let cookie: string;
const CHAIR = { email: "voorzitter@vakwerk.demo.koepel.nl", password: "koepel-demo-2026" };
const EVIL = "https://evil.example";

beforeAll(async () => {
  server = await startServer({ args: ["--demo"] });
  const login = await send("/login", { form: CHAIR, origin: server.url });
  expect(login.status).toBe(302);
  const token = cookieFrom(login, "koepel_session");
  expect(token).toBeTruthy();
  cookie = `koepel_session=${token}`;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

type SendOptions = { form?: Record<string, string>; origin?: string; site?: string; cookie?: string; method?: string };
function send(path: string, o: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.origin) headers.Origin = o.origin;
  if (o.site) headers["Sec-Fetch-Site"] = o.site;
  if (o.cookie) headers.Cookie = o.cookie;
  return fetch(server.url + path, {
    method: o.method ?? (o.form ? "POST" : "GET"),
    headers,
    body: o.form ? new URLSearchParams(o.form) : undefined,
    redirect: "manual",
  });
}

async function accountName(): Promise<string> {
  const page = await send("/account", { cookie });
  expect(page.status).toBe(200);
  const html = await page.text();
  const m = html.match(/name="name"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="name"/);
  expect(m, "the profile form shows the name").toBeTruthy();
  return (m![1] ?? m![2])!;
}

/** Whether any mail to `address` is in the dev mailbox (asked by address: the page lists only the newest 100). */
async function mailboxHas(address: string): Promise<boolean> {
  const page = await send(`/dev/mail?to=${encodeURIComponent(address)}`);
  expect(page.status).toBe(200);
  return (await page.text()).includes(`data-to="${address}"`);
}

describe("cross-site requests", () => {
  it("refuses a cross-site POST to a document route with 403 and writes nothing", async () => {
    const email = `csrf-${Date.now()}@example.test`;
    const form = { name: "Mallory", email, password: "a long enough password" };
    const refused = await send("/signup", { form, origin: EVIL, site: "cross-site" });
    expect(refused.status).toBe(403);
    expect(await mailboxHas(email)).toBe(false);

    const before = await accountName();
    const alsoRefused = await send("/account", { form: { intent: "profile", name: "Mallory" }, origin: EVIL, cookie });
    expect(alsoRefused.status).toBe(403);
    expect(await accountName()).toBe(before);
  });

  it("refuses a cross-site POST to a .data URL (single fetch) with 403 and writes nothing", async () => {
    const before = await accountName();
    const refused = await send("/account.data", { form: { intent: "profile", name: "Mallory" }, origin: EVIL, site: "cross-site", cookie });
    expect(refused.status).toBe(403);
    // Sec-Fetch-Site alone (a browser that leaves Origin out) is enough to refuse.
    const noOrigin = await send("/account.data", { form: { intent: "profile", name: "Mallory" }, site: "cross-site", cookie });
    expect(noOrigin.status).toBe(403);
    expect(await accountName()).toBe(before);
  });

  it("refuses cross-site POSTs to resource routes (/logout, /locale) with 403 and writes nothing", async () => {
    const logout = await send("/logout", { form: {}, origin: EVIL, site: "cross-site", cookie });
    expect(logout.status).toBe(403);
    expect(logout.headers.getSetCookie()).toEqual([]);
    expect((await send("/account", { cookie })).status).toBe(200); // the session still lives

    const locale = await send("/locale", { form: { locale: "en", redirectTo: "/" }, origin: EVIL, cookie });
    expect(locale.status).toBe(403);
    expect(locale.headers.getSetCookie()).toEqual([]);
    expect(await (await send("/account", { cookie })).text()).toMatch(/<html lang="nl"/);
  });

  it("refuses a sibling subdomain (same-site) and an opaque origin", async () => {
    const sibling = await send("/locale", { form: { locale: "en" }, origin: "http://other.localhost:1234", site: "same-site" });
    expect(sibling.status).toBe(403);
    const opaque = await send("/locale", { form: { locale: "en" }, origin: "null", site: "cross-site" });
    expect(opaque.status).toBe(403);
  });

  it("lets same-origin requests through, and requests without Origin or Sec-Fetch-Site", async () => {
    const before = await accountName();
    const renamed = `${before} (test)`;
    const saved = await send("/account.data", { form: { intent: "profile", name: renamed }, origin: server.url, site: "same-origin", cookie });
    expect(saved.status).toBe(200);
    expect(await accountName()).toBe(renamed);
    const back = await send("/account", { form: { intent: "profile", name: before }, origin: server.url, cookie });
    expect(back.status).toBe(200);
    expect(await accountName()).toBe(before);

    // curl or a form posted by a browser that sends neither header (SameSite=Lax covers it).
    const plain = await send("/locale", { form: { locale: "nl", redirectTo: "/" } });
    expect(plain.status).toBe(302);
    expect(cookieFrom(plain, "koepel_lng")).toBeTruthy();
  });
});

const HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
};

function nonceOf(response: Response): string {
  const csp = response.headers.get("content-security-policy") ?? "";
  const m = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/);
  expect(m, `CSP with a nonce: ${csp}`).toBeTruthy();
  return m![1];
}

describe("security headers", () => {
  it("are on documents, .data, resource routes, assets, errors and 404s", async () => {
    const asset = readdirSync("build/client/assets").find((f) => f.endsWith(".js"));
    const responses = {
      document: await send("/login"),
      data: await send("/login.data"),
      resource: await send("/c/vakwerk-nijmegen/people.csv", { cookie }),
      redirect: await send("/logout"),
      asset: await send(`/assets/${asset}`),
      notFound: await send("/no-such-page"),
      forbidden: await send("/locale", { form: { locale: "en" }, origin: EVIL }),
      error: await send("/%E0%A4%A"),
    };
    expect(responses.document.status).toBe(200);
    expect(responses.resource.status).toBe(200);
    expect(responses.asset.status).toBe(200);
    expect(responses.notFound.status).toBe(404);
    for (const [kind, response] of Object.entries(responses)) {
      for (const [name, value] of Object.entries(HEADERS)) expect(response.headers.get(name), `${kind}: ${name}`).toBe(value);
      const csp = response.headers.get("content-security-policy") ?? "";
      for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "form-action 'self'"]) expect(csp, `${kind}: CSP`).toContain(directive);
      expect(csp).toMatch(/base-uri '(none|self)'/);
      expect(csp).not.toContain("unsafe-inline");
      expect(response.headers.get("permissions-policy"), kind).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
      // HSTS only in production (here NODE_ENV=test, plain http): see the unit test.
      expect(response.headers.get("strict-transport-security"), kind).toBeNull();
    }
  });

  it("gives every document a fresh nonce, carried by each of its script tags", async () => {
    const first = await send("/login");
    const second = await send("/login");
    const nonce = nonceOf(first);
    expect(nonceOf(second)).not.toBe(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(1); // Remix's context, scroll restoration, module entry
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    // The same for a page of a signed-in member, rendered with streamed data.
    const page = await send("/c/vakwerk-nijmegen", { cookie });
    const pageNonce = nonceOf(page);
    for (const [tag] of (await page.text()).matchAll(/<script\b[^>]*>/g)) expect(tag).toContain(`nonce="${pageNonce}"`);
  });
});
