import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

const CHAIR = "voorzitter@kas.demo.koepel.nl";
const MEMBER = "marieke.jansen@demo.koepel.nl";
const SLUG = "wij-zijn-kas";
const t = (key: string, vars: Record<string, string | number> = {}) => tr("nl", key, vars);

test("the board of Wij zijn KAS records a contract and an amendment; a member sees both read-only", async ({ browser }) => {
  const name = `Pilot vaktherapie Tilburg ${Date.now().toString(36)}`;
  const board = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(board, CHAIR, DEMO_PASSWORD);
  await board.goto(`/c/${SLUG}`);
  await board.getByRole("navigation", { name: tr("nl", "nav.organization") }).getByRole("link", { name: tr("nl", "shell.nav.contracts") }).click();
  await expect(board.getByRole("heading", { name: t("contracts.title") })).toBeVisible();
  // The seeded segment 4 contract is there.
  await expect(board.getByTestId("contract-row").filter({ hasText: "Segment 4 vaktherapie" })).toContainText("Hart van Brabant");
  await board.getByRole("link", { name: t("contracts.new") }).click();

  await board.getByLabel(t("contracts.fields.name"), { exact: true }).fill(name);
  await board.getByLabel(t("contracts.fields.reference"), { exact: true }).fill("TLB-PILOT-2026");
  await board.getByLabel(t("contracts.fields.clientKind"), { exact: true }).selectOption({ label: t("contracts.clientKinds.municipalities") });
  await board.getByLabel(t("contracts.fields.municipalities"), { exact: true }).selectOption([{ label: "Tilburg" }, { label: "Dongen" }]);
  await board.getByLabel(t("contracts.fields.kind"), { exact: true }).selectOption({ label: t("contracts.kinds.pilot") });
  await board.getByLabel(t("contracts.fields.lot"), { exact: true }).fill("vaktherapie jeugd");
  await board.getByLabel(t("contracts.fields.startsOn"), { exact: true }).fill("2026-01-01");
  await board.getByLabel(t("contracts.fields.endsOn"), { exact: true }).fill("2027-12-31");
  await board.getByLabel(t("contracts.evaluationN", { n: 1 }), { exact: true }).fill("2026-12-01");
  await board.getByLabel(t("contracts.fields.indirectTime"), { exact: true }).selectOption({ label: t("contracts.indirect.share") });
  // A share above 100 % is refused beside the field.
  await board.getByLabel(t("contracts.fields.indirectSharePercent"), { exact: true }).fill("125");
  await board.getByRole("button", { name: t("contracts.create") }).click();
  await expect(board.getByText(t("contracts.errors.share"))).toBeVisible();
  await board.getByLabel(t("contracts.fields.indirectSharePercent"), { exact: true }).fill("25");
  await board.getByLabel(t("contracts.fields.stopsWhenBudgetSpent"), { exact: true }).check();
  await board.getByRole("button", { name: t("contracts.create") }).click();

  await expect(board).toHaveURL(new RegExp(`/c/${SLUG}/contracts/[0-9a-f-]{36}$`));
  await expect(board.getByTestId("page-title")).toHaveText(name);
  const details = board.getByTestId("contract-details");
  await expect(details).toContainText("Dongen, Tilburg");
  await expect(details).toContainText(t("contracts.indirectShare", { percent: 25 }));
  await expect(details).toContainText("01-12-2026");

  // A contact person.
  const contact = board.getByRole("form", { name: t("contracts.addContact") });
  await contact.getByLabel(t("contracts.contact.name"), { exact: true }).fill("Anne de Wit");
  await contact.getByLabel(t("contracts.contact.role"), { exact: true }).fill("Contractmanager");
  await contact.getByRole("button", { name: t("contracts.addContact") }).click();
  await expect(board.getByText(t("contracts.done.contactAdded"))).toBeVisible();
  await expect(board.getByTestId("contact")).toContainText("Anne de Wit");

  // The amendment: from 1 July 2026 indirect time is no longer paid.
  await board.getByRole("navigation", { name: tr("nl", "nav.contractSections") }).getByRole("link", { name: t("contracts.sections.amendments") }).click();
  await expect(board.getByTestId("terms-today")).toContainText(t("contracts.indirectShare", { percent: 25 }));
  await board.getByLabel(t("contracts.amendments.fields.title"), { exact: true }).fill("Addendum indirecte tijd");
  await board.getByLabel(t("contracts.amendments.fields.effectiveOn"), { exact: true }).fill("2026-07-01");
  await board.getByLabel(t("contracts.amendments.fields.summary"), { exact: true }).fill("Indirecte tijd wordt vanaf 1 juli niet meer betaald.");
  await board.getByLabel(t("contracts.amendments.fields.changesTerms"), { exact: true }).check();
  await board.getByLabel(t("contracts.amendments.fields.indirectTime"), { exact: true }).selectOption({ label: t("contracts.indirect.not_paid") });
  await board.getByLabel(t("contracts.amendments.fields.document"), { exact: true }).setInputFiles(new URL("./fixtures/vog.pdf", import.meta.url).pathname);
  await board.getByRole("button", { name: t("contracts.amendments.submit") }).click();
  await expect(board.getByText(t("contracts.amendments.saved"))).toBeVisible();
  const amendment = board.getByTestId("amendment").filter({ hasText: "Addendum indirecte tijd" });
  await expect(amendment).toContainText(t("contracts.amendments.from", { date: "01-07-2026" }));
  await expect(amendment).toContainText(t("contracts.amendments.termsChange", { terms: t("contracts.indirect.not_paid") }));
  await expect(board.getByTestId("terms-today")).toContainText(t("contracts.indirect.not_paid"));
  const contractUrl = board.url().replace(/\/amendments(\?.*)?$/, "");

  // A member of the cooperative sees the contract and its amendment, without any form.
  const member = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(member, MEMBER, DEMO_PASSWORD);
  await member.goto(`/c/${SLUG}/contracts`);
  await expect(member.getByRole("link", { name: t("contracts.new") })).toHaveCount(0);
  await member.getByRole("link", { name }).click();
  await expect(member).toHaveURL(contractUrl);
  await expect(member.getByTestId("contract-details")).toContainText("Dongen, Tilburg");
  await expect(member.getByRole("form", { name: t("contracts.edit") })).toHaveCount(0);
  await expect(member.getByRole("button", { name: t("contracts.addContact") })).toHaveCount(0);
  await member.getByRole("link", { name: t("contracts.sections.amendments") }).click();
  await expect(member.getByTestId("amendment").filter({ hasText: "Addendum indirecte tijd" })).toBeVisible();
  await expect(member.getByRole("button", { name: t("contracts.amendments.submit") })).toHaveCount(0);
  // Opening the form's address directly is refused.
  const refused = await member.goto(`/c/${SLUG}/contracts/new`);
  expect(refused?.status()).toBe(403);
});
