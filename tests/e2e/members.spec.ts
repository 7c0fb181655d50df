import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, logIn, tr as common, uniqueEmail } from "./support";

// This area's texts live in members.json; the rest in common.json (support's tr).
const members = JSON.parse(readFileSync(new URL("../../app/locales/nl/members.json", import.meta.url), "utf8")) as Record<string, unknown>;
function tr(key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = members;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== "string") return common("nl", key, vars);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(vars[name]));
}

const SLUG = "vakwerk-nijmegen";

async function openDirectory(page: Page) {
  await page.goto(`/c/${SLUG}`);
  await page.getByRole("navigation", { name: tr("nav.organization") }).getByRole("link", { name: tr("shell.nav.members") }).click();
  await expect(page.getByRole("heading", { name: tr("members.title") })).toBeVisible();
}

test("the board records a prospective member, admits them, finds them in the directory and downloads the CSV", async ({ page }) => {
  const name = `Sanne Aspirant ${Date.now().toString(36)}`;
  const email = uniqueEmail("aspirant");
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await openDirectory(page);

  await page.getByRole("link", { name: tr("members.new") }).click();
  await page.getByLabel(tr("fields.name"), { exact: true }).fill(name);
  await page.getByLabel(tr("fields.email"), { exact: true }).fill(email);
  await page.getByLabel(tr("members.type")).selectOption({ label: tr("memberTypes.member") });
  await page.getByRole("button", { name: tr("members.create") }).click();

  await expect(page.getByTestId("page-title")).toHaveText(name);
  await expect(page.getByTestId("member-status")).toHaveText(tr("memberStatus.prospective"));
  await page.getByRole("button", { name: tr("members.admit") }).click();
  await expect(page.getByText(tr("members.done.admitted"))).toBeVisible();
  await expect(page.getByTestId("member-status")).toHaveText(tr("memberStatus.member"));

  // A personal AGB code outside group 90 for a music therapist: saved, with a warning beside the field.
  await page.getByRole("group", { name: tr("profile.artsDisciplines") }).getByLabel(tr("disciplines.music")).check();
  await page.getByRole("button", { name: tr("actions.save") }).click();
  await expect(page.getByText(tr("members.done.saved"))).toBeVisible();
  await page.getByLabel(tr("agb.code"), { exact: true }).fill("9406 4321");
  await page.getByRole("button", { name: tr("agb.add") }).click();
  await expect(page.locator("#agb-code-warning")).toHaveText(tr("agb.warning.notArtsTherapyCode"));
  await expect(page.getByTestId("agb-warning")).toBeVisible();

  await openDirectory(page);
  await page.getByLabel(tr("members.search")).fill(name);
  await page.getByLabel(tr("members.status"), { exact: true }).selectOption({ label: tr("memberStatus.member") });
  await page.getByLabel(tr("profile.disciplines"), { exact: true }).selectOption({ label: tr("disciplines.music") });
  await page.getByRole("button", { name: tr("members.filter") }).click();
  await expect(page).toHaveURL(/status=member/);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-row")).toContainText(name);
  // Sorted by name unless a header says otherwise (decision 024).
  await expect(page.getByTestId("members-table").locator("thead th", { hasText: tr("fields.name") })).toHaveAttribute("aria-sort", "ascending");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: tr("actions.exportCsv") }).click()]);
  const text = readFileSync((await download.path())!, "utf8");
  const lines = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(name);
  expect(lines[1]).toContain(email);
  expect(lines[1]).toMatch(/\d{2}-\d{2}-\d{4}/);
});

test("a member keeps up their own profile", async ({ page }) => {
  await logIn(page, "marieke.jansen@demo.koepel.nl", DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}`);
  await page.getByRole("navigation", { name: tr("nav.organization") }).getByRole("link", { name: tr("shell.nav.me") }).click();
  await expect(page.getByRole("heading", { name: tr("profile.title") })).toBeVisible();
  const weeks = String(10 + Math.floor(Math.random() * 40));
  await page.getByLabel(tr("disciplines.drama")).check();
  await page.getByLabel(tr("profile.waitingWeeks")).fill(weeks);
  await page.getByLabel(tr("profile.municipalities")).fill("Nijmegen, Heumen");
  await page.getByRole("button", { name: tr("actions.save") }).click();
  await expect(page.getByText(tr("account.saved"))).toBeVisible();

  await page.reload();
  await expect(page.getByLabel(tr("disciplines.drama"))).toBeChecked();
  await expect(page.getByLabel(tr("profile.waitingWeeks"))).toHaveValue(weeks);
  await expect(page.getByLabel(tr("profile.municipalities"))).toHaveValue("Nijmegen, Heumen");

  // A number that is not one: the message beside the field, nothing saved.
  await page.getByLabel(tr("profile.waitingWeeks")).fill("veel");
  await page.getByRole("button", { name: tr("actions.save") }).click();
  await expect(page.getByText(tr("members.errors.number"))).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(tr("profile.waitingWeeks"))).toHaveValue(weeks);
});
