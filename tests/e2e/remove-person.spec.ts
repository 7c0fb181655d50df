import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./support";

test("the board removes a person after confirming, and the person is gone", async ({ page }) => {
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen/people");
  const row = page.getByTestId("person-paul.gerritsen@vakwerk.demo.koepel.nl");
  await expect(row).toContainText("Paul Gerritsen");

  // Cancelling the question keeps the person.
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Paul Gerritsen verwijderen uit de coöperatie?");
    return dialog.dismiss();
  });
  await page.getByRole("button", { name: "Paul Gerritsen verwijderen" }).click();
  await expect(row).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Paul Gerritsen verwijderen" }).click();
  await expect(page.getByRole("status")).toHaveText("De persoon is verwijderd uit de coöperatie.");
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("person-paul.gerritsen@vakwerk.demo.koepel.nl")).toHaveCount(0);
});
