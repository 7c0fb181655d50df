import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// The registrations texts live in their own locale file; read them the way support.ts reads common.json.
const texts = JSON.parse(readFileSync(new URL("../../app/locales/nl/registrations.json", import.meta.url), "utf8")) as { registrations: Record<string, unknown> };
function rt(key: string, vars: Record<string, string> = {}): string {
  let node: unknown = texts;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== "string") throw new Error(`Missing translation nl:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => vars[name]);
}

const MEMBER = "marieke.jansen@demo.koepel.nl";
const CHAIR = "voorzitter@vakwerk.demo.koepel.nl";
const SLUG = "vakwerk-nijmegen";

test("a member uploads a VOG, the board verifies it, and the 30-day reminder is in the mailbox", async ({ browser }) => {
  const memberPage = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(memberPage, MEMBER, DEMO_PASSWORD);
  await memberPage.goto(`/c/${SLUG}/me/registrations`);
  await expect(memberPage.getByRole("heading", { name: rt("registrations.mine") })).toBeVisible();
  await memberPage.getByLabel(rt("registrations.fields.type")).selectOption({ label: `${rt("registrations.types.vog")} (${rt("registrations.cycle", { months: "36" })})` });
  await memberPage.getByLabel(rt("registrations.fields.issuedOn")).fill("2026-11-02");
  await memberPage.getByLabel(rt("registrations.fields.evidence")).setInputFiles(new URL("./fixtures/vog.pdf", import.meta.url).pathname);
  await memberPage.getByRole("button", { name: rt("registrations.submit") }).click();
  await expect(memberPage.getByText(rt("registrations.submitted"))).toBeVisible();
  const mine = memberPage.getByTestId("registration-row").filter({ hasText: rt("registrations.types.vog") }).filter({ hasText: "02-11-2026" });
  await expect(mine).toContainText(rt("registrations.state.unverified"));
  await expect(mine).toContainText("02-11-2029"); // three years, from the type's cycle

  const board = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(board, CHAIR, DEMO_PASSWORD);
  await board.goto(`/c/${SLUG}`);
  await board.getByRole("navigation", { name: tr("nl", "nav.organization") }).getByRole("link", { name: tr("nl", "shell.nav.registrations") }).click();
  await expect(board.getByRole("heading", { name: rt("registrations.queue") })).toBeVisible();
  const row = board.getByTestId("registration-row").filter({ hasText: "Marieke Jansen" });
  await expect(row).toContainText(rt("registrations.types.vog"));
  // The evidence is there for the board to open.
  await expect(row.getByRole("link", { name: rt("registrations.download") })).toBeVisible();
  await row.getByRole("button", { name: rt("registrations.verify") }).click();
  await expect(board.getByText(rt("registrations.done.verified"))).toBeVisible();
  await expect(board.getByTestId("registration-row").filter({ hasText: "Marieke Jansen" })).toHaveCount(0);

  await memberPage.reload();
  await expect(mine).toContainText(rt("registrations.state.valid"));

  // The demo's liability insurance of Marieke ends in exactly 30 days: the job at start mailed her.
  await board.goto(`/dev/mail?to=${encodeURIComponent(MEMBER)}`);
  const reminder = board.locator(`article[data-testid="mail"][data-to="${MEMBER}"]`).filter({ hasText: rt("registrations.mail.reminder.subject", { type: rt("registrations.types.liability_insurance"), days: "30" }) })
    .filter({ hasText: "VaKwerK regio Nijmegen" });
  await expect(reminder).toHaveCount(1);
  await expect(reminder).toContainText(`/c/${SLUG}/me/registrations`);
});

test("the board makes SKJ required and sees a member's registrations on their page", async ({ page }) => {
  await logIn(page, CHAIR, DEMO_PASSWORD);
  await page.goto(`/c/${SLUG}/registrations`);
  await page.getByRole("link", { name: rt("registrations.typesTitle") }).click();
  const skj = page.getByRole("form", { name: rt("registrations.types.skj") });
  await skj.getByLabel(rt("registrations.fields.required")).check();
  await skj.getByRole("button", { name: tr("nl", "actions.save") }).click();
  await expect(page.getByText(tr("nl", "account.saved"))).toBeVisible();
  await expect(page.getByRole("form", { name: rt("registrations.types.skj") }).getByLabel(rt("registrations.fields.required"))).toBeChecked();

  // A ladder that is not one is refused beside the field.
  await page.getByLabel(rt("registrations.fields.reminderDays")).fill("90, nul");
  await page.getByRole("button", { name: tr("nl", "actions.save") }).last().click();
  await expect(page.getByText(rt("registrations.errors.reminderDays"))).toBeVisible();

  // Eva van den Berg's Register Vaktherapie ends within 90 days (demo data).
  await page.goto(`/c/${SLUG}/members`);
  await page.getByRole("link", { name: "Eva van den Berg" }).first().click();
  await expect(page).toHaveURL(/\/members\/[0-9a-f-]{36}$/);
  await page.getByRole("navigation", { name: tr("nl", "members.pageNav") }).getByRole("link", { name: tr("nl", "nav.registrations") }).click();
  await expect(page).toHaveURL(/\/members\/[0-9a-f-]{36}\/registrations$/);
  const rv = page.getByTestId("registration-row").filter({ hasText: rt("registrations.types.register_vaktherapie") });
  await expect(rv).toContainText(rt("registrations.state.expiring"));
});

test("the demo's verification queue at Wij zijn KAS holds three registrations to try", async ({ page }) => {
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/wij-zijn-kas/registrations");
  await expect(page.getByRole("heading", { name: rt("registrations.queue") })).toBeVisible();
  for (const name of ["Anna Vos", "Bas Schouten", "Chantal Maas"]) {
    const row = page.getByTestId("registration-row").filter({ hasText: name });
    await expect(row.getByRole("button", { name: rt("registrations.verify") })).toBeVisible();
  }
});

test("copy slips: the HKZ form asks nothing of a person's register, a member is 'Lid' once, and hints and skip link are Dutch", async ({ page }) => {
  await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto("/c/wij-zijn-kas/registrations");
  const hkzForm = page.locator("section").filter({ has: page.getByRole("heading", { name: rt("registrations.addOwn") }) });
  await expect(hkzForm.getByLabel(rt("registrations.fields.type"))).toBeVisible();
  await expect(hkzForm.getByLabel(rt("registrations.fields.points"))).toHaveCount(0);
  await expect(hkzForm.getByText(rt("registrations.numberHint"))).toHaveCount(0);
  await expect(page.getByRole("link", { name: tr("nl", "nav.skipToContent") })).toHaveCount(1);

  await page.goto("/c/wij-zijn-kas/members");
  await page.getByRole("link", { name: "Anna Vos" }).click();
  const status = page.getByTestId("member-status").locator("..");
  await expect(status).toContainText(tr("nl", "memberStatus.member"));
  await expect(status).not.toContainText(`${tr("nl", "memberStatus.member")} · ${tr("nl", "memberTypes.member")}`);
  await expect(page.getByText(tr("nl", "profile.languagesHint"))).toBeVisible();
});
