import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./support";

test("a visitor switches to English with the header buttons", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Inloggen" }).first()).toBeVisible();
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "EN", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Create account" }).first()).toBeVisible();
  await expect(page.getByText("Inloggen")).toHaveCount(0);
});

test("a logged-in user's choice of English persists after reload and on the next login", async ({ page, browser }) => {
  const email = "marieke.jansen@demo.koepel.nl";
  await logIn(page, email, DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen");
  await expect(page.getByRole("navigation", { name: "Menu van de coöperatie" }).getByRole("link", { name: "Toegang en rollen" })).toBeVisible();

  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page).toHaveURL(/\/c\/vakwerk-nijmegen$/);
  const orgMenu = page.getByRole("navigation", { name: "Cooperative menu" });
  await expect(orgMenu.getByRole("link", { name: "Access and roles" })).toBeVisible();
  await expect(orgMenu.getByRole("link", { name: "Today" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(orgMenu.getByRole("link", { name: "Access and roles" })).toBeVisible();
  await orgMenu.getByRole("link", { name: "Access and roles" }).click();
  await expect(page.getByRole("heading", { name: "People of the cooperative" })).toBeVisible();

  // Saved on the account: a fresh browser (Dutch, no cookie) shows English after login.
  const other = await browser.newContext({ locale: "nl-NL" });
  const p2 = await other.newPage();
  await logIn(p2, email, DEMO_PASSWORD);
  await p2.goto("/c/vakwerk-nijmegen");
  await expect(p2.getByRole("navigation", { name: "Cooperative menu" }).getByRole("link", { name: "Access and roles" })).toBeVisible();
  // Put it back for other tests.
  await p2.getByRole("button", { name: "NL", exact: true }).click();
  await expect(p2.getByRole("navigation", { name: "Menu van de coöperatie" }).getByRole("link", { name: "Toegang en rollen" })).toBeVisible();
  await other.close();
});
