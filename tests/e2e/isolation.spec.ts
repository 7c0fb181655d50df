import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./support";

// The chair of VaKwerK has no business with Wij zijn KAS: every KAS address is a plain 404
// that gives nothing of KAS away.
const kasPaths = ["/c/wij-zijn-kas", "/c/wij-zijn-kas/people", "/c/wij-zijn-kas/people/invite", "/c/wij-zijn-kas/people.csv"];

test.describe("a VaKwerK chair cannot see Wij zijn KAS", () => {
  test.beforeEach(async ({ page }) => {
    await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  });

  test("the chair sees VaKwerK and only VaKwerK", async ({ page }) => {
    await page.goto("/c/vakwerk-nijmegen/people");
    await expect(page.getByTestId("org-name")).toHaveText(/VaKwerK/);
    await expect(page.getByText("Wij zijn KAS")).toHaveCount(0);
    await expect(page.getByText("Esmee van Aalst")).toHaveCount(0);
  });

  for (const path of kasPaths) {
    test(`${path} answers 404 and shows nothing of KAS`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      const body = page.locator("body");
      // The pages show the error page; the CSV export is a file, so only its status matters.
      if (!path.endsWith(".csv")) await expect(page.getByText("Deze pagina bestaat niet.")).toBeVisible();
      await expect(body).not.toContainText("Wij zijn KAS");
      await expect(body).not.toContainText("KAS");
      await expect(body).not.toContainText("Esmee van Aalst");
      await expect(body).not.toContainText("voorzitter@kas.demo.koepel.nl");
      const html = await page.content();
      expect(html).not.toContain("Wij zijn KAS");
      expect(html).not.toContain("Esmee van Aalst");
    });
  }
});

test("the KAS chair does see KAS (the names above are real)", async ({ page }) => {
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/wij-zijn-kas/people");
  await expect(page.getByTestId("org-name")).toHaveText("Wij zijn KAS");
  await expect(page.getByRole("cell", { name: /^Esmee van Aalst/ }).first()).toBeVisible();
});
