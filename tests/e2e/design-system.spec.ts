import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// Issue 12, point 3: destructive actions ask first (with and without JavaScript), the
// one date field takes 30-11-2026, "saved" is a toast, and the dialog is axe-clean.

const VAKWERK = "vakwerk-nijmegen";
const CHAIR = "voorzitter@vakwerk.demo.koepel.nl";
const t = (key: string, vars?: Record<string, string | number>) => tr("nl", key, vars);

async function openMember(page: Page, name: string) {
  await page.goto(`/c/${VAKWERK}/members`);
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("suspending a member goes through a confirmation page, and nothing changes until 'Ja'", async ({ page }) => {
    const name = "Hanna de Wit";
    await logIn(page, CHAIR, DEMO_PASSWORD);
    await openMember(page, name);
    await expect(page.getByTestId("member-status")).toHaveText(t("memberStatus.member"));
    await page.getByLabel(t("members.reason"), { exact: true }).first().fill("VOG verlopen");
    await page.getByRole("button", { name: t("members.suspend"), exact: true }).click();

    // The server answers with the question; the member is not suspended yet.
    const panel = page.getByTestId("confirm-panel");
    await expect(panel.getByRole("heading", { name: t("ui.confirmations.suspend.title", { name }) })).toBeVisible();
    await expect(panel).toContainText(t("ui.confirmations.suspend.text", { name }));
    await expect(panel).toContainText(t("ui.confirm.pageIntro"));
    await expect(page.getByTestId("member-status")).toHaveText(t("memberStatus.member"));

    // "Nee, terug" leaves everything as it was.
    await panel.getByRole("link", { name: t("ui.confirm.cancel") }).click();
    await expect(page.getByTestId("confirm-panel")).toHaveCount(0);
    await expect(page.getByTestId("member-status")).toHaveText(t("memberStatus.member"));

    await page.getByRole("button", { name: t("members.suspend"), exact: true }).click();
    await page.getByTestId("confirm-panel").getByRole("button", { name: t("ui.confirmations.suspend.yes", { name }) }).click();
    await expect(page.getByTestId("toast")).toHaveText(t("members.done.suspended"));
    await expect(page.getByTestId("member-status")).toHaveText(t("memberStatus.suspended"));
    // The toast came once: the next page has none.
    await page.reload();
    await expect(page.getByTestId("toast")).toHaveCount(0);
  });

  test("the people list's action menu is links to a page per person", async ({ page }) => {
    await logIn(page, CHAIR, DEMO_PASSWORD);
    await page.goto(`/c/${VAKWERK}/people`);
    // One menu per row, no role pickers or remove buttons on the list.
    await expect(page.getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: t("people.remove") })).toHaveCount(0);
    await page.getByRole("group", { name: t("ui.menu.actionsFor", { name: "Karin Bos" }) }).getByRole("link", { name: t("ui.people.changeRole") }).click();
    await expect(page.getByRole("heading", { name: "Karin Bos" })).toBeVisible();
    await expect(page.getByLabel(t("people.roleOf", { name: "Karin Bos" }), { exact: true })).toHaveValue("member");
  });
});

test("with JavaScript a dialog asks first, is axe-clean, and 'Nee, terug' changes nothing", async ({ page }) => {
  const name = "Iris Mulder";
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await openMember(page, name);
  await page.getByRole("button", { name: t("members.suspend"), exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: t("ui.confirmations.suspend.title", { name }) });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(t("ui.confirmations.suspend.text", { name }));
  // Focus starts on the safe choice.
  await expect(dialog.getByRole("button", { name: t("ui.confirm.cancel") })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('[role="alertdialog"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("member-status")).toHaveText(t("memberStatus.member"));

  await page.getByRole("button", { name: t("members.suspend"), exact: true }).click();
  await dialog.getByRole("button", { name: t("ui.confirmations.suspend.yes", { name }) }).click();
  await expect(page.getByTestId("toast")).toHaveText(t("members.done.suspended"));
  await expect(page.getByTestId("member-status")).toHaveText(t("memberStatus.suspended"));
});

test("the trajectory forms take dates typed as 30-11-2026, and a wrong date gets one message", async ({ page }) => {
  const dutch = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${d.getUTCFullYear()}`;
  const code = `DS-${Date.now().toString(36).toUpperCase()}`;
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/wij-zijn-kas/trajectories/new");
  await expect(page.getByRole("heading", { name: t("trajectories.new") })).toBeVisible();
  await page.getByLabel(t("trajectories.contract")).selectOption({ label: "Pilot vaktherapie Haarlem" });
  await page.getByLabel(t("trajectories.product")).selectOption({ label: "Pilot vaktherapie Haarlem — 45VT1 Behandeling (max 60:00)" });
  await page.getByLabel(t("trajectories.clientCode")).fill(code);
  await page.getByLabel(t("trajectories.birthYear")).fill("2015");
  await page.getByLabel(t("trajectories.municipality")).selectOption({ label: "Haarlem" });
  await page.getByLabel(t("trajectories.coordinator")).selectOption({ label: "Bas Schouten" });
  await page.getByLabel(t("trajectories.allocatedHours")).fill("20");
  const start = new Date(Date.now() - 7 * 86_400_000);
  // The field shows today's date as dd-mm-jjjj.
  await expect(page.getByLabel(t("trajectories.startsOn"), { exact: true })).toHaveValue(/^\d{2}-\d{2}-\d{4}$/);
  await page.getByLabel(t("trajectories.startsOn"), { exact: true }).fill(dutch(start));
  await page.getByLabel(t("trajectories.endsOn"), { exact: true }).fill("31-11-2026");
  await page.getByRole("button", { name: t("trajectories.create") }).click();
  await expect(page.getByText(t("members.errors.date"), { exact: true })).toHaveCount(1);
  await page.getByLabel(t("trajectories.endsOn"), { exact: true }).fill(dutch(new Date(Date.now() + 90 * 86_400_000)));
  await page.getByRole("button", { name: t("trajectories.create") }).click();
  await expect(page.getByRole("heading", { name: `${t("trajectories.trajectory")} ${code}` })).toBeVisible();

  // A time entry on a date typed the Dutch way.
  await page.getByLabel(t("timeEntries.date"), { exact: true }).fill(dutch(new Date(Date.now() - 2 * 86_400_000)));
  await page.getByLabel(t("timeEntries.direct"), { exact: true }).fill("1:00");
  await page.getByRole("button", { name: t("timeEntries.save") }).click();
  await expect(page.getByText(t("timeEntries.logged"))).toBeVisible();
});
