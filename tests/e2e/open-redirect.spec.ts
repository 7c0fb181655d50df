import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, tr } from "./support";

// Issue 10: logging in from /login?redirectTo=%2F%09%2F<other-host>%2F ended on the
// other origin in Chromium. The other host here is the same server under 127.0.0.1,
// a different origin from localhost, so no outside network is needed.
const CHAIR = "voorzitter@vakwerk.demo.koepel.nl";

for (const javaScriptEnabled of [true, false]) {
  test(`a redirect target with a tab, newline or backslash cannot send a login elsewhere (${javaScriptEnabled ? "single fetch" : "without JavaScript"})`, async ({ browser, baseURL }) => {
    const own = new URL(baseURL!);
    const other = `127.0.0.1:${own.port}`;
    const context = await browser.newContext({ javaScriptEnabled, locale: "nl-NL" });
    const page = await context.newPage();
    // The crafted link itself: a control character in the query string is a 400, no login form.
    const crafted = await page.goto(`/login?redirectTo=${encodeURIComponent(`/\t/${other}/`)}`);
    expect(crafted?.status()).toBe(400);
    for (const target of [`/\t/${other}/dev/mail`, `/\n/${other}/dev/mail`, `/\\${other}/dev/mail`, `/\t\\${other}/dev/mail`]) {
      // A login form that carries the target anyway (as the crafted link's form did).
      await page.goto("/login");
      await page.locator('form:has(input[name="password"]) input[name="redirectTo"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), target);
      await page.getByLabel(tr("nl", "fields.email"), { exact: true }).fill(CHAIR);
      await page.getByLabel(tr("nl", "fields.password"), { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: tr("nl", "login.submit") }).click();
      await expect(page).not.toHaveURL(/\/login/);
      const landed = new URL(page.url());
      expect(landed.origin, JSON.stringify(target)).toBe(own.origin);
      // The home page, which sends a chair on to their cooperative; not the target's page.
      expect(landed.pathname).not.toBe("/dev/mail");
      await context.clearCookies();
    }
    await context.close();
  });
}
