import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

const SLUG = "wij-zijn-kas";
const CHAIR = "voorzitter@kas.demo.koepel.nl";
const THERAPIST = "bas.schouten@kas.demo.koepel.nl"; // registered and verified: eligible under the Haarlem pilot
const NOT_ELIGIBLE = "Xander Pauw"; // his Register Vaktherapie expired

const iso = (d: Date) => d.toISOString().slice(0, 10);

test("the chair creates a Haarlem trajectory, the therapist logs 1:30, and time for a practitioner without a valid registration is refused", async ({ browser }) => {
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const chair = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(chair, CHAIR, DEMO_PASSWORD);
  await chair.goto(`/c/${SLUG}/trajectories`);
  await chair.getByRole("link", { name: tr("nl", "trajectories.new") }).click();
  // The list has a contract filter labelled like the form's field: choose only once the
  // form has replaced the list, or the choice lands on the filter of the page being left.
  await expect(chair.getByRole("heading", { name: tr("nl", "trajectories.new") })).toBeVisible();
  await chair.getByLabel(tr("nl", "trajectories.contract")).selectOption({ label: "Pilot vaktherapie Haarlem" });
  await chair.getByLabel(tr("nl", "trajectories.product")).selectOption({ label: "Pilot vaktherapie Haarlem — 45VT1 Behandeling (max 60:00)" });
  await chair.getByLabel(tr("nl", "trajectories.clientCode")).fill(code);
  await chair.getByLabel(tr("nl", "trajectories.birthYear")).fill("2015");
  await chair.getByLabel(tr("nl", "trajectories.municipality")).selectOption({ label: "Haarlem" });
  await chair.getByLabel(tr("nl", "trajectories.coordinator")).selectOption({ label: "Bas Schouten" });
  await chair.getByLabel(tr("nl", "trajectories.endsOn")).fill(iso(new Date(Date.now() + 90 * 86_400_000)));
  // More than the product's 60 hours: refused beside the field.
  await chair.getByLabel(tr("nl", "trajectories.allocatedHours")).fill("61");
  await chair.getByRole("button", { name: tr("nl", "trajectories.create") }).click();
  await expect(chair.getByText(tr("nl", "trajectories.errors.aboveMaxVolume"))).toBeVisible();
  await chair.getByLabel(tr("nl", "trajectories.allocatedHours")).fill("20");
  await chair.getByRole("button", { name: tr("nl", "trajectories.create") }).click();
  await expect(chair.getByRole("heading", { name: `${tr("nl", "trajectories.trajectory")} ${code}` })).toBeVisible();
  const trajectoryUrl = chair.url();

  // The therapist finds it among their own trajectories and logs 1:30 direct time.
  const therapist = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  await logIn(therapist, THERAPIST, DEMO_PASSWORD);
  await therapist.goto(`/c/${SLUG}/trajectories`);
  await therapist.getByRole("link", { name: code }).click();
  await expect(therapist.getByRole("heading", { name: `${tr("nl", "trajectories.trajectory")} ${code}` })).toBeVisible();
  await therapist.getByLabel(tr("nl", "timeEntries.direct"), { exact: true }).fill("1:30");
  await therapist.getByRole("button", { name: tr("nl", "timeEntries.save") }).click();
  await expect(therapist.getByText(tr("nl", "timeEntries.logged"))).toBeVisible();
  await expect(therapist.getByRole("cell", { name: "Bas Schouten" })).toBeVisible();
  await expect(therapist.getByRole("cell", { name: "1:30", exact: true })).toBeVisible();

  // The chair adds a practitioner whose registration expired and tries to log time for him.
  // Wait on what the next step needs, not on "networkidle" (after a client-side
  // submission it says nothing about the revalidated page): the page, then the new
  // practitioner among the time form's choices.
  await chair.goto(trajectoryUrl);
  await expect(chair.getByRole("heading", { name: `${tr("nl", "trajectories.trajectory")} ${code}` })).toBeVisible();
  await chair.getByLabel(tr("nl", "trajectories.addPractitioner")).selectOption({ label: NOT_ELIGIBLE });
  await chair.getByRole("button", { name: tr("nl", "trajectories.add") }).click();
  await expect(chair.getByRole("listitem").filter({ hasText: NOT_ELIGIBLE })).toBeVisible();
  const practitioner = chair.getByLabel(tr("nl", "timeEntries.practitioner"), { exact: true });
  await expect(practitioner.locator("option", { hasText: NOT_ELIGIBLE })).toHaveCount(1);
  await practitioner.selectOption({ label: NOT_ELIGIBLE });
  await chair.getByLabel(tr("nl", "timeEntries.direct"), { exact: true }).fill("60");
  await chair.getByRole("button", { name: tr("nl", "timeEntries.save") }).click();
  await expect(chair.getByText(tr("nl", "timeEntries.errors.notEligible_expired"))).toBeVisible();
  await expect(chair.getByRole("cell", { name: NOT_ELIGIBLE })).toHaveCount(0);
});
