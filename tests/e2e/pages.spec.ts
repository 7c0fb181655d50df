import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { routeManifest } from "../helpers/routes";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// Every page of Remix's route manifest that demo data reaches, as the board and as a
// member, on a laptop and on a phone: a <title> that names the page (not only the
// cooperative), exactly one h1, and nothing wider than the screen. A page added later
// is in the manifest and is visited the day it lands; one this file cannot fill is named
// in the test's annotations, not silently skipped.

const SLUG = "wij-zijn-kas";
const ORG = "Wij zijn KAS";
const CHAIR = "voorzitter@kas.demo.koepel.nl";
const MEMBER = "roos.brouwer@kas.demo.koepel.nl";
const VIEWPORTS = [
  { name: "laptop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Pages (routes with a component), one per URL pattern: a layout and its index share one. */
const PAGES = [
  ...new Set(
    routeManifest()
      .filter((r) => /export default/.test(readFileSync(r.file, "utf8")))
      .map((r) => r.pattern.replace(/\/$/, "") || "/"),
  ),
];

/** The first id the page at `from` links to under `pattern` (a regex with one group). */
async function firstId(page: Page, from: string, pattern: string): Promise<string | null> {
  await page.goto(from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const re = new RegExp(pattern);
  for (const href of hrefs) {
    const m = re.exec(href);
    if (m) return m[1];
  }
  return null;
}

async function demoParams(page: Page): Promise<Record<string, string>> {
  const base = `/c/${SLUG}`;
  const params: Record<string, string> = { org: SLUG };
  const found: Record<string, string | null> = {
    contractId: await firstId(page, `${base}/contracts`, `/contracts/(${UUID})$`),
    memberId: await firstId(page, `${base}/members`, `/members/(${UUID})$`),
    practiceId: await firstId(page, `${base}/practices`, `/practices/(${UUID})$`),
    trajectoryId: await firstId(page, `${base}/trajectories`, `/trajectories/(${UUID})$`),
  };
  if (found.contractId) found.productId = await firstId(page, `${base}/contracts/${found.contractId}/products`, `/products/(${UUID})$`);
  for (const [k, v] of Object.entries(found)) if (v) params[k] = v;
  return params;
}

function fill(pattern: string, params: Record<string, string>): string | null {
  let missing = false;
  const path = pattern.replace(/:(\w+)\??/g, (_m, name: string) => {
    if (!(name in params)) missing = true;
    return params[name] ?? "";
  });
  return missing ? null : path;
}

// Soft: one run lists every page that fails, not only the first.
async function checkPage(page: Page, path: string, viewport: string, inOrg: boolean) {
  const response = await page.goto(path);
  const where = `${path} (${viewport}, landed on ${new URL(page.url()).pathname})`;
  expect.soft(response?.status(), where).toBeLessThan(400);
  const title = await page.title();
  expect.soft(title, `${where}: <title>`).not.toBe("");
  if (inOrg) {
    expect.soft(title, `${where}: <title> names the page`).not.toBe(ORG);
    expect.soft(title, `${where}: <title> names the cooperative`).toContain(ORG);
  }
  expect.soft(await page.locator("h1").count(), `${where}: exactly one h1`).toBe(1);
  const h1 = (await page.locator("h1").first().innerText()).trim();
  expect.soft(h1, `${where}: the h1 names the page`).not.toBe("");
  if (inOrg && !path.endsWith(`/c/${SLUG}`)) expect.soft(h1, `${where}: the h1 is not the cooperative's name`).not.toBe(ORG);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect.soft(widths.scroll, `${where}: no sideways scroll`).toBeLessThanOrEqual(widths.inner);
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("the board: every cooperative page and the account pages", async ({ page }) => {
      test.setTimeout(400_000);
      await logIn(page, CHAIR, DEMO_PASSWORD);
      const params = await demoParams(page);
      const visited: string[] = [];
      const unfilled: string[] = [];
      for (const pattern of PAGES.filter((p) => p.startsWith("/c/:org") || p.startsWith("/account") || p === "/c/new")) {
        // The search needs a query to show results; the empty page is checked too.
        const path = fill(pattern, params);
        if (!path) {
          unfilled.push(pattern);
          continue;
        }
        await checkPage(page, path, viewport.name, pattern.startsWith("/c/:org"));
        visited.push(pattern);
      }
      await checkPage(page, `/c/${SLUG}/search?q=an`, viewport.name, true);
      test.info().annotations.push({ type: "not reachable with demo data", description: unfilled.join(", ") || "none" });
      // The lists and details the demo has must all have been visited, not skipped.
      for (const must of ["/c/:org/contracts/:contractId", "/c/:org/members/:memberId", "/c/:org/trajectories/:trajectoryId", "/c/:org/practices/:practiceId"]) expect(visited).toContain(must);
      expect(visited.length).toBeGreaterThan(35);
    });

    test("a member: their own pages", async ({ page }) => {
      test.setTimeout(120_000);
      await logIn(page, MEMBER, DEMO_PASSWORD);
      for (const path of ["", "/me", "/me/registrations", "/members", "/contracts", "/trajectories", "/people", "/search?q=ro"]) {
        await checkPage(page, `/c/${SLUG}${path}`, viewport.name, true);
      }
    });

    test("signed out: the public pages", async ({ page }) => {
      for (const path of ["/", "/login", "/signup", "/forgot-password", "/resend-verification", "/reset-password", "/verify-email", "/invitation", "/confirm-email"]) {
        await checkPage(page, path, viewport.name, false);
      }
    });
  });
}

test.describe("the phone menu", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the page starts in the first screen, the menu opens as a native <details> and leads to a page marked current", async ({ page }) => {
    await logIn(page, CHAIR, DEMO_PASSWORD);
    await page.goto(`/c/${SLUG}`);
    // The content begins within the first screen: the menu is one closed bar.
    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toHaveText(tr("nl", "shell.nav.today"));
    expect((await h1.boundingBox())!.y).toBeLessThan(200);
    const nav = page.getByRole("navigation", { name: tr("nl", "nav.organization") });
    await expect(nav).toBeHidden();

    await page.locator("summary").filter({ hasText: tr("nl", "shell.menu") }).click();
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("link", { name: tr("nl", "shell.nav.today") })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: tr("nl", "shell.nav.compliance") }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${SLUG}/compliance$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr("nl", "shell.nav.compliance"));
    await expect(page).toHaveTitle(`${tr("nl", "shell.nav.compliance")} · ${ORG}`);

    await page.locator("summary").filter({ hasText: tr("nl", "shell.menu") }).click();
    await expect(nav.getByRole("link", { name: tr("nl", "shell.nav.compliance") })).toHaveAttribute("aria-current", "page");
    // The person's menu sits in the same place: the account, the language, logging out.
    await expect(page.getByRole("link", { name: tr("nl", "shell.account") })).toBeVisible();
    await expect(page.getByRole("button", { name: tr("nl", "nav.logout") })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the menu opens and the search box searches (a GET form)", async ({ page }) => {
      await logIn(page, CHAIR, DEMO_PASSWORD);
      await page.goto(`/c/${SLUG}/contracts`);
      await page.locator("summary").filter({ hasText: tr("nl", "shell.menu") }).click();
      const box = page.getByRole("search", { name: tr("nl", "shell.search.label") }).getByRole("searchbox");
      await box.fill("Haarlem");
      await box.press("Enter");
      await expect(page).toHaveURL(new RegExp(`/c/${SLUG}/search\\?q=Haarlem$`));
      await expect(page.getByTestId("search-contracts").getByRole("link", { name: "Pilot vaktherapie Haarlem" })).toBeVisible();
      await expect(page).toHaveTitle(`${tr("nl", "shell.search.title")} · ${ORG}`);
    });
  });
});

test("the title names the page and what it belongs to; breadcrumbs lead back", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}/contracts`);
  await page.getByRole("main").getByRole("link", { name: "Pilot vaktherapie Haarlem" }).first().click();
  await page.getByRole("link", { name: tr("nl", "contracts.sections.budget"), exact: true }).click();
  await expect(page).toHaveTitle(`${tr("nl", "contracts.sections.budget")} · Pilot vaktherapie Haarlem · ${ORG}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilot vaktherapie Haarlem");
  await page.getByRole("navigation", { name: tr("nl", "shell.breadcrumbs") }).getByRole("link", { name: tr("nl", "shell.nav.contracts") }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${SLUG}/contracts$`));
});
