import { isValidAgb, isValidEstablishmentNumber, isValidIban, isValidKvk, isValidPostcode } from "@koepel/rules";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agbCodes, memberPractices, members, memberships, practices } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { withSystem } from "~db/tenant";
import { findOrgBySlug } from "../helpers/app";

describe("demo member records", () => {
  beforeAll(async () => {
    await seedDemo();
    // A second start changes nothing.
    await seedDemo();
  }, 120_000);

  const load = async (slug: string) => {
    const org = (await findOrgBySlug(slug))!;
    return withSystem(async (tx) => ({
      memberships: await tx.select().from(memberships).where(eq(memberships.organizationId, org.id)),
      members: await tx.select().from(members).where(eq(members.organizationId, org.id)),
      practices: await tx.select().from(practices).where(eq(practices.organizationId, org.id)),
      links: await tx.select().from(memberPractices).where(eq(memberPractices.organizationId, org.id)),
      codes: await tx.select().from(agbCodes).where(eq(agbCodes.organizationId, org.id)),
    }));
  };

  it("every demo person has one member record; prospective and suspended ones exist", async () => {
    for (const slug of ["vakwerk-nijmegen", "wij-zijn-kas"]) {
      const d = await load(slug);
      for (const m of d.memberships) expect(d.members.filter((r) => r.userId === m.userId)).toHaveLength(1);
      expect(d.members.filter((m) => m.status === "prospective").length).toBeGreaterThanOrEqual(2);
    }
    expect((await load("wij-zijn-kas")).members.filter((m) => m.status === "suspended")).toHaveLength(1);
  });

  it("Wij zijn KAS: 22 practices for its 35 professionals, some shared; identifiers are valid", async () => {
    const kas = await load("wij-zijn-kas");
    expect(kas.practices).toHaveLength(22);
    const professionals = kas.members.filter((m) => m.userId && m.type !== "office_staff");
    expect(professionals).toHaveLength(35);
    expect(new Set(kas.links.map((l) => l.memberId)).size).toBe(35);
    expect(kas.links.length).toBeGreaterThan(22);
    for (const slug of ["vakwerk-nijmegen", "wij-zijn-kas"]) {
      const d = await load(slug);
      for (const p of d.practices) {
        expect([p.name, isValidKvk(p.kvkNumber!), isValidEstablishmentNumber(p.establishmentNumber!), isValidIban(p.iban!), isValidPostcode(p.postcode!)]).toEqual([p.name, true, true, true, true]);
      }
      for (const c of d.codes) expect([c.code, isValidAgb(c.code), c.code.startsWith("90")]).toEqual([c.code, true, true]);
      const personal = d.codes.filter((c) => c.kind === "personal");
      expect(personal.length).toBe(d.members.filter((m) => m.userId && m.type !== "office_staff").length);
      expect(d.codes.filter((c) => c.kind === "business")).toHaveLength(d.practices.length);
    }
  });

  it("VaKwerK's integrative child therapists have 9024 codes, the arts therapists 9025", async () => {
    const v = await load("vakwerk-nijmegen");
    const child = v.members.filter((m) => m.disciplines.includes("integrative_child"));
    expect(child).toHaveLength(2);
    for (const m of child) expect(v.codes.find((c) => c.memberId === m.id)?.code.slice(0, 4)).toBe("9024");
    const marieke = v.members.find((m) => m.email === "marieke.jansen@demo.koepel.nl")!;
    expect(marieke.municipalities.every((name) => ["Nijmegen", "Berg en Dal", "Beuningen", "Druten", "Heumen", "Mook en Middelaar", "Wijchen"].includes(name))).toBe(true);
    const [kasMarieke] = await withSystem((tx) => tx.select().from(members).where(and(eq(members.email, "marieke.jansen@demo.koepel.nl"), eq(members.type, "member"))));
    expect(kasMarieke).toBeDefined();
  });
});
