import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

const t = (key: string, vars?: Record<string, string | number>) => tr("nl", key, vars);

test("the board removes a person after confirming, and the person is gone", async ({ page }) => {
  const name = "Paul Gerritsen";
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen/people");
  const row = page.getByTestId("person-paul.gerritsen@vakwerk.demo.koepel.nl");
  await expect(row).toContainText(name);

  // One action menu per row; removing is on the person's page.
  await row.getByRole("button", { name: t("ui.menu.actionsFor", { name }) }).click();
  await page.getByRole("menuitem", { name: t("people.remove") }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  // Cancelling the question keeps the person.
  await page.getByRole("button", { name: t("people.removeName", { name }) }).click();
  const dialog = page.getByRole("alertdialog", { name: t("ui.confirmations.removePerson.title", { name }) });
  await expect(dialog).toContainText(t("ui.confirmations.removePerson.text", { name }));
  await dialog.getByRole("button", { name: t("ui.confirm.cancel") }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByRole("button", { name: t("people.removeName", { name }) }).click();
  await dialog.getByRole("button", { name: t("ui.confirmations.removePerson.yes", { name }) }).click();
  await expect(page).toHaveURL(/\/c\/vakwerk-nijmegen\/people$/);
  await expect(page.getByTestId("toast")).toHaveText(t("people.done.removed"));
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("person-paul.gerritsen@vakwerk.demo.koepel.nl")).toHaveCount(0);
});
