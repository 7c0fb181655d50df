import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

const CHAIR = "voorzitter@kas.demo.koepel.nl";
const SLUG = "wij-zijn-kas";
const PILOT = "Pilot vaktherapie Haarlem";

test("the chair opens the Haarlem pilot's budget, sets an allocation, and may not raise the running year's ceiling", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}/contracts`);
  await page.getByRole("link", { name: PILOT }).first().click();
  await expect(page.getByTestId("page-title")).toHaveText(PILOT);
  await page.getByRole("link", { name: tr("nl", "contracts.sections.budget"), exact: true }).click();

  // The chart: an SVG image with its title and a description in words.
  const chart = page.getByTestId("burn-chart").first();
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("role", "img");
  await expect(chart.locator("title")).toHaveText(tr("nl", "budget.chart.title", { name: PILOT, year: 2026 }));
  await expect(chart.locator("desc")).toContainText("75.000,00");
  await expect(page.getByTestId("burn-ceiling")).toBeAttached();

  // The figures in Dutch formats: EUR 75,000 a year, four times EUR 18,750 allocated.
  await expect(page.getByTestId("budget-ceiling")).toHaveText(/€\s75\.000,00/);
  await expect(page.getByTestId("budget-allocated")).toHaveText(/€\s75\.000,00/);
  await expect(page.getByTestId("budget-percent")).toHaveText(/^\d+ %$/);
  await expect(page.getByTestId("budget-spent")).toHaveText(/^€\s[\d.]+,\d\d$/);

  // A member's allocation, lowered to make room.
  const allocation = page.locator("form#allocation");
  await allocation.getByLabel(tr("nl", "budget.member")).selectOption({ label: "Pieter van Vliet" });
  await allocation.getByLabel(tr("nl", "budget.amount")).fill("18.000,00");
  await allocation.getByLabel(tr("nl", "budget.reason")).fill("Minder uren in het najaar");
  await allocation.getByRole("button", { name: tr("nl", "budget.saveAllocation") }).click();
  await expect(page.getByText(tr("nl", "budget.saved"))).toBeVisible();
  await expect(page.getByTestId("budget-members").getByRole("row").filter({ hasText: "Pieter van Vliet" })).toContainText("18.000,00");
  await expect(page.getByTestId("budget-allocated")).toHaveText(/€\s74\.250,00/);

  // Raising the 2026 ceiling during 2026 is refused beside the field.
  const ceiling = page.locator("form#ceiling");
  await ceiling.getByLabel(tr("nl", "budget.amount")).fill("80.000,00");
  await ceiling.getByLabel(tr("nl", "budget.reason")).fill("Meer aanmeldingen");
  await ceiling.getByRole("button", { name: tr("nl", "budget.saveCeiling") }).click();
  await expect(ceiling.getByText(tr("nl", "budget.errors.noRaiseDuringYear"))).toBeVisible();
  await expect(ceiling.getByLabel(tr("nl", "budget.amount"))).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("budget-ceiling")).toHaveText(/€\s75\.000,00/);
});
