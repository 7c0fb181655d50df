// The compliance dashboard reads budgets through this function only.
import { groupBy, type BudgetState, type Forecast } from "@koepel/rules";
import type { Tx } from "~db/client";
import { and, eq, inArray, sql } from "drizzle-orm";
import { budgetCeilings, contracts } from "~db/schema";
import { basisColumns, basisFrom, burnOf, committedByContract, dailyAmounts, entrySpan, summaryOf, yearOf } from "./figures.server";

const NONE = "00000000-0000-0000-0000-000000000000";

export type BudgetSummary = {
  contractId: string;
  year: number;
  ceilingCents: number | null;
  spentCents: number;
  committedCents: number;
  /** ceiling - spent - committed; null without a ceiling. */
  remainingCents: number | null;
  /** Spent as a whole percentage of the ceiling (may pass 100); null without a ceiling. */
  percentSpent: number | null;
  /** The day the ceiling runs out at the recent rate; null when it won't within the year or nothing is spent. */
  forecastExhaustionOn: string | null;
  /** Why there is a date or not: exhausted (today), date, no_rate, beyond_year ("not within the year"), no_ceiling. */
  forecastStatus: Forecast["status"];
  /** The highest alert threshold passed by spent alone: 0, 75, 90 or 100 (what the mails fire on, decision 013). */
  alertLevel: 0 | 75 | 90 | 100;
  /** Where it stands counting committed money too (decision 025): within, fully_committed, over_committed, over_spent, no_ceiling. */
  state: BudgetState;
  /** Spent + committed beyond the ceiling, in cents (0 when it fits): "EUR 31.341,60 te veel toegezegd". */
  overCommittedCents: number;
  /** floor((spent + committed) x 100 / ceiling); null without a ceiling. */
  percentUsed: number | null;
  /** The highest threshold passed by spent + committed: the budget page's Signaal and what a board should act on. */
  signalLevel: 0 | 75 | 90 | 100;
};

/** The budget of each contract in the year of `today`, keyed by contract id. */
export async function contractBudgetSummaries(tx: Tx, orgId: string, today: string, contractIds?: readonly string[]): Promise<Map<string, BudgetSummary>> {
  const year = yearOf(today);
  // The basis with each contract's ceiling in force for the year (its newest row, as
  // ceilingsInForce picks it) beside it: one statement.
  const contractRows = await tx
    .select({
      ...basisColumns(orgId),
      ceilingCents: sql`(select c.amount_cents from ${budgetCeilings} c where c.organization_id = ${orgId} and c.contract_id = "contracts"."id" and c.year = ${year} order by c.created_at desc, c.id desc limit 1)`.mapWith((v) =>
        v === null || v === undefined ? null : Number(v),
      ),
    })
    .from(contracts)
    .where(and(eq(contracts.organizationId, orgId), contractIds ? inArray(contracts.id, contractIds.length ? [...contractIds] : [NONE]) : undefined));
  const basis = basisFrom(contractRows);
  const ceilings = new Map(contractRows.map((c) => [c.id, c.ceilingCents as number | null]));
  const ids = [...basis.contracts.keys()];
  const span = entrySpan(year, today);
  const [amounts, committed] = await Promise.all([dailyAmounts(tx, orgId, ids, span.from, span.to), committedByContract(tx, orgId, basis, today)]);
  const byContract = groupBy(amounts, (e) => e.contractId);
  const result = new Map<string, BudgetSummary>();
  for (const id of ids) {
    const burn = burnOf(byContract.get(id) ?? [], ceilings.get(id) ?? null, year, today);
    result.set(id, summaryOf(id, year, burn, committed.get(id) ?? 0));
  }
  return result;
}
