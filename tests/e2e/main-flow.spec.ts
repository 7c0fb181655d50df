import { expect, test } from "@playwright/test";
import { createCooperative, followMailLink, invite, logIn, signUp, uniqueEmail, uniqueSlug } from "./support";

test("sign up, create a cooperative, invite, accept, switch, change a role and reset a password", async ({ browser }) => {
  test.setTimeout(120_000);
  const founder = { name: "Femke de Vries", email: uniqueEmail("femke"), password: "een lange zin als wachtwoord" };
  const invitee = { name: "Joris Bakker", email: uniqueEmail("joris"), password: "joris zijn geheime zin" };
  const coop1 = { name: `Beeldend Samen ${Date.now()}`, slug: uniqueSlug("beeldend"), kvk: "12345678" };
  const coop2 = { name: `Muziek en Drama ${Date.now()}`, slug: uniqueSlug("muziek"), kvk: "87654321" };

  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();

  await test.step("sign up and confirm the e-mail address", async () => {
    await signUp(a, founder.name, founder.email, founder.password);
    await expect(a.getByRole("heading", { name: "Kies een coöperatie" })).toBeVisible();
    await expect(a.getByText("U hoort nog bij geen enkele coöperatie.")).toBeVisible();
  });

  await test.step("create a cooperative", async () => {
    await a.getByRole("main").getByRole("link", { name: "Nieuwe coöperatie" }).click();
    await expect(a).toHaveURL(/\/c\/new$/);
    await createCooperative(a, { ...coop1, legalForm: "Coöperatie U.A." });
    await expect(a).toHaveURL(new RegExp(`/c/${coop1.slug}$`));
    await expect(a.getByRole("heading", { level: 1, name: coop1.name })).toBeVisible();
    await expect(a.getByText("Voorzitter").first()).toBeVisible();
    await expect(a.getByText(coop1.kvk)).toBeVisible();
  });

  await test.step("invite a member", async () => {
    await invite(a, coop1.slug, invitee.email, "Lid");
    await expect(a.getByRole("cell", { name: founder.email })).toBeVisible();
  });

  await test.step("the invitee creates an account from the invitation and lands on the cooperative", async () => {
    await followMailLink(b, invitee.email, `Uitnodiging voor ${coop1.name} in Koepel`);
    await expect(b).toHaveURL(/\/invitation\?token=/);
    await expect(b.getByText(`U bent uitgenodigd voor ${coop1.name} als Lid.`)).toBeVisible();
    await expect(b.getByText(invitee.email)).toBeVisible();
    await b.getByLabel("Naam", { exact: true }).fill(invitee.name);
    await b.getByLabel("Wachtwoord", { exact: true }).fill(invitee.password);
    await b.getByRole("button", { name: "Account aanmaken en accepteren" }).click();
    await expect(b).toHaveURL(new RegExp(`/c/${coop1.slug}$`));
    await expect(b.getByRole("heading", { level: 1, name: coop1.name })).toBeVisible();
    await expect(b.getByRole("link", { name: invitee.name })).toBeVisible();
  });

  await test.step("a second cooperative invites the same person, who accepts while logged in", async () => {
    await a.goto(`/c/${coop1.slug}`);
    await a.getByText("Wissel van coöperatie").click();
    await a.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Nieuwe coöperatie" }).click();
    await expect(a).toHaveURL(/\/c\/new$/);
    await createCooperative(a, { ...coop2, legalForm: "Stichting" });
    await expect(a.getByRole("heading", { level: 1, name: coop2.name })).toBeVisible();
    await invite(a, coop2.slug, invitee.email, "Lid");

    await followMailLink(b, invitee.email, `Uitnodiging voor ${coop2.name} in Koepel`);
    await expect(b.getByText(`U bent uitgenodigd voor ${coop2.name} als Lid.`)).toBeVisible();
    await expect(b.getByText(`U accepteert als ${invitee.name} (${invitee.email}).`)).toBeVisible();
    await b.getByRole("button", { name: "Uitnodiging accepteren" }).click();
    await expect(b).toHaveURL(new RegExp(`/c/${coop2.slug}$`));
    await expect(b.getByRole("heading", { level: 1, name: coop2.name })).toBeVisible();
  });

  await test.step("the invitee switches cooperative from the header menu", async () => {
    const header = b.getByRole("navigation", { name: "Hoofdmenu" });
    await header.getByText("Wissel van coöperatie").click();
    await expect(header.getByRole("link", { name: coop2.name })).toBeVisible();
    await header.getByRole("link", { name: coop1.name }).click();
    await expect(b).toHaveURL(new RegExp(`/c/${coop1.slug}$`));
    await expect(b.getByRole("heading", { level: 1, name: coop1.name })).toBeVisible();
  });

  await test.step("the chair changes the invitee's role", async () => {
    await a.goto(`/c/${coop1.slug}`);
    await a.getByRole("navigation", { name: "Menu van de coöperatie" }).getByRole("link", { name: "Mensen" }).click();
    await expect(a).toHaveURL(new RegExp(`/c/${coop1.slug}/people$`));
    await expect(a.getByRole("cell", { name: invitee.email })).toBeVisible();
    await a.getByLabel(`Rol van ${invitee.name}`, { exact: true }).selectOption({ label: "Secretaris" });
    await a.getByRole("button", { name: `Rol van ${invitee.name} opslaan` }).click();
    await expect(a.getByRole("status").filter({ hasText: "De rol is gewijzigd." })).toBeVisible();
    await expect(a.getByLabel(`Rol van ${invitee.name}`, { exact: true })).toHaveValue("secretary");
    await a.reload();
    await expect(a.getByLabel(`Rol van ${invitee.name}`, { exact: true })).toHaveValue("secretary");
    await a.screenshot({ path: "/tmp/people.png", fullPage: true });

    await b.goto(`/c/${coop1.slug}`);
    await expect(b.getByText("Secretaris").first()).toBeVisible();
  });

  await test.step("the invitee forgets the password and chooses a new one", async () => {
    const newPassword = "een nieuwe zin om te onthouden";
    await b.getByRole("button", { name: "Uitloggen" }).click();
    await expect(b).toHaveURL(/\/login$/);
    await b.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
    await expect(b.getByRole("heading", { name: "Wachtwoord vergeten" })).toBeVisible();
    await b.getByLabel("E-mailadres", { exact: true }).fill(invitee.email);
    await b.getByRole("button", { name: "Stuur de link" }).click();
    await expect(b.getByText("Als dit adres bij een account hoort, is er nu een e-mail met een link onderweg.")).toBeVisible();

    await followMailLink(b, invitee.email, "Nieuw wachtwoord voor Koepel");
    await expect(b).toHaveURL(/\/reset-password\?token=/);
    await b.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
    await b.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill(newPassword);
    await b.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await expect(b).toHaveURL(/\/login\?reset=1/);
    await expect(b.getByText("Uw wachtwoord is gewijzigd. Log in met het nieuwe wachtwoord.")).toBeVisible();

    // The old password no longer works; the new one does.
    await b.getByLabel("E-mailadres", { exact: true }).fill(invitee.email);
    await b.getByLabel("Wachtwoord", { exact: true }).fill(invitee.password);
    await b.getByRole("button", { name: "Inloggen" }).click();
    await expect(b.getByText("Het e-mailadres of wachtwoord klopt niet.")).toBeVisible();

    await logIn(b, invitee.email, newPassword);
    await expect(b.getByRole("heading", { name: "Kies een coöperatie" })).toBeVisible();
    await expect(b.getByRole("main").getByRole("link", { name: coop1.name })).toBeVisible();
    await expect(b.getByRole("main").getByRole("link", { name: coop2.name })).toBeVisible();
  });

  await first.close();
  await second.close();
});
