import { expect, test } from "@playwright/test";
import { browserLocale, createCooperative, followMailLink, invite, logIn, passTwoFactorRequirement, signUp, tr, uniqueEmail, uniqueSlug } from "./support";

for (const lng of ["nl", "en"] as const) {
  test(`sign up, create a cooperative, invite, accept, switch, change a role and reset a password (${lng})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const t = (key: string, vars?: Record<string, string | number>) => tr(lng, key, vars);
    const founder = { name: "Femke de Vries", email: uniqueEmail(`femke-${lng}`), password: "een lange zin als wachtwoord" };
    const invitee = { name: "Joris Bakker", email: uniqueEmail(`joris-${lng}`), password: "joris zijn geheime zin" };
    const coop1 = { name: `Beeldend Samen ${lng} ${Date.now()}`, slug: uniqueSlug("beeldend"), kvk: "12345678" };
    const coop2 = { name: `Muziek en Drama ${lng} ${Date.now()}`, slug: uniqueSlug("muziek"), kvk: "87654321" };

    const first = await browser.newContext({ locale: browserLocale(lng) });
    const second = await browser.newContext({ locale: browserLocale(lng) });
    const a = await first.newPage();
    const b = await second.newPage();

    await test.step("sign up and confirm the e-mail address", async () => {
      await signUp(a, founder.name, founder.email, founder.password, lng);
      await expect(a.locator("html")).toHaveAttribute("lang", lng);
      await expect(a.getByRole("heading", { name: t("home.chooseTitle") })).toBeVisible();
      await expect(a.getByText(t("home.none"))).toBeVisible();
    });

    await test.step("create a cooperative", async () => {
      await a.getByRole("main").getByRole("link", { name: t("nav.newOrganization") }).click();
      await expect(a).toHaveURL(/\/c\/new$/);
      await createCooperative(a, { ...coop1, legalForm: "cooperative_ua" }, lng);
      // A new cooperative requires two-factor authentication of its board: the chair sets it up.
      await passTwoFactorRequirement(a, founder.email, coop1.slug, lng);
      await expect(a).toHaveURL(new RegExp(`/c/${coop1.slug}$`));
      await expect(a.getByTestId("org-name")).toHaveText(coop1.name);
      await expect(a.getByText(t("roles.chair")).first()).toBeVisible();
      await expect(a.getByText(t("legalForms.cooperative_ua")).first()).toBeVisible();
      await expect(a.getByText(coop1.kvk)).toBeVisible();
    });

    await test.step("invite a member", async () => {
      await invite(a, coop1.slug, invitee.email, "member", lng);
      await expect(a.getByRole("cell", { name: founder.email })).toBeVisible();
    });

    await test.step("the invitee creates an account from the invitation and lands on the cooperative", async () => {
      await followMailLink(b, invitee.email, t("mail.invitation.subject", { organization: coop1.name }));
      await expect(b).toHaveURL(/\/invitation\?token=/);
      await expect(b.getByText(t("invitation.intro", { organization: coop1.name, role: t("roles.member") }))).toBeVisible();
      await expect(b.getByText(invitee.email)).toBeVisible();
      await b.getByLabel(t("fields.name"), { exact: true }).fill(invitee.name);
      await b.getByLabel(t("fields.password"), { exact: true }).fill(invitee.password);
      await b.getByRole("button", { name: t("invitation.createAndAccept") }).click();
      await expect(b).toHaveURL(new RegExp(`/c/${coop1.slug}$`));
      await expect(b.getByTestId("org-name")).toHaveText(coop1.name);
      await expect(b.getByRole("link", { name: invitee.name })).toBeVisible();
      await expect(b.locator("html")).toHaveAttribute("lang", lng);
    });

    await test.step("a second cooperative invites the same person, who accepts while logged in", async () => {
      await a.goto(`/c/${coop1.slug}`);
      await a.getByText(t("nav.switch")).click();
      await a.getByRole("navigation", { name: t("shell.personal") }).getByRole("link", { name: t("nav.newOrganization") }).click();
      await expect(a).toHaveURL(/\/c\/new$/);
      await createCooperative(a, { ...coop2, legalForm: "foundation" }, lng);
      await expect(a.getByTestId("org-name")).toHaveText(coop2.name);
      await expect(a.getByText(t("legalForms.foundation")).first()).toBeVisible();
      await invite(a, coop2.slug, invitee.email, "member", lng);

      await followMailLink(b, invitee.email, t("mail.invitation.subject", { organization: coop2.name }));
      await expect(b.getByText(t("invitation.intro", { organization: coop2.name, role: t("roles.member") }))).toBeVisible();
      await expect(b.getByText(t("invitation.asUser", { name: invitee.name, email: invitee.email }))).toBeVisible();
      await b.getByRole("button", { name: t("invitation.accept") }).click();
      await expect(b).toHaveURL(new RegExp(`/c/${coop2.slug}$`));
      await expect(b.getByTestId("org-name")).toHaveText(coop2.name);
    });

    await test.step("the invitee switches cooperative from the header menu", async () => {
      const header = b.getByRole("navigation", { name: t("shell.personal") });
      await header.getByText(t("nav.switch")).click();
      await expect(header.getByRole("link", { name: coop2.name })).toBeVisible();
      await header.getByRole("link", { name: coop1.name }).click();
      await expect(b).toHaveURL(new RegExp(`/c/${coop1.slug}$`));
      await expect(b.getByTestId("org-name")).toHaveText(coop1.name);
    });

    await test.step("the chair changes the invitee's role", async () => {
      await a.goto(`/c/${coop1.slug}`);
      await a.getByRole("navigation", { name: t("nav.organization") }).getByRole("link", { name: t("shell.nav.people") }).click();
      await expect(a).toHaveURL(new RegExp(`/c/${coop1.slug}/people$`));
      await expect(a.getByRole("heading", { name: t("people.title") })).toBeVisible();
      await expect(a.getByRole("cell", { name: invitee.email })).toBeVisible();
      // One action menu per row; the role is changed on the person's page.
      await a.getByRole("button", { name: t("ui.menu.actionsFor", { name: invitee.name }) }).click();
      await a.getByRole("menuitem", { name: t("ui.people.changeRole") }).click();
      const roleOf = a.getByLabel(t("people.roleOf", { name: invitee.name }), { exact: true });
      await roleOf.selectOption({ label: t("roles.secretary") });
      await a.getByRole("button", { name: t("people.saveRoleOf", { name: invitee.name }) }).click();
      await expect(a.getByTestId("toast")).toHaveText(t("people.done.roleChanged"));
      const row = a.getByRole("row").filter({ hasText: invitee.email });
      await expect(row).toContainText(t("roles.secretary"));
      await a.reload();
      await expect(a.getByRole("row").filter({ hasText: invitee.email })).toContainText(t("roles.secretary"));

      // As secretary (a board role) the invitee must now use two-factor authentication too.
      await b.goto(`/c/${coop1.slug}`);
      await passTwoFactorRequirement(b, invitee.email, coop1.slug, lng);
      await expect(b.getByText(t("roles.secretary")).first()).toBeVisible();
    });

    await test.step("the invitee forgets the password and chooses a new one", async () => {
      const newPassword = "een nieuwe zin om te onthouden";
      await b.getByRole("button", { name: t("nav.logout") }).click();
      await expect(b).toHaveURL(/\/login$/);
      await b.getByRole("link", { name: t("login.forgot") }).click();
      await expect(b.getByRole("heading", { name: t("forgot.title") })).toBeVisible();
      await b.getByLabel(t("fields.email"), { exact: true }).fill(invitee.email);
      await b.getByRole("button", { name: t("forgot.submit") }).click();
      await expect(b.getByText(t("forgot.sent"))).toBeVisible();

      await followMailLink(b, invitee.email, t("mail.resetPassword.subject"));
      await expect(b).toHaveURL(/\/reset-password\?token=/);
      await b.getByLabel(t("reset.newPassword"), { exact: true }).fill(newPassword);
      await b.getByLabel(t("reset.confirm"), { exact: true }).fill(newPassword);
      await b.getByRole("button", { name: t("reset.submit") }).click();
      await expect(b).toHaveURL(/\/login\?reset=1/);
      await expect(b.getByText(t("login.reset"))).toBeVisible();

      // The old password no longer works; the new one does.
      await b.getByLabel(t("fields.email"), { exact: true }).fill(invitee.email);
      await b.getByLabel(t("fields.password"), { exact: true }).fill(invitee.password);
      await b.getByRole("button", { name: t("login.submit") }).click();
      await expect(b.getByText(t("auth.errors.badCredentials"))).toBeVisible();

      await logIn(b, invitee.email, newPassword, lng);
      await expect(b.getByRole("heading", { name: t("home.chooseTitle") })).toBeVisible();
      await expect(b.getByRole("main").getByRole("link", { name: coop1.name })).toBeVisible();
      await expect(b.getByRole("main").getByRole("link", { name: coop2.name })).toBeVisible();
    });

    await first.close();
    await second.close();
  });
}
