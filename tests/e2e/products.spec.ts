import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// The board of Wij zijn KAS keeps the Haarlem pilot's products and requirements:
// a new product at EUR 70.80 an hour, at most 8 hours per trajectory, and SKJ
// required of every practitioner, shown in Dutch formats.

const CHAIR = "voorzitter@kas.demo.koepel.nl";
const SLUG = "wij-zijn-kas";
const CONTRACT = "Pilot vaktherapie Haarlem";
const p = (key: string, vars: Record<string, string | number> = {}) => tr("nl", key, vars);
// Intl puts a no-break space between the euro sign and the amount.
const EURO_70_80 = /€\s70,80/;

test("the board adds a product with its tariff and limit and a requirement to the Haarlem pilot", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}/contracts`);
  await page.getByRole("link", { name: CONTRACT }).first().click();
  await expect(page.getByTestId("page-title")).toHaveText(CONTRACT);
  const sections = page.getByRole("navigation", { name: p("nav.contractSections") });
  await sections.getByRole("link", { name: p("contracts.sections.products") }).click();

  // The seeded products: treatment at most 60 hours, at EUR 70.80.
  const treatment = page.getByTestId("product-45VT1");
  await expect(treatment).toContainText("Behandeling");
  await expect(treatment).toContainText(EURO_70_80);
  await expect(treatment).toContainText(p("products.hours", { hours: "60" }));

  // A new product; a tariff typed wrongly is refused beside the field first.
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: p("products.create") }) });
  await form.getByLabel(p("products.fields.name")).fill("Groepsbehandeling");
  await form.getByLabel(p("products.fields.category")).selectOption("45");
  await form.getByLabel(p("products.fields.code")).fill("45GB1");
  await form.getByLabel(p("products.fields.unit")).selectOption("hour");
  await form.getByLabel(p("products.fields.tariff")).fill("70.80.1");
  await form.getByLabel(p("products.fields.validFrom")).fill("2026-01-01");
  await form.getByLabel(p("products.fields.maxVolume")).fill("8");
  await form.getByRole("button", { name: p("products.create") }).click();
  await expect(form.getByText(p("products.errors.money"))).toBeVisible();
  await form.getByLabel(p("products.fields.tariff")).fill("70,80");
  await form.getByRole("button", { name: p("products.create") }).click();

  // The product's page: tariff in force, its history in Dutch dates, the first rules.
  await expect(page.getByRole("heading", { name: "45GB1 · Groepsbehandeling" })).toBeVisible();
  await expect(page.getByTestId("current-tariff")).toHaveText(EURO_70_80);
  await expect(page.getByTestId("tariffs")).toContainText("01-01-2026");
  await expect(page.getByTestId("rules")).toContainText(p("products.rules.from", { date: "01-01-2026" }));
  await expect(page.getByTestId("rules")).toContainText(p("products.hours", { hours: "8" }));

  // Back on the list, beside the seeded ones.
  await page.getByRole("link", { name: p("products.back") }).click();
  const added = page.getByTestId("product-45GB1");
  await expect(added).toContainText("Groepsbehandeling");
  await expect(added).toContainText("45 · Ambulante jeugdhulp");
  await expect(added).toContainText("uur (04)");
  await expect(added).toContainText(EURO_70_80);
  await expect(added).toContainText(p("products.hours", { hours: "8" }));

  // A requirement: SKJ of every practitioner, beside the seeded Register Vaktherapie and VOG.
  await sections.getByRole("link", { name: p("contracts.sections.requirements") }).click();
  const practitioner = page.getByTestId("practitioner-requirements");
  await expect(practitioner).toContainText(p("registrations.types.vog"));
  await expect(practitioner).toContainText(p("requirements.maxAge_other", { count: 36 }));
  await expect(practitioner).not.toContainText(p("registrations.types.skj"));
  await page.getByLabel(p("requirements.fields.type")).selectOption({ label: `${p("registrations.types.skj")} (${p("registrations.subject.member")})` });
  await page.getByRole("button", { name: p("requirements.add") }).click();
  await expect(page.getByText(p("requirements.saved.add"))).toBeVisible();
  await expect(practitioner).toContainText(p("registrations.types.skj"));

  // Taken away again: the pilot asks no SKJ (a member without it must stay eligible for the other tests).
  await practitioner.getByRole("button", { name: p("requirements.removeName", { type: p("registrations.types.skj") }) }).click();
  await expect(page.getByText(p("requirements.saved.remove"))).toBeVisible();
  await expect(practitioner).not.toContainText(p("registrations.types.skj"));
});
