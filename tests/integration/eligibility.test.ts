import { addDays, todayInAmsterdam } from "@koepel/rules";
import { describe, expect, it } from "vitest";
import { contracts, municipalities, regions } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { withTenant } from "~db/tenant";
import { eligibilityCells, memberEligibility } from "~/modules/contracts/eligibility.server";
import { findOrgBySlug, orgWithChair } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { insertRegistration, memberRecord, typeByCode } from "../helpers/registrations";

// The gate and the matrix read the database through one function: these tests feed
// it real rows (the demo cooperatives, and a fresh one) and check its answers.
describe("eligibility from the database", () => {
  it("the demo: Xander Pauw's expired Register Vaktherapie bars him from every contract of Wij zijn KAS; the others may work", async () => {
    await seedDemo();
    const kas = (await findOrgBySlug("wij-zijn-kas"))!;
    const today = todayInAmsterdam();
    const result = await withTenant(kas.id, (tx) => eligibilityCells(tx, kas.id, { date: today }));
    expect(result.contracts.map((c) => c.name)).toEqual(["IJmond en Zuid-Kennemerland perceel 2", "Pilot vaktherapie Haarlem", "Segment 4 vaktherapie"]);
    const xander = result.practitioners.find((p) => p.name === "Xander Pauw")!;
    const his = result.cells.filter((c) => c.memberId === xander.id);
    expect(his).toHaveLength(3);
    for (const cell of his) expect(cell.eligibility.reasons.map((r) => r.code)).toContain("expired");
    // The demo's therapists with the usual set are eligible under the Haarlem pilot.
    const pilot = result.contracts.find((c) => c.name === "Pilot vaktherapie Haarlem")!;
    const eligible = result.cells.filter((c) => c.contractId === pilot.id && c.eligibility.eligible);
    expect(eligible.length).toBeGreaterThan(25);
    // Office staff deliver no care: not in the matrix.
    expect(result.practitioners.map((p) => p.name)).not.toContain("Tessa Bogers");
  }, 180_000);

  it("a member is eligible from the day a verified registration covers every requirement, and the gate says why not before", async () => {
    const { org } = await orgWithChair();
    const { contractId } = await createContract(org.id);
    const member = await memberRecord(org.id, null, { name: "Nieuwe Therapeut" });
    const gate = (date: string) => withTenant(org.id, (tx) => memberEligibility(tx, org.id, contractId, member.id, date));
    expect((await gate("2026-11-23"))!.reasons.map((r) => r.code)).toEqual(["missing", "missing"]);

    const rv = await typeByCode(org.id, "register_vaktherapie");
    const vog = await typeByCode(org.id, "vog");
    await insertRegistration({ organizationId: org.id, memberId: member.id, typeId: rv.id, issuedOn: "2026-01-10", validUntil: "2031-01-10", verification: "verified" });
    await insertRegistration({ organizationId: org.id, memberId: member.id, typeId: vog.id, issuedOn: "2024-02-01", validUntil: "2027-02-01", verification: "verified" });
    expect(await gate("2026-01-09")).toMatchObject({ eligible: false, reasons: [{ code: "not_yet_valid" }] });
    // The VOG may be at most 36 months old: good through 01-02-2027, so the lapse is flagged.
    expect(await gate("2026-11-23")).toEqual({ eligible: true, reasons: [], until: "2027-02-01", lapsesSoon: true });
    expect(await gate(addDays("2027-02-01", 1))).toMatchObject({ eligible: false, reasons: [{ code: "expired" }] });
  });

  it("another cooperative's member or contract is never found, and its rows never count", async () => {
    const a = await orgWithChair();
    const b = await orgWithChair();
    const { contractId } = await createContract(a.org.id);
    const foreign = await memberRecord(b.org.id, null, { name: "Van Elders" });
    expect(await withTenant(a.org.id, (tx) => memberEligibility(tx, a.org.id, contractId, foreign.id, "2026-11-23"))).toBeNull();
    // Asked under B's tenant with A's contract id: row-level security hides A's contract.
    expect(await withTenant(b.org.id, (tx) => memberEligibility(tx, b.org.id, contractId, foreign.id, "2026-11-23"))).toBeNull();
  });

  it("reference data: every cooperative reads the built-in regions, and only its own additions", async () => {
    const a = await orgWithChair();
    const b = await orgWithChair();
    await withTenant(a.org.id, (tx) => tx.insert(municipalities).values({ organizationId: a.org.id, name: "Eigen gemeente A" }));
    const seenByB = await withTenant(b.org.id, (tx) => tx.select().from(municipalities));
    expect(seenByB.map((m) => m.name)).not.toContain("Eigen gemeente A");
    expect(seenByB.filter((m) => m.organizationId === null)).toHaveLength(50); // 7 + 11 + 7 + 7 + 18
    const seenByA = await withTenant(a.org.id, (tx) => tx.select().from(municipalities));
    expect(seenByA.map((m) => m.name)).toContain("Eigen gemeente A");
    expect((await withTenant(b.org.id, (tx) => tx.select().from(regions))).map((r) => r.name)).toEqual(
      expect.arrayContaining(["Zuid-Kennemerland en IJmond", "Hart van Brabant", "Rijk van Nijmegen", "Eemland", "Friesland"]),
    );
    // A cooperative cannot write a built-in row or another's.
    await expect(withTenant(b.org.id, (tx) => tx.insert(municipalities).values({ organizationId: null, name: "Nepgemeente" }))).rejects.toThrow();
    await expect(withTenant(b.org.id, (tx) => tx.insert(contracts).values({ organizationId: a.org.id, name: "x", clientKind: "region", kind: "pilot", startsOn: "2026-01-01", endsOn: "2026-12-31" }))).rejects.toThrow();
  });
});
