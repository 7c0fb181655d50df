import { expect, type Page } from "@playwright/test";

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

export async function logIn(page: Page, email: string, password: string, labels = { email: "E-mailadres", password: "Wachtwoord", submit: "Inloggen" }): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: labels.submit }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Sign up and confirm the address through the mailed link; ends logged in on the start page. */
export async function signUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Naam", { exact: true }).fill(name);
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByRole("heading", { name: "Bevestig uw e-mailadres" })).toBeVisible();
  await expect(page.getByText(`We hebben een bevestigingslink gestuurd naar ${email}`)).toBeVisible();

  await followMailLink(page, email, "Bevestig uw e-mailadres voor Koepel");
  await expect(page).toHaveURL(/\/verify-email\?token=/);
  await page.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name })).toBeVisible();
}

/** Fill in the new-cooperative form and submit it (from wherever `page` is). */
export async function createCooperative(page: Page, o: { name: string; legalForm?: string; kvk: string; slug: string }): Promise<void> {
  await page.goto("/c/new");
  await expect(page.getByRole("heading", { name: "Nieuwe coöperatie" })).toBeVisible();
  await page.getByLabel("Naam", { exact: true }).fill(o.name);
  await page.getByLabel("Rechtsvorm").selectOption({ label: o.legalForm ?? "Coöperatie U.A." });
  await page.getByLabel("KvK-nummer").fill(o.kvk);
  await page.getByLabel("Naam in de URL").fill(o.slug);
  await page.getByRole("button", { name: "Coöperatie aanmaken" }).click();
}

/** From the cooperative's overview: invite `email` with the given role label. */
export async function invite(page: Page, slug: string, email: string, roleLabel = "Lid"): Promise<void> {
  await page.goto(`/c/${slug}`);
  await page.getByRole("main").getByRole("link", { name: "Uitnodigen" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/people/invite$`));
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByLabel("Rol", { exact: true }).selectOption({ label: roleLabel });
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/people`));
  await expect(page.getByRole("listitem").filter({ hasText: email })).toBeVisible();
}
