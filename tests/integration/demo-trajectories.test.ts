import { todayInAmsterdam } from "@koepel/rules";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contracts, members, timeEntries, trajectories } from "~db/schema";
import { withSystem } from "~db/tenant";
import { seedDemo } from "~db/seed/demo";
import { memberEligibility } from "~/modules/contracts/eligibility.server";
import { trajectoriesNeedingAction } from "~/modules/trajectories/attention.server";
import { findOrgBySlug } from "../helpers/app";
import "../helpers/registrations";

describe("demo trajectories", () => {
  it("the Haarlem pilot close to its EUR 75,000 by its four therapists, the warnings promised, time only for eligible practitioners", async () => {
    await seedDemo();
    await seedDemo(); // idempotent
    const today = todayInAmsterdam();
    const kas = (await findOrgBySlug("wij-zijn-kas"))!;
    const vakwerk = (await findOrgBySlug("vakwerk-nijmegen"))!;
    const rows = await withSystem((tx) =>
      tx
        .select({ entry: timeEntries, trajectory: trajectories, contractName: contracts.name, memberName: members.name })
        .from(timeEntries)
        .innerJoin(trajectories, eq(trajectories.id, timeEntries.trajectoryId))
        .innerJoin(contracts, eq(contracts.id, trajectories.contractId))
        .innerJoin(members, eq(members.id, timeEntries.memberId)),
    );
    const demo = rows.filter((r) => r.entry.organizationId === kas.id || r.entry.organizationId === vakwerk.id);
    // All of the pilot's 44 weeks (whatever the calendar year they fall in).
    const haarlem = demo.filter((r) => r.contractName === "Pilot vaktherapie Haarlem");
    const spentCents = haarlem.reduce((sum, r) => sum + Math.round((r.entry.directMinutes * 7080) / 60), 0);
    expect(spentCents / 7_500_000).toBeGreaterThan(0.8);
    expect(spentCents / 7_500_000).toBeLessThan(1);
    expect(new Set(haarlem.map((r) => r.memberName)).size).toBeLessThanOrEqual(4);
    // No trajectory over its 60 hours; no time for Xander Pauw.
    const perTrajectory = new Map<string, number>();
    for (const r of haarlem) perTrajectory.set(r.trajectory.id, (perTrajectory.get(r.trajectory.id) ?? 0) + r.entry.directMinutes);
    expect(Math.max(...perTrajectory.values())).toBeLessThanOrEqual(3600);
    expect(demo.some((r) => r.memberName === "Xander Pauw")).toBe(false);
    // Every entry passes the gate on its date (a sample, to keep the test quick).
    for (const r of demo.filter((_, i) => i % 25 === 0)) {
      const e = await withSystem((tx) => memberEligibility(tx, r.entry.organizationId, r.trajectory.contractId, r.entry.memberId, r.entry.workedOn));
      expect(e?.eligible, `${r.memberName} on ${r.entry.workedOn}`).toBe(true);
    }
    const attention = await withSystem((tx) => trajectoriesNeedingAction(tx, kas.id, today));
    const codes = attention.flatMap((a) => a.warnings.map((w) => w.code));
    expect(codes).toEqual(expect.arrayContaining(["volume_80", "extension_document_missing", "review_due"]));
    expect(demo.some((r) => r.entry.organizationId === vakwerk.id && r.memberName === "Marieke Jansen")).toBe(true);
  }, 240_000);
});
