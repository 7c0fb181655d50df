// Demo allocations (issue 5): the board's split of a contract year's ceiling over
// members. The Haarlem pilot's EUR 75,000 for 2026 over its four therapists
// (EUR 18,750 each); segment 4 and Rijk van Nijmegen to a few members each.
// Idempotent: a contract that has allocations is left alone.
import { and, count, eq, inArray } from "drizzle-orm";
import type { Tx } from "../client";
import { contracts, memberAllocations, members, organizations } from "../schema";
import { HAARLEM_PILOT, KAS_SEGMENT_4, VAKWERK_NIJMEGEN } from "./demo-contracts";
import { PILOT_TEAM } from "./demo-trajectories";

type Plan = { slug: string; contract: string; year: number; amountCents: number; members: string[]; reason: string };

export const DEMO_ALLOCATIONS: Plan[] = [
  {
    slug: "wij-zijn-kas",
    contract: HAARLEM_PILOT.name,
    year: 2026,
    amountCents: 1_875_000,
    members: PILOT_TEAM,
    reason: "Pilotjaar 2026: plafond gelijk verdeeld over de vier pilotbehandelaars",
  },
  {
    slug: "wij-zijn-kas",
    contract: KAS_SEGMENT_4.name,
    year: 2026,
    amountCents: 4_000_000,
    members: ["Sanne de Graaf", "Tim Koster", "Ursula Meijer"],
    reason: "Verdeling segment 4 voor 2026",
  },
  {
    slug: "vakwerk-nijmegen",
    contract: VAKWERK_NIJMEGEN.name,
    year: 2026,
    amountCents: 3_000_000,
    members: ["Marieke Jansen", "Eva van den Berg", "Fleur Bakker"],
    reason: "Verdeling Rijk van Nijmegen voor 2026",
  },
];

export async function seedDemoBudget(tx: Tx, _today?: string) {
  for (const plan of DEMO_ALLOCATIONS) {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, plan.slug));
    if (!org) continue;
    const [contract] = await tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.organizationId, org.id), eq(contracts.name, plan.contract)));
    if (!contract) continue;
    const [already] = await tx.select({ n: count() }).from(memberAllocations).where(eq(memberAllocations.contractId, contract.id));
    if (already.n > 0) continue;
    const found = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.organizationId, org.id), inArray(members.name, plan.members)));
    for (const m of found) {
      await tx.insert(memberAllocations).values({ organizationId: org.id, contractId: contract.id, memberId: m.id, year: plan.year, amountCents: plan.amountCents, reason: plan.reason });
    }
  }
}
