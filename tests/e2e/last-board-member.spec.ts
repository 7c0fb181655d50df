import { expect, test } from "@playwright/test";
import { createCooperative, passTwoFactorRequirement, signUp, tr, uniqueEmail, uniqueSlug } from "./support";

test("the only board member cannot make themself a plain member", async ({ page }) => {
  const name = "Sanne Smit";
  const slug = uniqueSlug("alleen");
  const email = uniqueEmail("sanne");
  await signUp(page, name, email, "sanne heeft een goede zin");
  await createCooperative(page, { name: "Alleen Sanne", legalForm: "bv", kvk: "11223344", slug });
  await passTwoFactorRequirement(page, email, slug);
  await expect(page.getByTestId("org-name")).toHaveText("Alleen Sanne");

  await page.goto(`/c/${slug}/people`);
  await page.getByRole("button", { name: tr("nl", "ui.menu.actionsFor", { name }) }).click();
  await page.getByRole("menuitem", { name: tr("nl", "ui.people.changeRole") }).click();
  const role = page.getByLabel(`Rol van ${name}`, { exact: true });
  await expect(role).toHaveValue("chair");
  await role.selectOption({ label: "Lid" });
  await page.getByRole("button", { name: `Rol van ${name} opslaan` }).click();
  await expect(page.getByRole("alert")).toHaveText("Dit is het laatste bestuurslid. Wijs eerst iemand anders een bestuursrol toe.");

  await page.reload();
  await expect(page.getByLabel(`Rol van ${name}`, { exact: true })).toHaveValue("chair");
  await page.goto(`/c/${slug}/people`);
  await expect(page.getByRole("cell", { name: "Voorzitter" })).toBeVisible();
});
