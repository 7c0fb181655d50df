import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, logIn } from "./support";

// The import's texts live in imports.json, which support.ts's tr() does not read.
const texts = JSON.parse(readFileSync(new URL("../../app/locales/nl/imports.json", import.meta.url), "utf8")) as Record<string, unknown>;
function ti(key: string, vars: Record<string, string | number> = {}): string {
  const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], texts);
  if (typeof text !== "string") throw new Error(`Missing translation nl:${key}`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(vars[name]));
}

const SAMPLE = fileURLToPath(new URL("../../docs/samples/leden-import-voorbeeld.csv", import.meta.url));
const IMPORT = "/c/vakwerk-nijmegen/members/import";

test("the board imports the sample member list: errors in the preview, members written only after confirming", async ({ page }) => {
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto(IMPORT);
  await expect(page.getByRole("heading", { name: ti("imports.title") })).toBeVisible();
  await expect(page.getByRole("link", { name: ti("imports.backToMembers") })).toHaveAttribute("href", "/c/vakwerk-nijmegen/members");

  await page.getByLabel(ti("imports.upload.file")).setInputFiles(SAMPLE);
  await page.getByRole("button", { name: ti("imports.upload.submit") }).click();

  // The columns are matched from their Dutch names; the board accepts the suggestion.
  await expect(page.getByRole("heading", { name: ti("imports.mapping.title") })).toBeVisible();
  await expect(page.getByLabel(ti("imports.fields.agb"), { exact: true })).toHaveValue("5");
  await expect(page.getByLabel(ti("imports.fields.practiceAgb"), { exact: true })).toHaveValue("13");
  await page.getByRole("button", { name: ti("imports.mapping.submit") }).click();

  // Both bad rows, each with its error beside it.
  const counts = ti("imports.preview.counts", { create: 8, update: 0, unchanged: 0, error: 2 });
  await expect(page.getByTestId("preview-counts")).toHaveText(counts);
  const kees = page.getByRole("row").filter({ hasText: "Kees de Boer" });
  await expect(kees).toContainText(ti("imports.errors.invalidAgb", { value: "9025 106" }));
  await expect(kees).toContainText(ti("imports.outcomes.error"));
  const tom = page.getByRole("row").filter({ hasText: "Tom Willemsen" });
  await expect(tom).toContainText(ti("imports.errors.invalidEmail", { value: "tom.willemsen(at)vaktherapie.nl" }));
  await expect(page.getByRole("row").filter({ hasText: "Sophie Arts" })).toContainText(ti("imports.outcomes.create"));

  // Looking again changes nothing: still eight new members, none written yet.
  await page.reload();
  await expect(page.getByTestId("preview-counts")).toHaveText(counts);

  await page.getByRole("button", { name: ti("imports.confirm.submit") }).click();
  await expect(page.getByRole("heading", { name: ti("imports.summary.title") })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: ti("imports.progress.label", { processed: 10, total: 10 }) })).toBeVisible();
  await expect(page.getByTestId("summary-created")).toHaveText("8");
  await expect(page.getByTestId("summary-unchanged")).toHaveText("0");
  await expect(page.getByTestId("summary-skipped")).toHaveText("2");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: ti("imports.summary.errorReport") }).click();
  const report = readFileSync(await (await download).path(), "utf8");
  expect(report).toContain("Kees de Boer");
  expect(report).toContain("Tom Willemsen");

  // The same file again: the eight are there now, and nothing would change.
  await page.getByRole("link", { name: ti("imports.summary.another") }).click();
  await page.getByLabel(ti("imports.upload.file")).setInputFiles(SAMPLE);
  await page.getByRole("button", { name: ti("imports.upload.submit") }).click();
  await page.getByRole("button", { name: ti("imports.mapping.submit") }).click();
  await expect(page.getByTestId("preview-counts")).toHaveText(ti("imports.preview.counts", { create: 0, update: 0, unchanged: 8, error: 2 }));
});

test("the file is required, and the message stands beside the field", async ({ page }) => {
  await logIn(page, "voorzitter@vakwerk.demo.koepel.nl", DEMO_PASSWORD);
  await page.goto(IMPORT);
  await page.getByRole("button", { name: ti("imports.upload.submit") }).click();
  await expect(page.getByText(ti("imports.errors.fileRequired"))).toBeVisible();
});

test("a member without members:write is refused", async ({ page }) => {
  await logIn(page, "marieke.jansen@demo.koepel.nl", DEMO_PASSWORD);
  const response = await page.goto(IMPORT);
  expect(response?.status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole import works with plain forms", async ({ page }) => {
    await logIn(page, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
    await page.goto("/c/wij-zijn-kas/members/import");
    const csv = "Name,Email,AGB code,Discipline\nPieter van Vliet,pieter@kas.example,90252001,drama therapy\nRoos Brouwer,roos@kas.example,902520,music therapy\n";
    await page.getByLabel(ti("imports.upload.file")).setInputFiles({ name: "kas.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: ti("imports.upload.submit") }).click();
    await expect(page.getByLabel(ti("imports.fields.disciplines"), { exact: true })).toHaveValue("3");
    await page.getByRole("button", { name: ti("imports.mapping.submit") }).click();
    await expect(page.getByTestId("preview-counts")).toHaveText(ti("imports.preview.counts", { create: 1, update: 0, unchanged: 0, error: 1 }));
    await expect(page.getByRole("row").filter({ hasText: "Roos Brouwer" })).toContainText(ti("imports.errors.invalidAgb", { value: "902520" }));
    await page.getByRole("button", { name: ti("imports.confirm.submit") }).click();
    // Running pages refresh themselves (<meta http-equiv="refresh"> in <noscript>) until the summary shows.
    await expect(page.getByTestId("summary-created")).toHaveText("1");
    await expect(page.getByTestId("summary-skipped")).toHaveText("1");
  });
});
