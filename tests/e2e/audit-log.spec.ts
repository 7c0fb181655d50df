import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

test("the chair changes a role, finds it in the audit log by its action, and downloads it as CSV", async ({ page }) => {
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen/people");
  await page.getByRole("button", { name: tr("nl", "ui.menu.actionsFor", { name: "Gijs Smit" }) }).click();
  await page.getByRole("menuitem", { name: tr("nl", "ui.people.changeRole") }).click();
  await page.getByRole("combobox", { name: tr("nl", "people.roleOf", { name: "Gijs Smit" }) }).selectOption({ label: tr("nl", "roles.secretary") });
  await page.getByRole("button", { name: tr("nl", "people.saveRoleOf", { name: "Gijs Smit" }) }).click();
  await expect(page.getByTestId("toast")).toHaveText(tr("nl", "people.done.roleChanged"));

  await page.getByRole("navigation", { name: tr("nl", "nav.organization") }).getByRole("link", { name: tr("nl", "shell.nav.audit") }).click();
  await expect(page).toHaveURL(/\/c\/vakwerk-nijmegen\/audit$/);
  await page.getByLabel(tr("nl", "auditLog.action")).selectOption({ label: tr("nl", "auditLog.actions.membership.role_changed") });
  await page.getByRole("button", { name: tr("nl", "auditLog.apply") }).click();
  await expect(page).toHaveURL(/action=membership\.role_changed/);

  const row = page.getByTestId("audit-row").filter({ hasText: "Gijs Smit" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Annelies Verhoeven");
  await expect(row).toContainText(tr("nl", "auditLog.actions.membership.role_changed"));
  await expect(row).toContainText(`${tr("nl", "auditLog.fields.role")}: ${tr("nl", "roles.member")} → ${tr("nl", "roles.secretary")}`);
  // When, in Dutch notation: 23-11-2026 14:05.
  await expect(row.locator("td").first()).toHaveText(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: tr("nl", "actions.exportCsv") }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("vakwerk-nijmegen-audit-log.csv");
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header).toBe(["when", "who", "what", "entityType", "entity", "entityId", "changes"].map((k) => tr("nl", `auditLog.${k}`)).join(";"));
  // The same filter as on the page: role changes only, this one among them.
  expect(lines.every((l) => l.includes(`;${tr("nl", "auditLog.actions.membership.role_changed")};`))).toBe(true);
  const line = lines.find((l) => l.includes(";Gijs Smit;"));
  expect(line).toContain(`Annelies Verhoeven;${tr("nl", "auditLog.actions.membership.role_changed")};${tr("nl", "auditLog.entities.membership")};Gijs Smit;`);
  expect(line).toContain(`${tr("nl", "roles.member")} → ${tr("nl", "roles.secretary")}`);
});

test("a member has no audit log tab and is refused at its address", async ({ page }) => {
  await logIn(page, "marieke.jansen@demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/vakwerk-nijmegen");
  await expect(page.getByRole("navigation", { name: tr("nl", "nav.organization") }).getByRole("link", { name: tr("nl", "shell.nav.audit") })).toHaveCount(0);
  expect((await page.goto("/c/vakwerk-nijmegen/audit"))?.status()).toBe(403);
  expect((await page.goto("/c/vakwerk-nijmegen/audit.csv"))?.status()).toBe(403);
});

test("the audit log's default view shows no reads; the reads are one choice away, by client code, not by key", async ({ page }) => {
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  // A look at the trajectory list: one read row, naming the trajectories shown.
  await page.goto("/c/vakwerk-nijmegen/trajectories");
  const firstCode = (await page.getByRole("rowheader").getByRole("link", { name: /^VKW-/ }).first().innerText()).trim();
  await page.goto("/c/vakwerk-nijmegen/audit");
  await expect(page.getByLabel(tr("nl", "auditLog.kind"))).toHaveValue("changes");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: tr("nl", "auditLog.actions.trajectory.list_read") })).toHaveCount(0);
  await expect(rows.filter({ hasText: tr("nl", "auditLog.actions.trajectory.read") })).toHaveCount(0);

  await page.getByLabel(tr("nl", "auditLog.kind")).selectOption("reads");
  await page.getByRole("button", { name: tr("nl", "auditLog.apply") }).click();
  await expect(page).toHaveURL(/kind=reads/);
  const listRead = rows.filter({ hasText: tr("nl", "auditLog.actions.trajectory.list_read") }).first();
  await expect(listRead).toContainText("Annelies Verhoeven");
  await expect(listRead).toContainText(firstCode);
  // Names and client codes only: no UUID anywhere in the rows shown.
  for (const text of await rows.allInnerTexts()) expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
});
