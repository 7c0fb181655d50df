import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, followMailLink, logIn, tr } from "./support";

// Issue 10, points 6 and 7 as a person meets them in the browser (decision 018).
const taken = "marieke.jansen@demo.koepel.nl";

test("signing up with an address that has an account shows the same page as a new one; the owner gets a note with a login link", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel(tr("nl", "fields.name"), { exact: true }).fill("Iemand Anders");
  await page.getByLabel(tr("nl", "fields.email"), { exact: true }).fill(taken.toUpperCase());
  await page.getByLabel(tr("nl", "fields.password"), { exact: true }).fill("iemand probeert dit adres");
  await page.getByRole("button", { name: tr("nl", "signup.submit") }).click();
  // The very heading and text support.signUp expects after a new address.
  await expect(page.getByRole("heading", { name: tr("nl", "signup.checkMailTitle") })).toBeVisible();
  await expect(page.getByText(tr("nl", "signup.checkMail", { email: taken }))).toBeVisible();
  await expect(page.getByText(tr("nl", "auth.errors.emailTaken"))).toHaveCount(0);

  // The note's first link is the login page; the account and its password are unchanged.
  await followMailLink(page, taken, tr("nl", "mail.signupExisting.subject"));
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, taken, DEMO_PASSWORD);

  // That login made this browser a known device: an HttpOnly, SameSite=Lax cookie for a year.
  const device = (await page.context().cookies()).find((c) => c.name === "koepel_device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(364 * 24 * 60 * 60 * 1000);
});
