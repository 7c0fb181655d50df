import { expect, type Page } from "@playwright/test";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { readdirSync, readFileSync } from "node:fs";

export type Lng = "nl" | "en";

// Read rather than imported: Node's ESM loader wants an import attribute for JSON, which TypeScript here does not emit.
// Every area's file, merged as app/i18n.ts merges them (each owns its top-level keys).
const readLocale = (lng: Lng): unknown => {
  const dir = new URL(`../../app/locales/${lng}/`, import.meta.url);
  return Object.assign({}, ...readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as object));
};
const locales: Record<Lng, unknown> = { nl: readLocale("nl"), en: readLocale("en") };

/** The app's text for a dotted key in a language, with `{{var}}` placeholders filled in. */
export function tr(lng: Lng, key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = locales[lng];
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") throw new Error(`Missing translation ${lng}:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    if (!(name in vars)) throw new Error(`Missing variable ${name} for ${lng}:${key}`);
    return String(vars[name]);
  });
}

/** The browser locale that makes the app pick `lng` for a visitor. */
export function browserLocale(lng: Lng): string {
  return lng === "nl" ? "nl-NL" : "en-GB";
}

export const DEMO_PASSWORD = "koepel-demo-2026";

/** An address nobody used before in this run. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.koepel.test`;
}

/** A slug that is new in this run (3-40 lowercase letters, digits, hyphens). */
export function uniqueSlug(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/**
 * Open the development mailbox and follow the link in the newest message to `to`
 * whose subject contains `subject`, as a person reading their mail would.
 */
export async function followMailLink(page: Page, to: string, subject: string | RegExp): Promise<void> {
  await page.goto(`/dev/mail?to=${encodeURIComponent(to)}`);
  const mail = page.locator(`article[data-testid="mail"][data-to="${to}"]`).filter({ has: page.getByRole("heading", { name: subject }) }).first();
  await expect(mail).toBeVisible();
  await mail.getByRole("link").first().click();
}

export async function logIn(page: Page, email: string, password: string, lng: Lng = "nl"): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(tr(lng, "fields.email"), { exact: true }).fill(email);
  await page.getByLabel(tr(lng, "fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: tr(lng, "login.submit") }).click();
  if (totpKeys.has(email)) {
    // Two-factor is on for this account (set up earlier in the test): give a code from the "app".
    await expect(page).toHaveURL(/\/login\/two-factor/);
    await page.getByLabel(tr(lng, "security.twoFactor.code"), { exact: true }).fill(await authenticatorCode(email));
    await page.getByRole("button", { name: tr(lng, "security.twoFactor.verify") }).click();
  }
  await expect(page).not.toHaveURL(/\/login/);
}

// ---- two-factor authentication, as a person with an authenticator app does it ----------

const totpKeys = new Map<string, { key: Uint8Array; lastStep: number }>();

/**
 * The code the authenticator app shows for `email`'s key. A code works once per
 * 30-second step, so a second login in the same step uses the next step's code (the
 * server accepts one step of drift), and waits when both are used.
 */
export async function authenticatorCode(email: string): Promise<string> {
  const entry = totpKeys.get(email);
  if (!entry) throw new Error(`no authenticator for ${email}`);
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1].find((s) => s > entry.lastStep);
    if (step !== undefined) {
      entry.lastStep = step;
      return generateHOTP(entry.key, BigInt(step), 6);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * On the two-factor page: start the set-up, "scan" by reading the key shown as text,
 * confirm with a first code, and return the recovery codes shown once.
 */
export async function setUpTwoFactor(page: Page, email: string, lng: Lng = "nl"): Promise<string[]> {
  await expect(page).toHaveURL(/\/account\/two-factor/);
  await page.getByRole("button", { name: tr(lng, "security.twoFactor.begin") }).click();
  const keyText = await page.getByText(tr(lng, "security.twoFactor.manual")).locator("code").innerText();
  totpKeys.set(email, { key: decodeBase32IgnorePadding(keyText.replace(/\s/g, "")), lastStep: 0 });
  await page.getByLabel(tr(lng, "security.twoFactor.code"), { exact: true }).fill(await authenticatorCode(email));
  await page.getByRole("button", { name: tr(lng, "security.twoFactor.confirm") }).click();
  const list = page.getByRole("list", { name: tr(lng, "security.twoFactor.recoveryTitle") });
  await expect(list).toBeVisible();
  return list.getByRole("listitem").allInnerTexts();
}

/** A cooperative that requires two-factor of this person's role sends them to set it up: do so, then continue. */
export async function passTwoFactorRequirement(page: Page, email: string, slug: string, lng: Lng = "nl"): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/account/two-factor\\?required=${slug}$`));
  await expect(page.getByText(tr(lng, "security.twoFactor.required"))).toBeVisible();
  // Told why before anything is asked (issue 12).
  await expect(page.getByRole("heading", { name: tr(lng, "security.twoFactor.why.title") })).toBeVisible();
  await expect(page.getByTestId("two-factor-why")).toContainText(tr(lng, "security.twoFactor.why.password"));
  await setUpTwoFactor(page, email, lng);
  await page.getByRole("link", { name: tr(lng, "security.twoFactor.continue") }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}$`));
}

/** Sign up and confirm the address through the mailed link; ends logged in on the start page. */
export async function signUp(page: Page, name: string, email: string, password: string, lng: Lng = "nl"): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel(tr(lng, "fields.name"), { exact: true }).fill(name);
  await page.getByLabel(tr(lng, "fields.email"), { exact: true }).fill(email);
  await page.getByLabel(tr(lng, "fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: tr(lng, "signup.submit") }).click();
  await expect(page.getByRole("heading", { name: tr(lng, "signup.checkMailTitle") })).toBeVisible();
  await expect(page.getByText(tr(lng, "signup.checkMail", { email }))).toBeVisible();

  await followMailLink(page, email, tr(lng, "mail.verifyEmail.subject"));
  await expect(page).toHaveURL(/\/verify-email\?token=/);
  await page.getByRole("button", { name: tr(lng, "verify.submit") }).click();
  await expect(page.getByRole("navigation", { name: tr(lng, "nav.main") }).getByRole("link", { name })).toBeVisible();
}

/**
 * Fill in the new-cooperative form and submit it (from wherever `page` is).
 * `legalForm` is a key under `legalForms` (default "cooperative_ua").
 */
export async function createCooperative(page: Page, o: { name: string; legalForm?: string; kvk: string; slug: string }, lng: Lng = "nl"): Promise<void> {
  await page.goto("/c/new");
  await expect(page.getByRole("heading", { name: tr(lng, "org.newTitle") })).toBeVisible();
  await page.getByLabel(tr(lng, "org.name"), { exact: true }).fill(o.name);
  await page.getByLabel(tr(lng, "org.legalForm")).selectOption({ label: tr(lng, `legalForms.${o.legalForm ?? "cooperative_ua"}`) });
  await page.getByLabel(tr(lng, "org.kvk")).fill(o.kvk);
  await page.getByLabel(tr(lng, "org.slug")).fill(o.slug);
  await page.getByRole("button", { name: tr(lng, "org.create") }).click();
}

/** From the cooperative's overview: invite `email` with the given role (a key under `roles`). */
export async function invite(page: Page, slug: string, email: string, role = "member", lng: Lng = "nl"): Promise<void> {
  await page.goto(`/c/${slug}`);
  await page.getByRole("main").getByRole("link", { name: tr(lng, "people.invite") }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/people/invite$`));
  await page.getByLabel(tr(lng, "fields.email"), { exact: true }).fill(email);
  await page.getByLabel(tr(lng, "fields.role"), { exact: true }).selectOption({ label: tr(lng, `roles.${role}`) });
  await page.getByRole("button", { name: tr(lng, "people.sendInvitation") }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/people`));
  await expect(page.getByRole("listitem").filter({ hasText: email })).toBeVisible();
}
