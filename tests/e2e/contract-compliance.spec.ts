import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// Issue 5's flow across its parts, as the people do it: the board of Wij zijn KAS
// records a contract with a product and a requirement (SKJ) and a small ceiling; a
// trajectory is coordinated by Roos Brouwer, who holds no SKJ registration, with
// Sanne de Graaf (who does) as additional practitioner. Roos is refused when she
// logs time; Sanne logs five hours; the compliance dashboard then shows the burn
// and the forecast, and the board gets the 90 % alert.
const SLUG = "wij-zijn-kas";
const CHAIR = "voorzitter@kas.demo.koepel.nl";
const ROOS = "roos.brouwer@kas.demo.koepel.nl";
const SANNE = "sanne.de.graaf@kas.demo.koepel.nl";
const t = (key: string, vars: Record<string, string | number> = {}) => tr("nl", key, vars);

/** Today in Amsterdam, as the server sees it, plus `days`. */
function amsterdam(days = 0): { iso: string; nl: string; year: number } {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const out = d.toISOString().slice(0, 10);
  return { iso: out, nl: out.split("-").reverse().join("-"), year: Number(out.slice(0, 4)) };
}

async function page(browser: import("@playwright/test").Browser, email: string): Promise<Page> {
  const p = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(p, email, DEMO_PASSWORD);
  return p;
}

test("the board sets up a contract; a member without its registration is refused logging time; after hours are logged the dashboard shows the burn and the forecast", async ({ browser }) => {
  const today = amsterdam();
  const name = `Pilot vaktherapie Heemstede ${Date.now().toString(36)}`;
  const board = await page(browser, CHAIR);

  // 1. The contract.
  await board.goto(`/c/${SLUG}/contracts`);
  await board.getByRole("link", { name: t("contracts.new") }).click();
  await board.getByLabel(t("contracts.fields.name"), { exact: true }).fill(name);
  await board.getByLabel(t("contracts.fields.clientKind"), { exact: true }).selectOption({ label: t("contracts.clientKinds.municipalities") });
  await board.getByLabel(t("contracts.fields.municipalities"), { exact: true }).selectOption([{ label: "Heemstede" }]);
  await board.getByLabel(t("contracts.fields.kind"), { exact: true }).selectOption({ label: t("contracts.kinds.pilot") });
  await board.getByLabel(t("contracts.fields.startsOn"), { exact: true }).fill(`${today.year}-01-01`);
  await board.getByLabel(t("contracts.fields.endsOn"), { exact: true }).fill(`${today.year + 1}-12-31`);
  await board.getByRole("button", { name: t("contracts.create") }).click();
  await expect(board.getByTestId("page-title")).toHaveText(name);
  const sections = board.getByRole("navigation", { name: t("nav.contractSections") });

  // 2. A product: treatment at EUR 70,80 an hour, at most 60 hours.
  await sections.getByRole("link", { name: t("contracts.sections.products") }).click();
  const product = board.locator("form").filter({ has: board.getByRole("button", { name: t("products.create") }) });
  await product.getByLabel(t("products.fields.name")).fill("Behandeling");
  await product.getByLabel(t("products.fields.category")).selectOption("45");
  await product.getByLabel(t("products.fields.code")).fill("45HB1");
  await product.getByLabel(t("products.fields.unit")).selectOption("hour");
  await product.getByLabel(t("products.fields.tariff")).fill("70,80");
  await product.getByLabel(t("products.fields.validFrom")).fill(`${today.year}-01-01`);
  await product.getByLabel(t("products.fields.maxVolume")).fill("60");
  await product.getByRole("button", { name: t("products.create") }).click();
  await expect(board.getByTestId("current-tariff")).toHaveText(/€\s70,80/);

  // 3. The requirement: SKJ.
  await sections.getByRole("link", { name: t("contracts.sections.requirements") }).click();
  await board.getByLabel(t("requirements.fields.type")).selectOption({ label: `${t("registrations.types.skj")} (${t("registrations.subject.member")})` });
  await board.getByRole("button", { name: t("requirements.add") }).click();
  await expect(board.getByTestId("practitioner-requirements")).toContainText(t("registrations.types.skj"));

  // 4. This year's ceiling: EUR 360,00.
  await sections.getByRole("link", { name: t("contracts.sections.budget"), exact: true }).click();
  const ceiling = board.locator("form").filter({ has: board.getByRole("button", { name: t("budget.saveCeiling") }) });
  await ceiling.getByLabel(t("budget.year")).fill(String(today.year));
  await ceiling.getByLabel(t("budget.amount")).fill("360,00");
  await ceiling.getByLabel(t("budget.reason")).fill("Pilotbudget");
  await ceiling.getByRole("button", { name: t("budget.saveCeiling") }).click();
  await expect(board.getByTestId("budget-ceiling")).toHaveText(/€\s360,00/);

  // 5. A trajectory coordinated by Roos, with Sanne as additional practitioner.
  const code = `HS-${Date.now().toString(36).toUpperCase()}`;
  await board.goto(`/c/${SLUG}/trajectories/new`);
  await board.getByLabel(t("trajectories.contract")).selectOption({ label: name });
  await board.getByLabel(t("trajectories.product")).selectOption({ label: `${name} — 45HB1 Behandeling (max 60:00)` });
  await board.getByLabel(t("trajectories.clientCode")).fill(code);
  await board.getByLabel(t("trajectories.birthYear")).fill("2016");
  await board.getByLabel(t("trajectories.municipality")).selectOption({ label: "Heemstede" });
  await board.getByLabel(t("trajectories.coordinator")).selectOption({ label: "Roos Brouwer" });
  await board.getByLabel(t("trajectories.endsOn")).fill(amsterdam(120).iso);
  await board.getByLabel(t("trajectories.allocatedHours")).fill("10");
  await board.getByRole("button", { name: t("trajectories.create") }).click();
  await expect(board.getByRole("heading", { name: `${t("trajectories.trajectory")} ${code}` })).toBeVisible();
  await board.getByLabel(t("trajectories.addPractitioner")).selectOption({ label: "Sanne de Graaf" });
  await board.getByRole("button", { name: t("trajectories.add") }).click();
  await expect(board.getByRole("listitem").filter({ hasText: "Sanne de Graaf" })).toBeVisible();

  // 6. Roos holds no SKJ registration: refused beside the field, nothing logged.
  const roos = await page(browser, ROOS);
  await roos.goto(`/c/${SLUG}/trajectories`);
  await roos.getByRole("link", { name: code }).click();
  await roos.getByLabel(t("timeEntries.direct"), { exact: true }).fill("1:00");
  await roos.getByRole("button", { name: t("timeEntries.save") }).click();
  await expect(roos.getByText(t("timeEntries.errors.notEligible_missing"))).toBeVisible();
  await expect(roos.getByRole("cell", { name: "Roos Brouwer" })).toHaveCount(0);

  // 7. Sanne holds one and logs five hours: EUR 354,00 of EUR 360,00.
  const sanne = await page(browser, SANNE);
  await sanne.goto(`/c/${SLUG}/trajectories`);
  await sanne.getByRole("link", { name: code }).click();
  await sanne.getByLabel(t("timeEntries.direct"), { exact: true }).fill("5:00");
  await sanne.getByRole("button", { name: t("timeEntries.save") }).click();
  await expect(sanne.getByText(t("timeEntries.logged"))).toBeVisible();
  await expect(sanne.getByRole("cell", { name: "5:00", exact: true })).toBeVisible();

  // 8. The dashboard: 98 % spent; the trajectory's other five hours are committed
  // (EUR 354 more), so EUR 348,00 is promised beyond the ceiling and the card says so
  // in words (decision 025); at the rate of the last 90 days (EUR 354 in 90 days) the
  // last EUR 6 go in two days.
  await board.goto(`/c/${SLUG}/compliance`);
  const card = board.getByTestId("contract-card").filter({ hasText: name });
  const budget = card.getByTestId("budget");
  await expect(budget).toContainText(t("compliance.cards.percent", { percent: 98 }));
  // In the signal's badge and in place of the remainder (never "Over € -348,00").
  await expect(budget.locator("p").first()).toContainText(/€\s348,00 te veel toegezegd/);
  await expect(budget.getByTestId("budget-remaining")).toContainText(/€\s348,00 te veel toegezegd/);
  await expect(budget).toContainText(/€\s354,00/);
  const forecast = amsterdam(2);
  await expect(budget).toContainText(forecast.year === today.year ? t("compliance.cards.forecast", { date: forecast.nl }) : t("compliance.cards.noForecast"));
  // The burn chart with its forecast line, on the contract's budget page.
  await card.getByRole("link", { name: t("compliance.links.contractBudget") }).click();
  await expect(board.getByTestId("burn-chart").first()).toBeVisible();

  // 9. The board was told by mail.
  await board.goto(`/dev/mail?to=${encodeURIComponent(CHAIR)}`);
  await expect(board.getByText(t("budget.mail.contract.subject", { contract: name, threshold: 90 }))).toBeVisible();
});
