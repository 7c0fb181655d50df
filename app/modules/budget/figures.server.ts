// The budget figures as the database holds them, priced by the pure rules
// (packages/rules/src/budget.ts). The budget page, the production report, the
// dashboard's summaries and the alerts after time logging all price here, so they
// can never disagree.
import {
  DEFAULT_RATE_WINDOW_DAYS,
  addDays,
  alertLevel,
  burnSeries,
  committedAmount,
  entryAmount,
  forecastExhaustion,
  forecastLine,
  percentSpent,
  type BurnPoint,
  type Forecast,
  type DatedIndirectTerms,
  type IndirectTerms,
  type ProductUnit,
  type Tariff,
  pushTo,
} from "@koepel/rules";
import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { budgetCeilings, contractProducts, contractTerms, contracts, memberAllocations, productTariffs, timeEntries, trajectories } from "~db/schema";
import type { BudgetSummary } from "./summary.server";

const NONE = "00000000-0000-0000-0000-000000000000";
const ids = (list: readonly string[]) => (list.length ? [...list] : [NONE]);

export type Basis = {
  contracts: Map<string, { id: string; name: string; base: IndirectTerms }>;
  amended: Map<string, DatedIndirectTerms[]>;
  products: Map<string, { id: string; contractId: string; code: string; category: string; name: string; unit: ProductUnit; tariffs: Tariff[] }>;
};

/** Contracts with their indirect-time terms over time, products and tariffs. */
export async function loadBasis(tx: Tx, orgId: string, contractIds?: readonly string[]): Promise<Basis> {
  const contractRows = await tx
    .select({ id: contracts.id, name: contracts.name, indirectTime: contracts.indirectTime, indirectSharePercent: contracts.indirectSharePercent })
    .from(contracts)
    .where(and(eq(contracts.organizationId, orgId), contractIds ? inArray(contracts.id, ids(contractIds)) : undefined));
  const found = contractRows.map((c) => c.id);
  const [terms, products, tariffs] = await Promise.all([
    tx
      .select({ contractId: contractTerms.contractId, effectiveOn: contractTerms.effectiveOn, indirectTime: contractTerms.indirectTime, indirectSharePercent: contractTerms.indirectSharePercent })
      .from(contractTerms)
      .where(and(eq(contractTerms.organizationId, orgId), inArray(contractTerms.contractId, ids(found)))),
    tx
      .select({ id: contractProducts.id, contractId: contractProducts.contractId, code: contractProducts.code, category: contractProducts.category, name: contractProducts.name, unit: contractProducts.unit })
      .from(contractProducts)
      .where(and(eq(contractProducts.organizationId, orgId), inArray(contractProducts.contractId, ids(found)))),
    tx
      .select({ productId: productTariffs.productId, validFrom: productTariffs.validFrom, amountCents: productTariffs.amountCents })
      .from(productTariffs)
      .innerJoin(contractProducts, eq(contractProducts.id, productTariffs.productId))
      .where(and(eq(productTariffs.organizationId, orgId), inArray(contractProducts.contractId, ids(found)))),
  ]);
  const basis: Basis = { contracts: new Map(), amended: new Map(), products: new Map() };
  for (const c of contractRows) basis.contracts.set(c.id, { id: c.id, name: c.name, base: { indirectTime: c.indirectTime, indirectSharePercent: c.indirectSharePercent } });
  for (const t of terms) pushTo(basis.amended, t.contractId, t);
  for (const p of products) basis.products.set(p.id, { ...p, tariffs: [] });
  for (const t of tariffs) basis.products.get(t.productId)?.tariffs.push(t);
  return basis;
}

export type PricedEntry = {
  contractId: string;
  productId: string;
  memberId: string;
  workedOn: string;
  directMinutes: number;
  indirectMinutes: number;
  paidIndirectMinutes: number;
  amountCents: number;
};

/** Time entries worked in [from, to] under the contracts, each priced (rounded per entry). */
export async function pricedEntries(tx: Tx, orgId: string, basis: Basis, from: string, to: string): Promise<PricedEntry[]> {
  const rows = await tx
    .select({
      contractId: trajectories.contractId,
      productId: trajectories.productId,
      memberId: timeEntries.memberId,
      workedOn: timeEntries.workedOn,
      directMinutes: timeEntries.directMinutes,
      indirectMinutes: timeEntries.indirectMinutes,
    })
    .from(timeEntries)
    .innerJoin(trajectories, eq(trajectories.id, timeEntries.trajectoryId))
    .where(
      and(
        eq(timeEntries.organizationId, orgId),
        eq(trajectories.organizationId, orgId),
        inArray(trajectories.contractId, ids([...basis.contracts.keys()])),
        gte(timeEntries.workedOn, from),
        lte(timeEntries.workedOn, to),
      ),
    );
  return rows.map((r) => {
    const product = basis.products.get(r.productId);
    const contract = basis.contracts.get(r.contractId);
    if (!product || !contract) return { ...r, paidIndirectMinutes: 0, amountCents: 0 };
    const priced = entryAmount(r, product, { base: contract.base, amended: basis.amended.get(r.contractId) ?? [] });
    return { ...r, paidIndirectMinutes: priced.paidIndirectMinutes, amountCents: priced.amountCents };
  });
}

/** What active trajectories still commit, per contract, at today's tariff. */
export async function committedByContract(tx: Tx, orgId: string, basis: Basis, today: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({
      contractId: trajectories.contractId,
      productId: trajectories.productId,
      allocatedVolume: trajectories.allocatedVolume,
      extraVolume: sql<number>`coalesce((select sum(e.extra_volume) from trajectory_extensions e where e.trajectory_id = trajectories.id), 0)`.mapWith(Number),
      deliveredMinutes: sql<number>`coalesce((select sum(d.direct_minutes) from time_entries d where d.trajectory_id = trajectories.id), 0)`.mapWith(Number),
    })
    .from(trajectories)
    .where(and(eq(trajectories.organizationId, orgId), eq(trajectories.status, "active"), inArray(trajectories.contractId, ids([...basis.contracts.keys()]))));
  const result = new Map<string, number>();
  for (const r of rows) {
    const product = basis.products.get(r.productId);
    if (!product) continue;
    result.set(r.contractId, (result.get(r.contractId) ?? 0) + committedAmount({ unit: product.unit, tariffs: product.tariffs, allocatedVolume: r.allocatedVolume, extraVolume: r.extraVolume, deliveredMinutes: r.deliveredMinutes, today }));
  }
  return result;
}

export type InForce = { id: string; amountCents: number; reason: string | null; createdAt: Date };

/** The ceiling in force per contract for a year: the newest row. */
export async function ceilingsInForce(tx: Tx, orgId: string, contractIds: readonly string[], year: number): Promise<Map<string, InForce>> {
  const rows = await tx
    .select({ id: budgetCeilings.id, contractId: budgetCeilings.contractId, amountCents: budgetCeilings.amountCents, reason: budgetCeilings.reason, createdAt: budgetCeilings.createdAt })
    .from(budgetCeilings)
    .where(and(eq(budgetCeilings.organizationId, orgId), inArray(budgetCeilings.contractId, ids(contractIds)), eq(budgetCeilings.year, year)))
    .orderBy(desc(budgetCeilings.createdAt), desc(budgetCeilings.id));
  const result = new Map<string, InForce>();
  for (const { contractId, ...r } of rows) if (!result.has(contractId)) result.set(contractId, r);
  return result;
}

/** The allocation in force per member of a contract for a year: the newest row per member. */
export async function allocationsInForce(tx: Tx, orgId: string, contractId: string, year: number): Promise<Map<string, InForce>> {
  const rows = await tx
    .select({ id: memberAllocations.id, memberId: memberAllocations.memberId, amountCents: memberAllocations.amountCents, reason: memberAllocations.reason, createdAt: memberAllocations.createdAt })
    .from(memberAllocations)
    .where(and(eq(memberAllocations.organizationId, orgId), eq(memberAllocations.contractId, contractId), eq(memberAllocations.year, year)))
    .orderBy(desc(memberAllocations.createdAt), desc(memberAllocations.id));
  const result = new Map<string, InForce>();
  for (const { memberId, ...r } of rows) if (!result.has(memberId)) result.set(memberId, r);
  return result;
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
export const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** The span of entries a year's figures need: the year, and the rate window before today. */
export function entrySpan(year: number, today: string, windowDays = DEFAULT_RATE_WINDOW_DAYS) {
  const { start, end } = yearBounds(year);
  const windowStart = addDays(today, -(windowDays - 1));
  return { from: windowStart < start ? windowStart : start, to: end };
}

export type Burn = {
  spentCents: number;
  recentCents: number;
  ceilingCents: number | null;
  percentSpent: number | null;
  forecast: Forecast;
  series: BurnPoint[];
  forecastLine: BurnPoint[];
};

/**
 * Spent, the recent rate, the forecast and the chart's lines of a set of priced
 * entries against a ceiling (a contract's, or a member's allocation) in a year.
 * The rate counts the last `windowDays` days up to today; a year that has not
 * started has none.
 */
export function burnOf(entries: readonly PricedEntry[], ceilingCents: number | null, year: number, today: string, windowDays = DEFAULT_RATE_WINDOW_DAYS): Burn {
  const { start, end } = yearBounds(year);
  const asOf = today > end ? end : today;
  const windowStart = addDays(today, -(windowDays - 1));
  let spentCents = 0;
  let recentCents = 0;
  for (const e of entries) {
    if (e.workedOn >= start && e.workedOn <= end) spentCents += e.amountCents;
    if (today >= start && today <= end && e.workedOn >= windowStart && e.workedOn <= today) recentCents += e.amountCents;
  }
  const forecast: Forecast =
    today > end
      ? ceilingCents === null
        ? { status: "no_ceiling", on: null }
        : spentCents >= ceilingCents
          ? { status: "exhausted", on: end }
          : { status: "beyond_year", on: null }
      : forecastExhaustion({ ceilingCents, spentCents, recentCents, today, yearEnd: end, windowDays });
  return {
    spentCents,
    recentCents,
    ceilingCents,
    percentSpent: percentSpent(spentCents, ceilingCents),
    forecast,
    series: burnSeries(entries, year, asOf),
    forecastLine: forecastLine({ spentCents, recentCents, today, yearEnd: end, ceilingCents, forecast, windowDays }),
  };
}

/** The dashboard's summary of a contract's year. Committed counts in the running year only. */
export function summaryOf(contractId: string, year: number, burn: Burn, committedCents: number): BudgetSummary {
  return {
    contractId,
    year,
    ceilingCents: burn.ceilingCents,
    spentCents: burn.spentCents,
    committedCents,
    remainingCents: burn.ceilingCents === null ? null : burn.ceilingCents - burn.spentCents - committedCents,
    percentSpent: burn.percentSpent,
    forecastExhaustionOn: burn.forecast.on,
    forecastStatus: burn.forecast.status,
    alertLevel: alertLevel(burn.percentSpent),
  };
}
