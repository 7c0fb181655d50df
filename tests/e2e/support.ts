import { expect, type Page } from "@playwright/test";
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
  await page.goto("/dev/mail");
  const mail = page.locator(`article[data-testid="mail"][data-to="${to}"]`).filter({ has: page.getByRole("heading", { name: subject }) }).first();
  await expect(mail).toBeVisible();
  await mail.getByRole("link").first().click();
}

export async function logIn(page: Page, email: string, password: string, lng: Lng = "nl"): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(tr(lng, "fields.email"), { exact: true }).fill(email);
  await page.getByLabel(tr(lng, "fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: tr(lng, "login.submit") }).click();
  await expect(page).not.toHaveURL(/\/login/);
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
