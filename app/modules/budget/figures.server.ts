// The budget figures as the database holds them, priced by the pure rules
// (packages/rules/src/budget.ts). The budget page, the production report, the
// dashboard's summaries and the alerts after time logging all price here, so they
// can never disagree.
import {
  DEFAULT_RATE_WINDOW_DAYS,
  addDays,
  alertLevel,
  budgetSignal,
  budgetStanding,
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
} from "@koepel/rules";
import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { budgetCeilings, contractProducts, contractTerms, contracts, memberAllocations, productTariffs, timeEntryTotals, trajectories, trajectoryExtensions, trajectoryTimeTotals } from "~db/schema";
import type { BudgetSummary } from "./summary.server";
import { parsedJson } from "~db/json";

const NONE = "00000000-0000-0000-0000-000000000000";
const ids = (list: readonly string[]) => (list.length ? [...list] : [NONE]);

export type Basis = {
  contracts: Map<string, { id: string; name: string; base: IndirectTerms }>;
  amended: Map<string, DatedIndirectTerms[]>;
  products: Map<string, { id: string; contractId: string; code: string; category: string; name: string; unit: ProductUnit; tariffs: Tariff[] }>;
};


/**
 * The columns of a contract's pricing basis: its indirect-time terms over time, products
 * and tariffs, the terms and the products (each with its tariffs) riding along as json.
 * For a select from `contracts`; a page that reads more of the contract in the same
 * statement adds its own columns beside these (budget.server.ts).
 */
export function basisColumns(orgId: string) {
  return {
    id: contracts.id,
    name: contracts.name,
    indirectTime: contracts.indirectTime,
    indirectSharePercent: contracts.indirectSharePercent,
    terms: sql`coalesce((select json_agg(json_build_object('effectiveOn', t.effective_on, 'indirectTime', t.indirect_time, 'indirectSharePercent', t.indirect_share_percent)) from ${contractTerms} t where t.organization_id = ${orgId} and t.contract_id = "contracts"."id"), '[]'::json)`.mapWith((v) => parsedJson(v) as DatedIndirectTerms[]),
    products: sql`coalesce((select json_agg(json_build_object('id', p.id, 'code', p.code, 'category', p.category, 'name', p.name, 'unit', p.unit, 'tariffs', coalesce((select json_agg(json_build_object('validFrom', pt.valid_from, 'amountCents', pt.amount_cents)) from ${productTariffs} pt where pt.organization_id = ${orgId} and pt.product_id = p.id), '[]'::json))) from ${contractProducts} p where p.organization_id = ${orgId} and p.contract_id = "contracts"."id"), '[]'::json)`.mapWith((v) => parsedJson(v) as { id: string; code: string; category: string; name: string; unit: ProductUnit; tariffs: Tariff[] }[]),
  };
}

type BasisRow = { id: string; name: string; indirectTime: IndirectTerms["indirectTime"]; indirectSharePercent: IndirectTerms["indirectSharePercent"]; terms: DatedIndirectTerms[]; products: { id: string; code: string; category: string; name: string; unit: ProductUnit; tariffs: Tariff[] }[] };

/** The basis from rows selected with basisColumns. */
export function basisFrom(contractRows: readonly BasisRow[]): Basis {
  const basis: Basis = { contracts: new Map(), amended: new Map(), products: new Map() };
  for (const c of contractRows) {
    basis.contracts.set(c.id, { id: c.id, name: c.name, base: { indirectTime: c.indirectTime, indirectSharePercent: c.indirectSharePercent } });
    if (c.terms.length) basis.amended.set(c.id, c.terms);
    for (const p of c.products) basis.products.set(p.id, { ...p, contractId: c.id, tariffs: p.tariffs.map((t) => ({ validFrom: t.validFrom, amountCents: Number(t.amountCents) })) });
  }
  return basis;
}

/** Contracts with their indirect-time terms over time, products and tariffs, in one statement. */
export async function loadBasis(tx: Tx, orgId: string, contractIds?: readonly string[]): Promise<Basis> {
  const contractRows = await tx
    .select(basisColumns(orgId))
    .from(contracts)
    .where(and(eq(contracts.organizationId, orgId), contractIds ? inArray(contracts.id, ids(contractIds)) : undefined));
  return basisFrom(contractRows);
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

/** One entry's paid indirect minutes and amount (rounded once, per entry), at the tariff and terms in force on its date. */
export function priceEntry(basis: Basis, e: { contractId: string; productId: string; workedOn: string; directMinutes: number; indirectMinutes: number }) {
  const product = basis.products.get(e.productId);
  const contract = basis.contracts.get(e.contractId);
  if (!product || !contract) return { paidIndirectMinutes: 0, amountCents: 0 };
  const priced = entryAmount(e, product, { base: contract.base, amended: basis.amended.get(e.contractId) ?? [] });
  return { paidIndirectMinutes: priced.paidIndirectMinutes, amountCents: priced.amountCents };
}

/**
 * Time worked in [from, to] under the contracts, priced: read from the summaries
 * (time_entry_totals, one row per contract, member, product and day, each the sum of
 * entries priced and rounded one by one), so the cost follows the days, not the entries.
 */
export async function pricedEntries(tx: Tx, orgId: string, basis: Basis, from: string, to: string): Promise<PricedEntry[]> {
  return tx
    .select({
      contractId: timeEntryTotals.contractId,
      productId: timeEntryTotals.productId,
      memberId: timeEntryTotals.memberId,
      workedOn: timeEntryTotals.workedOn,
      directMinutes: timeEntryTotals.directMinutes,
      indirectMinutes: timeEntryTotals.indirectMinutes,
      paidIndirectMinutes: timeEntryTotals.paidIndirectMinutes,
      amountCents: timeEntryTotals.amountCents,
    })
    .from(timeEntryTotals)
    .where(
      and(
        eq(timeEntryTotals.organizationId, orgId),
        inArray(timeEntryTotals.contractId, ids([...basis.contracts.keys()])),
        gte(timeEntryTotals.workedOn, from),
        lte(timeEntryTotals.workedOn, to),
      ),
    );
}

/** Amounts per contract and day in [from, to], for figures that need neither member nor product (the dashboard). */
export async function dailyAmounts(tx: Tx, orgId: string, contractIds: readonly string[], from: string, to: string): Promise<{ contractId: string; workedOn: string; amountCents: number }[]> {
  return tx
    .select({ contractId: timeEntryTotals.contractId, workedOn: timeEntryTotals.workedOn, amountCents: sql<number>`sum(${timeEntryTotals.amountCents})`.mapWith(Number) })
    .from(timeEntryTotals)
    .where(and(eq(timeEntryTotals.organizationId, orgId), inArray(timeEntryTotals.contractId, ids(contractIds)), gte(timeEntryTotals.workedOn, from), lte(timeEntryTotals.workedOn, to)))
    .groupBy(timeEntryTotals.contractId, timeEntryTotals.workedOn);
}

/** What active trajectories still commit, per contract, at today's tariff. */
export async function committedByContract(tx: Tx, orgId: string, basis: Basis, today: string): Promise<Map<string, number>> {
  // Extensions summed once per trajectory and time used from the summaries: no subquery per trajectory.
  const extra = tx
    .select({ trajectoryId: trajectoryExtensions.trajectoryId, extraVolume: sql<number>`sum(${trajectoryExtensions.extraVolume})`.as("extra_volume") })
    .from(trajectoryExtensions)
    .where(eq(trajectoryExtensions.organizationId, orgId))
    .groupBy(trajectoryExtensions.trajectoryId)
    .as("extra");
  const rows = await tx
    .select({
      contractId: trajectories.contractId,
      productId: trajectories.productId,
      allocatedVolume: trajectories.allocatedVolume,
      extraVolume: sql<number>`coalesce(${extra.extraVolume}, 0)`.mapWith(Number),
      deliveredMinutes: sql<number>`coalesce(${trajectoryTimeTotals.directMinutes}, 0)`.mapWith(Number),
    })
    .from(trajectories)
    .leftJoin(extra, eq(extra.trajectoryId, trajectories.id))
    .leftJoin(trajectoryTimeTotals, and(eq(trajectoryTimeTotals.trajectoryId, trajectories.id), eq(trajectoryTimeTotals.organizationId, orgId)))
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
export function burnOf(entries: readonly Pick<PricedEntry, "workedOn" | "amountCents">[], ceilingCents: number | null, year: number, today: string, windowDays = DEFAULT_RATE_WINDOW_DAYS): Burn {
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
  const standing = budgetStanding({ ceilingCents: burn.ceilingCents, spentCents: burn.spentCents, committedCents });
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
    state: standing.state,
    overCommittedCents: standing.overCommittedCents,
    percentUsed: standing.percentUsed,
    signalLevel: budgetSignal(standing).level,
  };
}
