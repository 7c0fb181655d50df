// Budgets on Vandaag: the year's figures per contract from contractBudgetSummaries
// (the budget page's and the compliance dashboard's own function), judged by one
// pure rule (budgetAttentionSignal): over-committed, or the highest threshold passed.
import { budgetAttentionSignal, type AttentionItem } from "@koepel/rules";
import type { AttentionScope } from "~/modules/attention/registry.server";
import { contractBudgetSummaries } from "./summary.server";

export async function budgetAttentionItems(scope: AttentionScope): Promise<AttentionItem[]> {
  if (!scope.may("compliance:view")) return [];
  const summaries = await contractBudgetSummaries(scope.tx, scope.orgId, scope.today);
  const items: AttentionItem[] = [];
  let names: Map<string, string> | null = null;
  for (const s of summaries.values()) {
    const signal = budgetAttentionSignal(s);
    if (!signal) continue;
    names ??= await scope.contractNames();
    const contract = names.get(s.contractId) ?? "";
    const common = { severity: signal.severity, dueOn: null, subject: contract, link: `/contracts/${s.contractId}/budget`, audience: { action: "compliance:view" } } as const;
    if (signal.kind === "budget_over_committed") {
      items.push({ ...common, key: `budget:${s.contractId}:${s.year}:over`, kind: signal.kind, params: { contract, amount: { money: signal.overCents }, year: s.year } });
    } else {
      items.push({ ...common, key: `budget:${s.contractId}:${s.year}:${signal.level}`, kind: signal.kind, params: { contract, level: signal.level, percent: s.percentSpent ?? 0, year: s.year } });
    }
  }
  return items;
}
