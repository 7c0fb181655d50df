import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, createCooperative, logIn, passTwoFactorRequirement, signUp, tr, uniqueEmail, uniqueSlug } from "./support";

test("the chair corrects the cooperative's name and KvK number in its settings", async ({ page }) => {
  const slug = uniqueSlug("instellingen");
  const email = uniqueEmail("wim");
  await signUp(page, "Wim Wolters", email, "wim kiest een lange zin");
  await createCooperative(page, { name: "Vaktherapie Eemlandd", kvk: "11112222", slug });
  await passTwoFactorRequirement(page, email, slug);
  await expect(page.getByTestId("org-name")).toHaveText("Vaktherapie Eemlandd");

  await page.getByRole("navigation", { name: "Menu van de coöperatie" }).getByRole("link", { name: "Instellingen" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/settings$`));
  // A new cooperative: the board's first steps, none done yet, each with its link.
  const checklist = page.getByTestId("onboarding-checklist");
  await expect(checklist.getByRole("heading", { name: tr("nl", "onboarding.title") })).toBeVisible();
  await expect(checklist).toContainText(tr("nl", "onboarding.progress", { done: 0, total: 4 }));
  await expect(checklist.getByRole("link", { name: tr("nl", "onboarding.steps.inviteBoard.action") })).toHaveAttribute("href", `/c/${slug}/people/invite`);
  await expect(checklist.getByRole("link", { name: tr("nl", "onboarding.steps.addContract.action") })).toHaveAttribute("href", `/c/${slug}/contracts/new`);
  await page.getByLabel("KvK-nummer").fill("1234");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Een KvK-nummer bestaat uit 8 cijfers.")).toBeVisible();

  await page.getByLabel("Naam", { exact: true }).fill("Vaktherapie Eemland");
  await page.getByLabel("Rechtsvorm").selectOption({ label: "Vereniging" });
  await page.getByLabel("KvK-nummer").fill("2233 4455");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Opgeslagen.");
  await expect(page.getByTestId("org-name")).toHaveText("Vaktherapie Eemland");

  await page.getByRole("navigation", { name: "Menu van de coöperatie" }).getByRole("link", { name: "Vandaag" }).click();
  await expect(page.getByText("22334455")).toBeVisible();
  await expect(page.getByText("Vereniging")).toBeVisible();

  // Its empty lists say what to do first.
  await page.goto(`/c/${slug}/contracts`);
  await expect(page.getByTestId("contracts-empty")).toContainText(tr("nl", "contracts.emptyStart.text"));
  await expect(page.getByTestId("contracts-empty").getByRole("link", { name: tr("nl", "contracts.new") })).toBeVisible();
  await page.goto(`/c/${slug}/trajectories`);
  await expect(page.getByTestId("trajectories-empty")).toContainText(tr("nl", "trajectories.emptyStart.noContract"));
  await page.goto(`/c/${slug}/members`);
  await expect(page.getByTestId("members-empty").getByRole("link", { name: tr("nl", "members.emptyStart.import") })).toBeVisible();

  // The board puts the checklist away; it stays away.
  await page.goto(`/c/${slug}/settings`);
  await page.getByRole("button", { name: tr("nl", "onboarding.dismiss") }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/settings$`));
  await expect(page.getByTestId("onboarding-checklist")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("onboarding-checklist")).toHaveCount(0);
});

test("a member sees no settings and is refused at the address", async ({ page }) => {
  await logIn(page, "marieke.jansen@demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen");
  await expect(page.getByRole("navigation", { name: "Menu van de coöperatie" }).getByRole("link", { name: "Instellingen" })).toHaveCount(0);
  const response = await page.goto("/c/vakwerk-nijmegen/settings");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "U heeft geen toegang tot deze pagina." })).toBeVisible();
});
