// Demo reporting duties (issue 5), from the seeds' kind of contract:
// - the Haarlem pilot: a yearly report by 1 March (first in 2027) and quarterly
//   production figures a month after each quarter (first 30 April 2026);
// - segment 4: a yearly report by 1 March since 2024.
// Every past due date has its report submitted except the latest quarterly
// figures, which stay overdue so the dashboard shows one. Idempotent: a
// cooperative with duties is left alone.
import { addDays, dutyDueDates, todayInAmsterdam } from "@koepel/rules";
import { and, count, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { contracts, organizations, reportSubmissions, reportingDuties } from "../schema";
import { HAARLEM_PILOT, KAS_SEGMENT_4 } from "./demo-contracts";

type Plan = { contract: string; title: string; recurrence: "once" | "monthly" | "quarterly" | "yearly"; firstDueOn: string; remindDaysBefore: number; leaveLastOpen?: boolean };

const PLANS: Plan[] = [
  { contract: HAARLEM_PILOT.name, title: "Jaarverslag pilot vaktherapie", recurrence: "yearly", firstDueOn: "2027-03-01", remindDaysBefore: 30 },
  { contract: HAARLEM_PILOT.name, title: "Productiecijfers per kwartaal", recurrence: "quarterly", firstDueOn: "2026-04-30", remindDaysBefore: 14, leaveLastOpen: true },
  { contract: KAS_SEGMENT_4.name, title: "Jaarverslag segment 4", recurrence: "yearly", firstDueOn: "2024-03-01", remindDaysBefore: 30 },
];

export async function seedDemoDuties(tx: Tx, today = todayInAmsterdam()) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.slug, "wij-zijn-kas"));
  if (!org) return;
  const [already] = await tx.select({ n: count() }).from(reportingDuties).where(eq(reportingDuties.organizationId, org.id));
  if (already.n > 0) return;
  for (const plan of PLANS) {
    const [contract] = await tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.organizationId, org.id), eq(contracts.name, plan.contract)));
    if (!contract) continue;
    const [duty] = await tx
      .insert(reportingDuties)
      .values({ organizationId: org.id, contractId: contract.id, title: plan.title, recurrence: plan.recurrence, firstDueOn: plan.firstDueOn, remindDaysBefore: plan.remindDaysBefore })
      .returning();
    const past = dutyDueDates(duty, plan.firstDueOn, addDays(today, -1));
    const submitted = plan.leaveLastOpen ? past.slice(0, -1) : past;
    for (const dueOn of submitted) {
      await tx.insert(reportSubmissions).values({ organizationId: org.id, dutyId: duty.id, dueOn, submittedOn: addDays(dueOn, -3), note: "Per e-mail aan de contractmanager gestuurd." });
    }
  }
}
