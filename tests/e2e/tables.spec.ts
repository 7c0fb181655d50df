import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, createCooperative, logIn, passTwoFactorRequirement, signUp, tr as trIn, uniqueEmail, uniqueSlug } from "./support";

// Issue 12, point 4: one table for every list. Sorting and paging are links, filters
// apply as chosen (and with their button without JavaScript), the eligibility matrix
// shows problems only by default, and a phone gets a card per row.
const tr = (key: string, vars: Record<string, string | number> = {}) => trIn("nl", key, vars);
const KAS = "/c/wij-zijn-kas";

/** axe on the page as it is: no violations (the tables' headers, captions and sort links included). */
async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const header = (page: Page, testId: string, name: string) => page.getByTestId(testId).locator("thead th", { hasText: name });

test("sort the member list by a column, then go to the next page: the order holds across pages", async ({ page }) => {
  test.setTimeout(120_000);
  // A cooperative of its own with 55 imported members (the demo has fewer than a page), so the demo stays as other specs expect.
  const email = uniqueEmail("tabel");
  await signUp(page, "Floor Tabel", email, "floor sorteert lijsten");
  const slug = uniqueSlug("tabel");
  await createCooperative(page, { name: "Lange Lijst", kvk: "12345678", slug });
  await passTwoFactorRequirement(page, email, slug);
  const csv = ["Naam,E-mail", ...Array.from({ length: 55 }, (_, i) => `Lid ${String(i + 1).padStart(2, "0")},lid${i + 1}.${slug}@example.test`)].join("\n");
  await page.goto(`/c/${slug}/members/import`);
  await page.getByLabel(tr("imports.upload.file")).setInputFiles({ name: "leden.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: tr("imports.upload.submit") }).click();
  await page.getByRole("button", { name: tr("imports.mapping.submit") }).click();
  await page.getByRole("button", { name: tr("imports.confirm.submit") }).click();
  await expect(page.getByTestId("summary-created")).toHaveText("55");

  await page.goto(`/c/${slug}/members`);
  const name = header(page, "members-table", tr("fields.name"));
  // Sorted by name by default, announced as such.
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByTestId("member-row").first()).toContainText("Floor Tabel");
  await name.getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(name).toHaveAttribute("aria-sort", "descending");
  await expect(header(page, "members-table", tr("members.status"))).toHaveAttribute("aria-sort", "none");
  const rows = page.getByTestId("member-row");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText("Lid 55");
  await expect(rows.last()).toContainText("Lid 06");

  await page.getByTestId("members-pager").getByRole("link", { name: tr("paging.next") }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expectNoAxeViolations(page);
  await expect(rows).toHaveCount(6);
  await expect(rows).toHaveText([/Lid 05/, /Lid 04/, /Lid 03/, /Lid 02/, /Lid 01/, /Floor Tabel/]);
  await expect(page.getByTestId("members-pager")).toContainText(tr("paging.range", { from: 51, to: 56, total: 56 }));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a filter applies with its button, and keeps the chosen sort", async ({ page }) => {
    await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
    await page.goto(`${KAS}/trajectories?sort=clientCode&dir=desc`);
    await page.getByLabel(tr("trajectories.status"), { exact: true }).selectOption({ label: tr("trajectories.statuses.active") });
    await page.getByRole("button", { name: tr("trajectories.filter") }).click();
    await expect(page).toHaveURL(/status=active/);
    await expect(page).toHaveURL(/sort=clientCode&dir=desc/);
    const rows = page.getByTestId("trajectory-row");
    await expect(rows.first()).toBeVisible();
    for (const status of await rows.locator("td:nth-of-type(6)").allInnerTexts()) expect(status).toBe(tr("trajectories.statuses.active"));
    // Client codes descending, as the sort said (the allocation number is the cell's second line).
    const codes = (await rows.locator("th").allInnerTexts()).map((text) => text.split("\n")[0]);
    expect(codes).toEqual([...codes].sort((a, b) => b.localeCompare(a)));
  });
});

test("with JavaScript a filter applies as soon as it is chosen; open trajectories come first by default", async ({ page }) => {
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto(`${KAS}/trajectories`);
  // The default order: open ones first, the one ending soonest on top.
  await expect(header(page, "trajectories-table", tr("trajectories.period"))).toHaveAttribute("aria-sort", "ascending");
  const statuses = await page.getByTestId("trajectory-row").locator("td:nth-of-type(6)").allInnerTexts();
  const firstClosed = statuses.findIndex((s) => s !== tr("trajectories.statuses.active"));
  if (firstClosed >= 0) expect(statuses.slice(firstClosed).every((s) => s !== tr("trajectories.statuses.active"))).toBe(true);
  // No button pressed: choosing is enough.
  await page.getByLabel(tr("trajectories.status"), { exact: true }).selectOption({ label: tr("trajectories.statuses.active") });
  await expect(page).toHaveURL(/status=active/);
  await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
  for (const status of await page.getByTestId("trajectory-row").locator("td:nth-of-type(6)").allInnerTexts()) expect(status).toBe(tr("trajectories.statuses.active"));
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the member list shows a card per row and the page does not scroll sideways", async ({ page }) => {
    await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
    await page.goto(`${KAS}/members`);
    const first = page.getByTestId("member-row").first();
    await expect(first).toBeVisible();
    // A card: the row is a block, and each value carries its column's name.
    await expect(first).toHaveCSS("display", "block");
    await expect(first.locator(`td[data-label="${tr("fields.email")}"]`)).toBeVisible();
    // The header row is a line of sort links; a column that cannot be sorted is not shown there.
    await expect(header(page, "members-table", tr("fields.name")).getByRole("link")).toBeVisible();
    await expect(header(page, "members-table", tr("fields.email"))).not.toBeInViewport();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    // The other lists as cards too.
    for (const path of [`${KAS}/compliance/eligibility`, `${KAS}/trajectories`, `${KAS}/contracts`, `${KAS}/practices`]) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(page);
    }
  });
});

test("the eligibility matrix shows problems only by default, everyone one click away", async ({ page }) => {
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto(`${KAS}/compliance/eligibility`);
  const views = page.getByTestId("matrix-view");
  await expect(views.locator("[aria-current=true]")).toHaveText(/^Alleen problemen/);
  // Xander Pauw's Register Vaktherapie has expired: shown.
  await expect(page.getByTestId("row-Xander Pauw")).toBeVisible();
  const rows = page.getByTestId("eligibility-matrix").locator("tbody tr");
  const problems = await rows.count();
  // The link names the count of what it shows (specs that add a contract before this one can make everyone a problem).
  await expect(views.locator("[aria-current=true]")).toHaveText(tr("eligibility.views.problems_other", { count: problems }));
  // Every row shown has a "no" or a coming lapse; the green ones are counted, not listed.
  for (let i = 0; i < problems; i++) await expect(rows.nth(i)).toContainText(/Niet inzetbaar|verloopt na/);
  await expect(page.getByText(/voor elk contract inzetbaar en sta(at|an) niet in deze weergave/)).toBeVisible();
  await expect(page.getByTestId("totals-row")).toBeVisible();
  await views.getByRole("link", { name: /^Iedereen/ }).click();
  await expect(page).toHaveURL(/view=all/);
  await expect(page.getByTestId("row-Xander Pauw")).toBeVisible();
  await expect(views.locator("[aria-current=true]")).toHaveText(/^Iedereen/);
  const everyone = await rows.count();
  expect(everyone).toBeGreaterThanOrEqual(problems);
  await expect(views.locator("[aria-current=true]")).toHaveText(tr("eligibility.views.all_other", { count: everyone }));
  await expectNoAxeViolations(page);
});
