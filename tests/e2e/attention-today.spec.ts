import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr, type Lng } from "./support";

// Vandaag (issue 12): the board's landing lists the overdue report and the over-committed
// pilot, each with a link to where it is acted on; a member's lists her own trajectories.
// At a laptop's and a phone's width, in Dutch and in English.
const CHAIR = "voorzitter@kas.demo.koepel.nl";
const MEMBER = "marieke.jansen@demo.koepel.nl";

const SIZES = [
  { name: "laptop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Switch the signed-in person's language with the header buttons (saved on the account). */
async function useLanguage(page: Page, lng: Lng) {
  const button = page.getByRole("button", { name: lng.toUpperCase(), exact: true });
  // On a phone the language buttons are inside the shell's menu.
  if (!(await button.isVisible())) {
    await page
      .locator("summary")
      .filter({ hasText: new RegExp(`${tr("nl", "shell.menu")}|${tr("en", "shell.menu")}`) })
      .first()
      .click();
  }
  await button.click();
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

for (const size of SIZES) {
  for (const lng of ["nl", "en"] as const) {
    test.describe(`${size.name}, ${lng}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("the board's Vandaag lists the overdue report and the over-committed pilot, and each link leads to where it is acted on", async ({ page }) => {
        await logIn(page, CHAIR, DEMO_PASSWORD);
        await page.goto("/c/wij-zijn-kas");
        if (lng === "en") await useLanguage(page, "en");
        try {
          await expect(page.getByRole("heading", { level: 1, name: tr(lng, "today.title") })).toBeVisible();
          const list = page.getByTestId("attention-list");
          const report = list.locator('li[data-kind="duty_overdue"]').filter({ hasText: "Productiecijfers per kwartaal" });
          await expect(report).toContainText(lng === "nl" ? "30-10-2026" : "30/10/2026");
          await expect(report).toContainText(tr(lng, "today.overdue"));
          // The overdue report is the first item.
          await expect(list.locator("li").first()).toHaveAttribute("data-kind", "duty_overdue");
          const pilot = list.locator('li[data-kind="budget_over_committed"]').filter({ hasText: "Pilot vaktherapie Haarlem" });
          await expect(pilot).toContainText(lng === "nl" ? "31.341,60" : "31,341.60");
          await expect(pilot).toContainText(tr(lng, "today.kinds.budget_over_committed"));
          await noSidewaysScroll(page);
          const axe = await new AxeBuilder({ page }).include('[data-testid="attention-list"]').analyze();
          expect(axe.violations).toEqual([]);

          await report.getByRole("link").click();
          await expect(page).toHaveURL(/\/c\/wij-zijn-kas\/contracts\/[0-9a-f-]{36}\/duties$/);
          await expect(page.getByText("Productiecijfers per kwartaal").first()).toBeVisible();

          await page.goBack();
          await pilot.getByRole("link").click();
          await expect(page).toHaveURL(/\/c\/wij-zijn-kas\/contracts\/[0-9a-f-]{36}\/budget$/);
          await expect(page.getByText("Pilot vaktherapie Haarlem").first()).toBeVisible();
        } finally {
          if (lng === "en") {
            await page.goto("/c/wij-zijn-kas");
            await useLanguage(page, "nl");
          }
        }
      });

      test("a member's Vandaag lists her own trajectories", async ({ page }) => {
        await logIn(page, MEMBER, DEMO_PASSWORD);
        await page.goto("/c/vakwerk-nijmegen");
        if (lng === "en") await useLanguage(page, "en");
        try {
          await expect(page.getByRole("heading", { level: 1, name: tr(lng, "today.title") })).toBeVisible();
          const own = page.getByTestId("attention-list").locator('li[data-kind="trajectory_own"]');
          await expect(own.first()).toContainText(tr(lng, "today.kinds.trajectory_own"));
          await expect(own.first()).toContainText(/VKW-2026-03\d/);
          // Nothing of the board's.
          await expect(page.locator('li[data-kind="duty_overdue"], li[data-kind="budget_over_committed"], li[data-kind="member_not_eligible"]')).toHaveCount(0);
          await noSidewaysScroll(page);
          const code = (await own.first().textContent())!.match(/VKW-2026-03\d/)![0];
          await own.first().getByRole("link").click();
          await expect(page).toHaveURL(/\/c\/vakwerk-nijmegen\/trajectories\/[0-9a-f-]{36}$/);
          await expect(page.getByText(code).first()).toBeVisible();
        } finally {
          if (lng === "en") {
            await page.goto("/c/vakwerk-nijmegen");
            await useLanguage(page, "nl");
          }
        }
      });
    });
  }
}
