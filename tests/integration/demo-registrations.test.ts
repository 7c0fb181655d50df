import { todayInAmsterdam } from "@koepel/rules";
import { describe, expect, it } from "vitest";
import { registrations } from "~db/schema";
import { withSystem } from "~db/tenant";
import { seedDemo } from "~db/seed/demo";
import { runRegistrationReminders } from "~/modules/registrations/reminders.server";
import { findOrgBySlug, mailsTo } from "../helpers/app";
import "../helpers/registrations";

describe("demo registrations", () => {
  it("seed the promised picture, and the reminder job at start mails the 30-day reminder", async () => {
    await seedDemo();
    await seedDemo(); // idempotent
    const now = new Date();
    const kas = await findOrgBySlug("wij-zijn-kas");
    const vakwerk = await findOrgBySlug("vakwerk-nijmegen");
    // Only the demo cooperatives: on PostgreSQL other test files' rows share the database.
    const all = (await withSystem((tx) => tx.select().from(registrations))).filter((r) => r.organizationId === kas!.id || r.organizationId === vakwerk!.id);
    const of = (orgId: string) => all.filter((r) => r.organizationId === orgId);
    expect(of(kas!.id).filter((r) => r.memberId === null)).toHaveLength(1); // HKZ
    expect(of(vakwerk!.id).filter((r) => r.verification === "pending")).toHaveLength(1);
    // The board's verification queue at Wij zijn KAS can be tried (issue 12).
    expect(of(kas!.id).filter((r) => r.verification === "pending")).toHaveLength(3);
    const today = todayInAmsterdam(now);
    expect(all.filter((r) => r.validUntil && r.validUntil < today)).toHaveLength(1);
    expect(of(vakwerk!.id).length).toBeGreaterThan(30);
    await runRegistrationReminders(now, { organizationIds: [kas!.id, vakwerk!.id] }); // not every other file's cooperative
    const subjects = (await mailsTo("marieke.jansen@demo.koepel.nl")).map((m) => m.subject);
    expect(subjects).toContain("Je Beroepsaansprakelijkheidsverzekering verloopt over 30 dagen");
  }, 180_000);
});
