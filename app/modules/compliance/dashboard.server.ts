// The board's compliance dashboard: per contract who may work, coming lapses,
// budget burn and forecast, trajectories needing action and reporting duties due.
// Budget and trajectories are read through their owners' functions only.
import { groupBy, isActivePractitioner } from "@koepel/rules";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { contractBudgetSummaries, type BudgetSummary } from "~/modules/budget/summary.server";
import { trajectoriesNeedingAction, type TrajectoryAttention } from "~/modules/trajectories/attention.server";
import { dutiesNeedingAction, type DutyAttention } from "./duties.server";
import { matrixAndContractsIn, type Lapse } from "./eligibility.server";
import type { TypeLabel } from "./reasons";

export type ContractCard = {
  id: string;
  name: string;
  lot: string | null;
  startsOn: string;
  endsOn: string;
  /** Active practitioners eligible under the contract today. */
  eligible: number;
  /** Active practitioners (packages/rules/src/headcount.ts), the "of N". */
  practitioners: number;
  lapses: Lapse[];
  budget: BudgetSummary | null;
  trajectories: TrajectoryAttention[];
  duties: DutyAttention[];
};

export type ComplianceDashboard = { today: string; cards: ContractCard[]; types: Record<string, TypeLabel> };

export async function getComplianceDashboard(ctx: MemberContext, today: string): Promise<ComplianceDashboard> {
  return withTenant(ctx.org.id, async (tx) => {
    const orgId = ctx.org.id;
    // The cards' contracts (name, lot, dates) come with the matrix's contracts: no read of their own.
    const { matrix, contracts: rows } = await matrixAndContractsIn(tx, orgId, today);
    const budgets = await contractBudgetSummaries(tx, orgId, today);
    const attention = await trajectoriesNeedingAction(tx, orgId, today);
    const duties = await dutiesNeedingAction(tx, orgId, today);
    const cellsBy = groupBy(matrix.cells, (x) => x.contractId);
    const lapsesBy = groupBy(matrix.lapses, (l) => l.contractId);
    const attentionBy = groupBy(attention, (a) => a.contractId);
    const dutiesBy = groupBy(duties, (d) => d.contractId);
    // Counted over active practitioners only (who counts, decision 025): a prospective,
    // suspended or resigned person is listed in the matrix but is not one of "34".
    const active = new Set(matrix.practitioners.filter((p) => isActivePractitioner(p, today)).map((p) => p.id));
    const cards = rows.map((c) => {
      const cells = (cellsBy.get(c.id) ?? []).filter((x) => active.has(x.memberId));
      return {
        ...c,
        eligible: cells.filter((x) => x.eligible).length,
        practitioners: cells.length,
        lapses: lapsesBy.get(c.id) ?? [],
        budget: budgets.get(c.id) ?? null,
        trajectories: attentionBy.get(c.id) ?? [],
        duties: dutiesBy.get(c.id) ?? [],
      };
    });
    return { today, cards, types: matrix.types };
  });
}
