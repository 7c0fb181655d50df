import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, logIn, tr } from "./support";

const CHAIR = "voorzitter@kas.demo.koepel.nl";
const SLUG = "wij-zijn-kas";

test("the chair of Wij zijn KAS sees compliance at a glance, finds Xander Pauw not eligible, and downloads the roster", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}`);
  await page.getByRole("navigation", { name: tr("nl", "nav.organization") }).getByRole("link", { name: tr("nl", "shell.nav.compliance") }).click();
  await expect(page.getByRole("heading", { name: tr("nl", "compliance.title"), level: 1 })).toBeVisible();

  // Every contract has a card, with a status in words.
  const cards = page.getByTestId("contract-card");
  await expect(cards).toHaveCount(3);
  for (const name of ["Pilot vaktherapie Haarlem", "Segment 4 vaktherapie", "IJmond en Zuid-Kennemerland perceel 2"]) {
    await expect(cards.filter({ hasText: name })).toHaveCount(1);
  }
  // The demo's overdue quarterly production figures of the Haarlem pilot.
  const pilot = cards.filter({ hasText: "Pilot vaktherapie Haarlem" });
  await expect(pilot).toContainText("Productiecijfers per kwartaal");
  await expect(pilot).toContainText(tr("nl", "duties.status.overdue"));
  await expect(pilot).toContainText(tr("nl", "compliance.status.problem"));

  // The eligibility matrix: Xander Pauw's Register Vaktherapie expired on 14 September 2026.
  await page.getByRole("link", { name: tr("nl", "compliance.links.eligibility") }).click();
  await expect(page.getByRole("heading", { name: tr("nl", "eligibility.title") })).toBeVisible();
  const xander = page.getByTestId("row-Xander Pauw");
  await expect(xander.getByTestId("cell-no")).toHaveCount(3);
  await expect(xander).toContainText(tr("nl", "eligibility.reasons.expired", { type: tr("nl", "registrations.types.register_vaktherapie"), date: "14-09-2026" }));
  await expect(xander.getByTestId("cell-yes")).toHaveCount(0);
  // Problems only by default (decision 024); the name is the row's header.
  await expect(page.getByTestId("matrix-view").locator("[aria-current=true]")).toHaveText(/^Alleen problemen/);
  await expect(xander.locator('th[scope="row"]')).toHaveText("Xander Pauw");

  // Back to the dashboard and download the roster as CSV.
  await page.getByRole("link", { name: `← ${tr("nl", "compliance.title")}` }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: tr("nl", "compliance.links.rosterCsv") }).click()]);
  expect(download.suggestedFilename()).toMatch(/^wij-zijn-kas-inzetlijst-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv).toContain(tr("nl", "roster.columns.personalAgb"));
  expect(csv).toContain("Xander Pauw");
  expect(csv).toContain(tr("nl", "registrations.types.hkz"));
  expect(csv).not.toContain("administratie@kas.demo.koepel.nl");
});

test("the chair marks the overdue production figures submitted with the report attached", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}/compliance`);
  const pilot = page.getByTestId("contract-card").filter({ hasText: "Pilot vaktherapie Haarlem" });
  await pilot.getByRole("link", { name: tr("nl", "compliance.links.contractDuties") }).click();
  await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]+\/duties$/);
  await expect(page.getByRole("heading", { name: tr("nl", "duties.title"), exact: true })).toBeVisible();
  const figures = page.getByTestId("duty").filter({ hasText: "Productiecijfers per kwartaal" });
  const overdue = figures.locator("li").filter({ hasText: tr("nl", "duties.status.overdue") }).first();
  await overdue.getByLabel(tr("nl", "duties.fields.report")).setInputFiles(new URL("./fixtures/vog.pdf", import.meta.url).pathname);
  await overdue.getByRole("button", { name: tr("nl", "duties.submit") }).click();
  await expect(page.getByText(tr("nl", "duties.done.submitted"))).toBeVisible();
  await expect(figures.getByRole("link", { name: new RegExp(tr("nl", "duties.download")) }).first()).toBeVisible();
  await expect(figures).not.toContainText(tr("nl", "duties.status.overdue"));

  // The contract's own eligibility column, from its section tabs.
  await page.getByRole("navigation", { name: tr("nl", "nav.contractSections") }).getByRole("link", { name: tr("nl", "contracts.sections.eligibility") }).click();
  await expect(page.getByTestId("eligibility-summary")).toBeVisible();
  await expect(page.getByTestId("row-Xander Pauw")).toContainText(tr("nl", "eligibility.no"));
});

test("the counts agree: 34 active practitioners in the directory, on the compliance cards and in the eligibility matrix", async ({ page }) => {
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/wij-zijn-kas/members");
  await expect(page.getByTestId("members-headcount")).toContainText(`${tr("nl", "members.headcount.records_other", { count: 38 })}: ${tr("nl", "members.headcount.activePractitioners_other", { count: 34 })}`);
  await expect(page.getByTestId("members-headcount")).toContainText(tr("nl", "members.headcount.officeStaff_one", { count: 1 }));
  // Office staff are not flagged red for a registration they need not hold.
  await page.goto("/c/wij-zijn-kas/members?type=office_staff");
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-row")).toContainText(tr("nl", "members.headcount.notRequired"));
  await expect(page.getByTestId("member-row")).not.toContainText(tr("nl", "registrations.state.missing"));

  await page.goto("/c/wij-zijn-kas/compliance");
  const cards = page.getByTestId("contract-card");
  await expect(cards).toHaveCount(3);
  for (const card of await cards.all()) await expect(card).toContainText(/\d+ van 34 actieve behandelaars inzetbaar/);

  await page.goto("/c/wij-zijn-kas/compliance/eligibility");
  await expect(page.getByText(/\d+ van 34 actieve behandelaars inzetbaar/).first()).toBeVisible();
});
