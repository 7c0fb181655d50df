// Demo registrations (issue 4), dated relative to today so the demo always shows
// the same picture: most therapists in order, some expiring within 90 days, one
// expired (Xander Pauw at Wij zijn KAS, suspended for it), four awaiting the
// board's verification (one at VaKwerK, three at Wij zijn KAS), and one exactly 30 days from expiry, so the reminder job
// at demo start puts a "30 dagen" reminder in the dev mailbox. Wij zijn KAS holds
// an HKZ certificate. Idempotent: a cooperative with registrations is left alone.
import { addDays, addMonths, todayInAmsterdam, validUntilFromCycle } from "@koepel/rules";
import { and, asc, count, eq, isNotNull } from "drizzle-orm";
import { ensureRegistrationTypes } from "~/modules/registrations/registrations.server";
import type { Tx } from "../client";
import { members, memberships, organizations, registrations, registrationTypes } from "../schema";

type Plan = { code: string; issuedOn: string; validUntil?: string; number?: string; points?: number; verification?: "pending" | "verified" };

/** What each named therapist holds beyond the usual set, per cooperative; the rest are in order. */
function specials(today: string): Record<string, Plan[]> {
  return {
    // The 30-day reminder at demo start (at VaKwerK; she is in both): liability insurance renews yearly.
    "vakwerk-nijmegen:marieke.jansen@demo.koepel.nl": [{ code: "liability_insurance", issuedOn: addDays(today, -335), validUntil: addDays(today, 30) }],
    "vakwerk-nijmegen:eva.van.den.berg@vakwerk.demo.koepel.nl": [{ code: "register_vaktherapie", issuedOn: addMonths(addDays(today, 45), -60), validUntil: addDays(today, 45), number: "210458", points: 176 }],
    "vakwerk-nijmegen:fleur.bakker@vakwerk.demo.koepel.nl": [{ code: "vog", issuedOn: addMonths(addDays(today, 75), -36), validUntil: addDays(today, 75) }],
    // Awaiting verification: a new VOG sent in last week.
    "vakwerk-nijmegen:hanna.de.wit@vakwerk.demo.koepel.nl": [{ code: "vog", issuedOn: addDays(today, -9), verification: "pending" }],
    // The one expired registration; the board suspended him for it.
    "wij-zijn-kas:xander.pauw@kas.demo.koepel.nl": [{ code: "register_vaktherapie", issuedOn: "2021-09-14", validUntil: "2026-09-14", number: "209871", points: 140 }],
    // A VOG 34 months old: under contracts that accept one of at most 36 months she lapses in
    // about two months, so the eligibility matrix and the dashboard show a coming lapse.
    "wij-zijn-kas:sophie.martens@kas.demo.koepel.nl": [{ code: "vog", issuedOn: addMonths(today, -34) }],
    // The board's verification queue (issue 12): three renewals sent in this month and not yet
    // checked, so the queue on the registrations page can be tried. Each is a second registration
    // of a type the therapist already holds verified: her eligibility does not hang on it.
    "wij-zijn-kas:anna.vos@kas.demo.koepel.nl": [{ code: "vog", issuedOn: addDays(today, -6), verification: "pending" }],
    "wij-zijn-kas:bas.schouten@kas.demo.koepel.nl": [{ code: "liability_insurance", issuedOn: addDays(today, -4), verification: "pending" }],
    "wij-zijn-kas:chantal.maas@kas.demo.koepel.nl": [{ code: "register_vaktherapie", issuedOn: addDays(today, -2), number: "211734", points: 168, verification: "pending" }],
    "wij-zijn-kas:sanne.de.graaf@kas.demo.koepel.nl": [{ code: "skj", issuedOn: addMonths(addDays(today, 60), -60), validUntil: addDays(today, 60), number: "100023456" }],
  };
}

/** The usual set for a therapist, spread over the years so the dates differ. */
function usual(today: string, i: number): Plan[] {
  const rvIssued = addMonths(today, -((i * 7) % 48) - 3);
  return [
    { code: "register_vaktherapie", issuedOn: rvIssued, number: String(210100 + i * 37), points: Math.min(200, 20 + ((i * 23) % 180)) },
    { code: "vog", issuedOn: addMonths(today, -((i * 5) % 30) - 1) },
    { code: "liability_insurance", issuedOn: addMonths(today, -((i * 3) % 9) - 1) },
    { code: "vecozo", issuedOn: addMonths(today, -((i * 11) % 60) - 2) },
  ];
}

export async function seedDemoRegistrations(tx: Tx, today = todayInAmsterdam()) {
  for (const slug of ["vakwerk-nijmegen", "wij-zijn-kas"]) {
    const [org] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (!org) continue;
    await ensureRegistrationTypes(tx, org.id);
    const [already] = await tx.select({ n: count() }).from(registrations).where(eq(registrations.organizationId, org.id));
    if (already.n > 0) continue;
    const types = new Map((await tx.select().from(registrationTypes).where(eq(registrationTypes.organizationId, org.id))).map((t) => [t.code, t]));
    const [chair] = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "chair")));
    const therapists = await tx
      .select()
      .from(members)
      .where(and(eq(members.organizationId, org.id), isNotNull(members.userId), eq(members.type, "member")))
      .orderBy(asc(members.name));
    const special = specials(today);
    const verifiedAt = new Date(`${addDays(today, -20)}T10:00:00Z`);
    const add = async (memberId: string | null, plan: Plan) => {
      const type = types.get(plan.code)!;
      const pending = plan.verification === "pending";
      await tx.insert(registrations).values({
        organizationId: org.id,
        memberId,
        typeId: type.id,
        number: plan.number ?? null,
        issuedOn: plan.issuedOn,
        validUntil: plan.validUntil ?? validUntilFromCycle(plan.issuedOn, type.cycleMonths),
        points: type.pointsRequired ? (plan.points ?? null) : null,
        verification: pending ? "pending" : "verified",
        verifiedBy: pending ? null : (chair?.userId ?? null),
        verifiedAt: pending ? null : verifiedAt,
        createdBy: chair?.userId ?? null,
      });
    };
    for (const [i, member] of therapists.entries()) {
      const own = special[`${slug}:${member.email ?? ""}`] ?? [];
      // A special plan replaces the usual registration of the same type.
      for (const plan of usual(today, i)) if (!own.some((o) => o.code === plan.code && o.verification !== "pending")) await add(member.id, plan);
      for (const plan of own) await add(member.id, plan);
    }
    if (slug === "wij-zijn-kas") {
      // HKZ: valid three years, with yearly interim audits.
      await add(null, { code: "hkz", issuedOn: addMonths(today, -14), number: "HKZ-2025-04817" });
    }
  }
}
