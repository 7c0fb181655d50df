import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, createCooperative, logIn, passTwoFactorRequirement, signUp, uniqueEmail, uniqueSlug } from "./support";

const KVK_ERROR = "Een KvK-nummer bestaat uit 8 cijfers.";

async function expectKvkErrorNextToField(page: import("@playwright/test").Page) {
  const kvk = page.getByLabel("KvK-nummer");
  await expect(kvk).toHaveAttribute("aria-invalid", "true");
  // The message is tied to the field (aria-describedby) and shown right under it.
  await expect(kvk).toHaveAccessibleDescription(new RegExp(KVK_ERROR.replace(/\./g, "\\.")));
  const describedBy = (await kvk.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(/\s+/).find((id) => id.length > 0 && id.includes("error"));
  expect(errorId, "aria-describedby points at the error").toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(KVK_ERROR);
}

test("a KvK number of 3 digits is refused next to the field", async ({ page }) => {
  // A new person: the new cooperative's chair must set up two-factor, which should not touch the demo chair.
  const email = uniqueEmail("floor");
  await signUp(page, "Floor Fransen", email, "floor vult formulieren in");
  const slug = uniqueSlug("fout");
  await createCooperative(page, { name: "Foute KvK", kvk: "123", slug });
  await expect(page).toHaveURL(/\/c\/new$/);
  await expectKvkErrorNextToField(page);
  await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("Foute KvK");

  // Correcting the number clears the message while typing, and one click on the button submits.
  await page.getByLabel("KvK-nummer").fill("12345678");
  await expect(page.getByText(KVK_ERROR)).toHaveCount(0);
  await page.getByRole("button", { name: "Coöperatie aanmaken" }).click();
  await passTwoFactorRequirement(page, email, slug);
  await expect(page).toHaveURL(new RegExp(`/c/${slug}$`));
  await expect(page.getByTestId("org-name")).toHaveText("Foute KvK");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still works: the server answers 400 with the message next to the field", async ({ page }) => {
    await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
    await page.goto("/c/new");
    await page.getByLabel("Naam", { exact: true }).fill("Foute KvK zonder JS");
    await page.getByLabel("Rechtsvorm").selectOption({ label: "Vereniging" });
    await page.getByLabel("KvK-nummer").fill("123");
    await page.getByLabel("Naam in de URL").fill(uniqueSlug("nojs"));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/c/new"),
      page.getByRole("button", { name: "Coöperatie aanmaken" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expectKvkErrorNextToField(page);
    // What was typed is kept.
    await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("Foute KvK zonder JS");
    await expect(page.getByLabel("Rechtsvorm")).toHaveValue("association");
  });
});
