import { expect, test } from "@playwright/test";
import { createCooperative, followMailLink, invite, logIn, passTwoFactorRequirement, setUpTwoFactor, signUp, tr, uniqueEmail, uniqueSlug } from "./support";

const t = (key: string, vars?: Record<string, string | number>) => tr("nl", key, vars);

test("set up two-factor, log in with a code and with a recovery code that then stops working", async ({ page }) => {
  const email = uniqueEmail("tessa");
  const password = "tessa tekent met houtskool";
  await signUp(page, "Tessa Timmer", email, password);

  await page.goto("/account");
  await page.getByRole("link", { name: t("security.twoFactor.title") }).click();
  const codes = await setUpTwoFactor(page, email);
  expect(codes).toHaveLength(10);
  await page.goto("/account");
  await expect(page.getByText(`${t("security.twoFactor.title")} · ${t("security.twoFactor.on")}`)).toBeVisible();

  await page.getByRole("button", { name: t("nav.logout") }).click();
  await expect(page).toHaveURL(/\/login$/);
  // logIn enters the authenticator code on the second step.
  await logIn(page, email, password);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: t("account.title") })).toBeVisible();

  async function logInWithRecoveryCode(code: string) {
    await page.getByRole("button", { name: t("nav.logout") }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel(t("fields.email"), { exact: true }).fill(email);
    await page.getByLabel(t("fields.password"), { exact: true }).fill(password);
    await page.getByRole("button", { name: t("login.submit") }).click();
    await expect(page).toHaveURL(/\/login\/two-factor/);
    // Until a code is given, the rest of the app is closed.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\/two-factor/);
    await page.getByLabel(t("security.twoFactor.code"), { exact: true }).fill(code);
    await page.getByRole("button", { name: t("security.twoFactor.verify") }).click();
  }

  await logInWithRecoveryCode(codes[0]);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/two-factor");
  await expect(page.getByText(t("security.twoFactor.enabled_other", { count: 9 }))).toBeVisible();

  await logInWithRecoveryCode(codes[0]);
  await expect(page.getByText(t("security.errors.badCode"))).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-factor/);
});

test("a chair requires two-factor for members; a member without it sets it up when switching in", async ({ browser }) => {
  const chair = { name: "Carla Claassen", email: uniqueEmail("carla"), password: "carla leidt de coöperatie" };
  const member = { name: "Mees Molenaar", email: uniqueEmail("mees"), password: "mees maakt muziek met kinderen" };
  const coop = { name: `Drama Dichtbij ${Date.now()}`, slug: uniqueSlug("drama"), kvk: "44556677" };
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();

  await signUp(a, chair.name, chair.email, chair.password);
  await createCooperative(a, coop);
  await passTwoFactorRequirement(a, chair.email, coop.slug);
  await invite(a, coop.slug, member.email, "member");

  await followMailLink(b, member.email, t("mail.invitation.subject", { organization: coop.name }));
  await b.getByLabel(t("fields.name"), { exact: true }).fill(member.name);
  await b.getByLabel(t("fields.password"), { exact: true }).fill(member.password);
  await b.getByRole("button", { name: t("invitation.createAndAccept") }).click();
  // Members need no second factor by default.
  await expect(b).toHaveURL(new RegExp(`/c/${coop.slug}$`));

  await a.goto(`/c/${coop.slug}/settings`);
  const roles = a.getByRole("group", { name: t("security.twoFactorRoles.intro") });
  await expect(roles.getByLabel(t("roles.chair"), { exact: true })).toBeChecked();
  await expect(roles.getByLabel(t("roles.member"), { exact: true })).not.toBeChecked();
  await roles.getByLabel(t("roles.member"), { exact: true }).check();
  await a.getByRole("button", { name: t("security.twoFactorRoles.save") }).click();
  await expect(a.getByRole("status").filter({ hasText: t("account.saved") })).toBeVisible();
  await expect(a.getByRole("group", { name: t("security.twoFactorRoles.intro") }).getByLabel(t("roles.member"), { exact: true })).toBeChecked();

  // The member switches into the cooperative and is asked to set up two-factor first.
  await b.getByText(t("nav.switch")).click();
  await b.getByRole("link", { name: coop.name }).first().click();
  await passTwoFactorRequirement(b, member.email, coop.slug);
  await expect(b.getByTestId("org-name")).toHaveText(coop.name);
});
