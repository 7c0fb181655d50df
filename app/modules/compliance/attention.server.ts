// Reporting duties on Vandaag: every due date overdue or within its reminder lead,
// read through dutiesNeedingAction (the reminders and the compliance dashboard use
// the same function, so the three never disagree about what is due).
import type { AttentionItem } from "@koepel/rules";
import type { AttentionScope } from "~/modules/attention/registry.server";
import { dutiesNeedingAction } from "./duties.server";

export async function dutyAttentionItems(scope: AttentionScope): Promise<AttentionItem[]> {
  if (!scope.may("compliance:view")) return [];
  const duties = await dutiesNeedingAction(scope.tx, scope.orgId, scope.today);
  if (duties.length === 0) return [];
  const names = await scope.contractNames();
  return duties.map((d) => ({
    key: `duty:${d.dutyId}:${d.dueOn}`,
    kind: d.status === "overdue" ? "duty_overdue" : "duty_due_soon",
    severity: d.status === "overdue" ? "critical" : "warning",
    dueOn: d.dueOn,
    subject: d.title,
    params: { title: d.title, contract: names.get(d.contractId) ?? "", date: { date: d.dueOn } },
    link: `/contracts/${d.contractId}/duties`,
    audience: { action: "compliance:view" },
  }));
}
