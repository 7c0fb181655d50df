import AxeBuilder from "@axe-core/playwright";
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

test("the Haarlem pilot's over-commitment is stated in words, the members past their allocation are marked, and the chart shows committed and today", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}/contracts`);
  await page.getByRole("link", { name: PILOT }).first().click();
  await page.getByRole("link", { name: tr("nl", "contracts.sections.budget"), exact: true }).click();

  // In words, with colour and an icon: "€ 31.341,60 te veel toegezegd" in place of the remainder
  // (the amount moves with the date the demo is seeded, so only its form is fixed here).
  const remaining = page.getByTestId("budget-remaining");
  await expect(remaining).toHaveText(/^€\s[\d.]+,\d\d te veel toegezegd$/);
  await expect(remaining).not.toContainText("-");
  await expect(remaining.locator("[data-tone=danger] svg[data-icon=danger]")).toBeAttached();
  await expect(page.getByText(tr("nl", "budget.overCommittedLabel"), { exact: true })).toBeVisible();
  const standing = page.getByTestId("budget-standing");
  await expect(standing).toHaveAttribute("data-state", "over_committed");
  await expect(standing).toContainText("te veel toegezegd");

  // The signal: the highest threshold passed by spent + committed, with the real percentages.
  const signal = page.getByTestId("budget-alert");
  await expect(signal).toHaveText(tr("nl", "budget.signalLevel.100"));
  await expect(page.getByText(/\d+ % besteed of toegezegd; \d+ % besteed/)).toBeVisible();
  // The forecast counts the committed hours.
  await expect(page.getByTestId("budget-forecast")).toHaveText(tr("nl", "budget.forecastCommitted"));

  // Members past their allocation: marked in words and with an icon (138 % and 133 % in the demo).
  const over = page.getByTestId("budget-member").and(page.locator("[data-state=over]"));
  await expect(over).toHaveCount(2);
  for (const row of await over.all()) {
    await expect(row).toContainText(/1\d\d %/);
    await expect(row).toContainText(/€\s[\d.]+,\d\d boven de toewijzing/);
    await expect(row.locator("td").last().locator("svg[data-icon=danger]")).toBeVisible();
  }
  await expect(page.getByTestId("budget-members-over")).toHaveText(tr("nl", "budget.membersOver_other", { count: 2 }));

  // The chart: committed stacked on today's spent, a marker for today, as wide as its card.
  const chart = page.getByTestId("burn-chart");
  await expect(chart.getByTestId("burn-committed")).toBeAttached();
  await expect(chart.getByTestId("burn-today")).toBeAttached();
  await expect(chart.locator("desc")).toContainText("toegezegd");
  const [chartBox, cardBox] = [await chart.boundingBox(), await page.getByTestId("budget-figures").boundingBox()];
  expect(chartBox!.width).toBeGreaterThanOrEqual(cardBox!.width - 2);

  // Colour, icons and words pass axe.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // At 390 px: the phone drawing, readable type, and no sideways scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("burn-chart")).toBeHidden();
  const narrow = page.getByTestId("burn-chart-narrow");
  await expect(narrow).toBeVisible();
  const fontPx = await narrow.locator("text").first().evaluate((el) => (el as SVGTextElement).getBoundingClientRect().height);
  expect(fontPx).toBeGreaterThanOrEqual(10);
  // The members' standing moves under their names, in view without scrolling the table.
  await expect(over.first().locator("td").first()).toContainText("boven de toewijzing");
  await expect(over.first().locator("td").first().locator("svg[data-icon=danger]")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
