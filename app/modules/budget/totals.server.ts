// Summaries of time entries, kept current when entries are written: priced time per
// (contract, member, product, day) and time used per trajectory. Budget figures read
// these instead of pricing every raw entry on every view, so a page costs the same
// whatever the history. Every writer of time entries calls addTimeEntryTotals in the
// same transaction; a change to a price (tariff, indirect terms, a product's unit)
// calls rebuildTimeEntryTotals for the contract. recomputedTotals is the check that
// the sums equal a fresh pricing of the raw entries (tests/integration/time-entry-totals.test.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { timeEntries, timeEntryTotals, trajectories, trajectoryTimeTotals } from "~db/schema";
import { loadBasis, priceEntry, type Basis } from "./figures.server";

const NONE = "00000000-0000-0000-0000-000000000000";
const CHUNK = 1000;

export type WrittenEntry = { trajectoryId: string; memberId: string; workedOn: string; directMinutes: number; indirectMinutes: number };

export type TotalRow = {
  contractId: string;
  memberId: string;
  productId: string;
  workedOn: string;
  entries: number;
  directMinutes: number;
  indirectMinutes: number;
  paidIndirectMinutes: number;
  amountCents: number;
};
export type TrajectoryTotalRow = { trajectoryId: string; entries: number; directMinutes: number; indirectMinutes: number };

/** Entries (with their trajectory's contract and product) summed per key, each priced and rounded on its own first. */
function summarise(basis: Basis, entries: readonly (WrittenEntry & { contractId: string; productId: string })[]) {
  const totals = new Map<string, TotalRow>();
  const perTrajectory = new Map<string, TrajectoryTotalRow>();
  for (const e of entries) {
    const priced = priceEntry(basis, e);
    const key = `${e.contractId}|${e.memberId}|${e.productId}|${e.workedOn}`;
    const row = totals.get(key) ?? { contractId: e.contractId, memberId: e.memberId, productId: e.productId, workedOn: e.workedOn, entries: 0, directMinutes: 0, indirectMinutes: 0, paidIndirectMinutes: 0, amountCents: 0 };
    row.entries += 1;
    row.directMinutes += e.directMinutes;
    row.indirectMinutes += e.indirectMinutes;
    row.paidIndirectMinutes += priced.paidIndirectMinutes;
    row.amountCents += priced.amountCents;
    totals.set(key, row);
    const t = perTrajectory.get(e.trajectoryId) ?? { trajectoryId: e.trajectoryId, entries: 0, directMinutes: 0, indirectMinutes: 0 };
    t.entries += 1;
    t.directMinutes += e.directMinutes;
    t.indirectMinutes += e.indirectMinutes;
    perTrajectory.set(e.trajectoryId, t);
  }
  return { totals: [...totals.values()], perTrajectory: [...perTrajectory.values()] };
}

async function upsert(tx: Tx, orgId: string, rows: { totals: TotalRow[]; perTrajectory: TrajectoryTotalRow[] }) {
  for (let i = 0; i < rows.totals.length; i += CHUNK) {
    await tx
      .insert(timeEntryTotals)
      .values(rows.totals.slice(i, i + CHUNK).map((r) => ({ organizationId: orgId, ...r })))
      .onConflictDoUpdate({
        target: [timeEntryTotals.organizationId, timeEntryTotals.contractId, timeEntryTotals.workedOn, timeEntryTotals.memberId, timeEntryTotals.productId],
        set: {
          entries: sql`${timeEntryTotals.entries} + excluded.entries`,
          directMinutes: sql`${timeEntryTotals.directMinutes} + excluded.direct_minutes`,
          indirectMinutes: sql`${timeEntryTotals.indirectMinutes} + excluded.indirect_minutes`,
          paidIndirectMinutes: sql`${timeEntryTotals.paidIndirectMinutes} + excluded.paid_indirect_minutes`,
          amountCents: sql`${timeEntryTotals.amountCents} + excluded.amount_cents`,
        },
      });
  }
  for (let i = 0; i < rows.perTrajectory.length; i += CHUNK) {
    await tx
      .insert(trajectoryTimeTotals)
      .values(rows.perTrajectory.slice(i, i + CHUNK).map((r) => ({ organizationId: orgId, ...r })))
      .onConflictDoUpdate({
        target: [trajectoryTimeTotals.organizationId, trajectoryTimeTotals.trajectoryId],
        set: {
          entries: sql`${trajectoryTimeTotals.entries} + excluded.entries`,
          directMinutes: sql`${trajectoryTimeTotals.directMinutes} + excluded.direct_minutes`,
          indirectMinutes: sql`${trajectoryTimeTotals.indirectMinutes} + excluded.indirect_minutes`,
        },
      });
  }
}

/**
 * Adds entries just written to the summaries, in the writer's transaction. The
 * upsert adds to the stored sums, so two writers at once both count.
 */
export async function addTimeEntryTotals(tx: Tx, orgId: string, entries: readonly WrittenEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const ids = [...new Set(entries.map((e) => e.trajectoryId))];
  const owners = await tx
    .select({ id: trajectories.id, contractId: trajectories.contractId, productId: trajectories.productId })
    .from(trajectories)
    .where(and(eq(trajectories.organizationId, orgId), inArray(trajectories.id, ids)));
  const of = new Map(owners.map((t) => [t.id, t]));
  const basis = await loadBasis(tx, orgId, [...new Set(owners.map((t) => t.contractId))]);
  const known = entries.flatMap((e) => {
    const t = of.get(e.trajectoryId);
    return t ? [{ ...e, contractId: t.contractId, productId: t.productId }] : [];
  });
  await upsert(tx, orgId, summarise(basis, known));
}

/** Every raw entry of the contracts (all of the cooperative's without ids), with its trajectory's contract and product. */
async function rawEntries(tx: Tx, orgId: string, contractIds?: readonly string[]) {
  return tx
    .select({
      trajectoryId: timeEntries.trajectoryId,
      contractId: trajectories.contractId,
      productId: trajectories.productId,
      memberId: timeEntries.memberId,
      workedOn: timeEntries.workedOn,
      directMinutes: timeEntries.directMinutes,
      indirectMinutes: timeEntries.indirectMinutes,
    })
    .from(timeEntries)
    .innerJoin(trajectories, eq(trajectories.id, timeEntries.trajectoryId))
    .where(and(eq(timeEntries.organizationId, orgId), eq(trajectories.organizationId, orgId), contractIds ? inArray(trajectories.contractId, contractIds.length ? [...contractIds] : [NONE]) : undefined));
}

/** The summaries as a fresh pricing of the raw entries would give them. */
export async function recomputedTotals(tx: Tx, orgId: string, contractIds?: readonly string[]) {
  const entries = await rawEntries(tx, orgId, contractIds);
  const basis = await loadBasis(tx, orgId, contractIds ?? [...new Set(entries.map((e) => e.contractId))]);
  return summarise(basis, entries);
}

/**
 * Prices a contract's entries afresh (all contracts without ids): after a tariff,
 * the indirect terms or a product's unit change, and after seeding. Writes of prices
 * are rare; this keeps the read side a sum.
 */
export async function rebuildTimeEntryTotals(tx: Tx, orgId: string, contractIds?: readonly string[]): Promise<void> {
  const fresh = await recomputedTotals(tx, orgId, contractIds);
  await tx
    .delete(timeEntryTotals)
    .where(and(eq(timeEntryTotals.organizationId, orgId), contractIds ? inArray(timeEntryTotals.contractId, contractIds.length ? [...contractIds] : [NONE]) : undefined));
  if (!contractIds) await tx.delete(trajectoryTimeTotals).where(eq(trajectoryTimeTotals.organizationId, orgId));
  await upsert(tx, orgId, { totals: fresh.totals, perTrajectory: contractIds ? [] : fresh.perTrajectory });
}

/** The stored summaries of a cooperative, in the shape recomputedTotals gives. */
export async function storedTotals(tx: Tx, orgId: string) {
  const totals = await tx
    .select({
      contractId: timeEntryTotals.contractId,
      memberId: timeEntryTotals.memberId,
      productId: timeEntryTotals.productId,
      workedOn: timeEntryTotals.workedOn,
      entries: timeEntryTotals.entries,
      directMinutes: timeEntryTotals.directMinutes,
      indirectMinutes: timeEntryTotals.indirectMinutes,
      paidIndirectMinutes: timeEntryTotals.paidIndirectMinutes,
      amountCents: timeEntryTotals.amountCents,
    })
    .from(timeEntryTotals)
    .where(eq(timeEntryTotals.organizationId, orgId));
  const perTrajectory = await tx
    .select({ trajectoryId: trajectoryTimeTotals.trajectoryId, entries: trajectoryTimeTotals.entries, directMinutes: trajectoryTimeTotals.directMinutes, indirectMinutes: trajectoryTimeTotals.indirectMinutes })
    .from(trajectoryTimeTotals)
    .where(eq(trajectoryTimeTotals.organizationId, orgId));
  return { totals, perTrajectory };
}

/** Differences between the stored summaries and a fresh recomputation; empty when they agree. */
export async function totalsDrift(tx: Tx, orgId: string): Promise<string[]> {
  const [stored, fresh] = [await storedTotals(tx, orgId), await recomputedTotals(tx, orgId)];
  const key = (r: TotalRow) => `${r.contractId}|${r.memberId}|${r.productId}|${r.workedOn}`;
  const line = (r: TotalRow) => `${r.entries}/${r.directMinutes}/${r.indirectMinutes}/${r.paidIndirectMinutes}/${r.amountCents}`;
  const drift: string[] = [];
  const storedBy = new Map(stored.totals.filter((r) => r.entries !== 0).map((r) => [key(r), line(r)]));
  const freshBy = new Map(fresh.totals.map((r) => [key(r), line(r)]));
  for (const [k, v] of freshBy) if (storedBy.get(k) !== v) drift.push(`${k}: stored ${storedBy.get(k) ?? "none"}, fresh ${v}`);
  for (const [k, v] of storedBy) if (!freshBy.has(k)) drift.push(`${k}: stored ${v}, fresh none`);
  const tLine = (r: TrajectoryTotalRow) => `${r.entries}/${r.directMinutes}/${r.indirectMinutes}`;
  const storedT = new Map(stored.perTrajectory.filter((r) => r.entries !== 0).map((r) => [r.trajectoryId, tLine(r)]));
  const freshT = new Map(fresh.perTrajectory.map((r) => [r.trajectoryId, tLine(r)]));
  for (const [k, v] of freshT) if (storedT.get(k) !== v) drift.push(`trajectory ${k}: stored ${storedT.get(k) ?? "none"}, fresh ${v}`);
  for (const [k, v] of storedT) if (!freshT.has(k)) drift.push(`trajectory ${k}: stored ${v}, fresh none`);
  return drift;
}

