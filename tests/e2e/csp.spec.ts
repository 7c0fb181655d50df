import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// The Content-Security-Policy must block nothing the app itself does: every inline
// script carries the response's nonce, styles come from the stylesheet. A page whose
// scripts were blocked would still render (server-side), so each page also proves it
// hydrated: a click navigates on the client, without loading a new document.

type Watch = { problems: string[] };

async function watchCsp(page: Page): Promise<Watch> {
  const watch: Watch = { problems: [] };
  await page.exposeFunction("__reportCsp", (text: string) => watch.problems.push(text));
  // Runs before any page script, outside the page's CSP.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) watch.problems.push(message.text());
  });
  return watch;
}

/** Mark the current document; after a client-side navigation the mark is still there. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true)).toBe(true);
}

test("login, a cooperative and the dev mailbox run without CSP violations and hydrate", async ({ page }) => {
  const watch = await watchCsp(page);

  await page.goto("/login");
  await expect(page.getByRole("button", { name: tr("nl", "login.submit") })).toBeVisible();
  expect(watch.problems).toEqual([]);
  await markDocument(page);
  await page.getByRole("link", { name: tr("nl", "login.forgot") }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expectSameDocument(page);

  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen");
  await expect(page.getByTestId("org-name")).toBeVisible();
  expect(watch.problems).toEqual([]);
  await markDocument(page);
  await page.getByRole("navigation", { name: tr("nl", "nav.organization") }).getByRole("link", { name: tr("nl", "shell.nav.people") }).click();
  await expect(page).toHaveURL(/\/c\/vakwerk-nijmegen\/people$/);
  await expectSameDocument(page);
  // A same-origin form post through fetch (.data): passes the cross-site check.
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.getByRole("button", { name: tr("en", "nav.logout") })).toBeVisible();
  await expectSameDocument(page);
  await page.getByRole("button", { name: "NL", exact: true }).click();
  await expect(page.getByRole("button", { name: tr("nl", "nav.logout") })).toBeVisible();

  await page.goto("/dev/mail");
  await expect(page.getByRole("heading", { level: 1, name: tr("nl", "devMail.title") })).toBeVisible();
  expect(watch.problems).toEqual([]);
  await markDocument(page);
  await page.getByRole("link", { name: "Koepel", exact: true }).click();
  await expect(page).not.toHaveURL(/\/dev\/mail/);
  await expectSameDocument(page);

  expect(watch.problems).toEqual([]);
});

test("the compliance dashboard, a budget with its chart and a trajectory with its bar draw without CSP violations", async ({ page }) => {
  const watch = await watchCsp(page);
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/wij-zijn-kas/compliance");
  await expect(page.getByTestId("contract-card").first().getByTestId("meter-fill")).toBeAttached();
  await page.getByTestId("contract-card").filter({ hasText: "Pilot vaktherapie Haarlem" }).getByRole("link", { name: tr("nl", "compliance.links.contractBudget") }).click();
  await expect(page.getByTestId("burn-chart").first()).toBeVisible();
  await page.goto("/c/wij-zijn-kas/trajectories");
  await page.getByRole("link", { name: "HLM-2026-003" }).click();
  // The bar is drawn to scale: the part used is narrower than the whole.
  const fill = page.getByTestId("meter-fill");
  await expect(fill).toBeAttached();
  expect(Number(await fill.getAttribute("width"))).toBeGreaterThan(50);
  expect(Number(await fill.getAttribute("width"))).toBeLessThan(100);
  expect(watch.problems).toEqual([]);
});
