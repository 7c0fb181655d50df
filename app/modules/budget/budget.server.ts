// A contract's budget: ceilings per year and the board's allocation per member
// (both append-only: the newest row is in force, the older ones are the history),
// the figures, and the burn per contract and per member.
import { allocationStanding, budgetSignal, budgetStanding, committedForecast, todayInAmsterdam, type AllocationState, type MemberStatus } from "@koepel/rules";
import { and, eq, sql } from "drizzle-orm";
import { budgetCeilings, contracts, memberAllocations, members, users } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { loadContract } from "~/modules/contracts/contracts.server";
import { loadPractitioners } from "~/modules/contracts/eligibility.server";
import { audit } from "../audit/audit.server";
import { allocationsInForce, basisColumns, basisFrom, burnOf, ceilingsInForce, committedByContract, entrySpan, loadBasis, pricedEntries, summaryOf, yearOf, type Burn, type InForce } from "./figures.server";
import { parsedJson } from "~db/json";

/** A row of a ceiling or allocation history as json hands it (a bigint may come as a string, a timestamp as text). */
type HistoryJson = { id: string; year: number; amountCents: number | string; reason: string | null; createdAt: string; by: string | null };

const inForceOf = (rows: readonly InForce[]): InForce | null => (rows[0] ? { id: rows[0].id, amountCents: rows[0].amountCents, reason: rows[0].reason, createdAt: rows[0].createdAt } : null);

export type MemberBudget = {
  memberId: string;
  name: string;
  allocationCents: number | null;
  spentCents: number;
  remainingCents: number | null;
  percentSpent: number | null;
  /** over (past 100 %), near (90-100 %), within, no_allocation: the page marks the first two. */
  allocationState: AllocationState;
  /** Spent beyond the allocation, in cents (0 when within). */
  overCents: number;
};

/** Everything the budget page shows for one contract and year (and optionally one member's burn). */
export async function getContractBudget(ctx: MemberContext, contractId: string, input: { year?: number; memberId?: string; today?: string }) {
  const today = input.today ?? todayInAmsterdam();
  const year = input.year ?? yearOf(today);
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    // The pricing basis, both histories and the practitioners in one statement: the
    // histories and the practitioners ride along as json beside the basis's columns.
    const [row] = await tx
      .select({
        ...basisColumns(ctx.org.id),
        ceilings: sql`coalesce((select json_agg(json_build_object('id', c.id, 'year', c.year, 'amountCents', c.amount_cents, 'reason', c.reason, 'createdAt', c.created_at, 'by', u.name) order by c.year asc, c.created_at desc, c.id desc) from ${budgetCeilings} c left join ${users} u on u.id = c.created_by where c.organization_id = ${ctx.org.id} and c.contract_id = "contracts"."id"), '[]'::json)`.mapWith(
          (v) => (parsedJson(v) as HistoryJson[]).map((h) => ({ id: h.id, year: h.year, amountCents: Number(h.amountCents), reason: h.reason, createdAt: new Date(h.createdAt), by: h.by })),
        ),
        allocations: sql`coalesce((select json_agg(json_build_object('id', a.id, 'memberId', a.member_id, 'amountCents', a.amount_cents, 'reason', a.reason, 'createdAt', a.created_at, 'by', u.name) order by a.created_at desc, a.id desc) from ${memberAllocations} a left join ${users} u on u.id = a.created_by where a.organization_id = ${ctx.org.id} and a.contract_id = "contracts"."id" and a.year = ${year}), '[]'::json)`.mapWith(
          (v) => (parsedJson(v) as (HistoryJson & { memberId: string })[]).map((h) => ({ id: h.id, memberId: h.memberId, amountCents: Number(h.amountCents), reason: h.reason, createdAt: new Date(h.createdAt), by: h.by })),
        ),
        // Everyone who can deliver care, as loadPractitioners reads them (all but office staff, by name).
        practitioners: sql`coalesce((select json_agg(json_build_object('id', m.id, 'name', m.name, 'status', m.status) order by m.name asc, m.id asc) from ${members} m where m.organization_id = ${ctx.org.id} and m.type <> 'office_staff'), '[]'::json)`.mapWith(
          (v) => parsedJson(v) as { id: string; name: string; status: MemberStatus }[],
        ),
      })
      .from(contracts)
      .where(and(eq(contracts.organizationId, ctx.org.id), eq(contracts.id, contract.id)));
    if (!row) throw new AppError("not_found");
    const basis = basisFrom([row]);
    const { ceilings: history, allocations: allocationHistory, practitioners } = row;
    const span = entrySpan(year, today);
    const entries = await pricedEntries(tx, ctx.org.id, basis, span.from, span.to);
    // The rows in force come from the histories just read (newest first, as ceilingsInForce and
    // allocationsInForce order them): no second read of the same rows.
    const ceiling = inForceOf(history.filter((h) => h.year === year));
    const allocations = new Map<string, InForce>();
    for (const a of allocationHistory) if (!allocations.has(a.memberId)) allocations.set(a.memberId, { id: a.id, amountCents: a.amountCents, reason: a.reason, createdAt: a.createdAt });
    const committed = year === yearOf(today) ? ((await committedByContract(tx, ctx.org.id, basis, today)).get(contract.id) ?? 0) : 0;
    const burn = burnOf(entries, ceiling?.amountCents ?? null, year, today);
    const names = new Map(practitioners.map((p) => [p.id, p.name]));

    // Per member: entries by that member, whoever coordinates the trajectory (IJZK addendum).
    const spentBy = new Map<string, number>();
    for (const e of entries) if (e.workedOn.startsWith(`${year}-`)) spentBy.set(e.memberId, (spentBy.get(e.memberId) ?? 0) + e.amountCents);
    const memberIds = [...new Set([...allocations.keys(), ...spentBy.keys()])];
    const perMember: MemberBudget[] = memberIds
      .map((memberId) => {
        const allocationCents = allocations.get(memberId)?.amountCents ?? null;
        const spentCents = spentBy.get(memberId) ?? 0;
        const standing = allocationStanding({ allocationCents, spentCents });
        return {
          memberId,
          name: names.get(memberId) ?? "?",
          allocationCents,
          spentCents,
          remainingCents: standing.remainingCents,
          percentSpent: standing.percent,
          allocationState: standing.state,
          overCents: standing.overCents,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, "nl"));
    const allocatedCents = [...allocations.values()].reduce((sum, a) => sum + a.amountCents, 0);

    let memberBurn: (Burn & { memberId: string; name: string }) | null = null;
    if (input.memberId && names.has(input.memberId)) {
      memberBurn = {
        memberId: input.memberId,
        name: names.get(input.memberId)!,
        ...burnOf(
          entries.filter((e) => e.memberId === input.memberId),
          allocations.get(input.memberId)?.amountCents ?? null,
          year,
          today,
        ),
      };
    }

    // The figures in words (decision 025): spent + committed against the ceiling, the
    // signal on that, and a forecast that counts committed hours beside the pace's date.
    const standing = budgetStanding({ ceilingCents: burn.ceilingCents, spentCents: burn.spentCents, committedCents: committed });
    const signal = budgetSignal(standing);
    const forecast = year === yearOf(today) ? committedForecast({ ceilingCents: burn.ceilingCents, spentCents: burn.spentCents, committedCents: committed, recentCents: burn.recentCents, today, yearEnd: `${year}-12-31` }) : null;

    const inForceIds = new Set([...allocations.values()].map((a) => a.id));
    const years = [...new Set([...history.map((h) => h.year), yearOf(today), year])].sort();

    return {
      today,
      year,
      years,
      contract: { id: contract.id, name: contract.name, startsOn: contract.startsOn, endsOn: contract.endsOn },
      ceilingId: ceiling?.id ?? "",
      summary: summaryOf(contract.id, year, burn, committed),
      standing,
      signal,
      forecast,
      burn,
      allocatedCents,
      perMember,
      memberBurn,
      practitioners: practitioners.filter((p) => p.status !== "left").map((p) => ({ id: p.id, name: p.name })),
      ceilingHistory: history.map((h, i) => ({ ...h, createdAt: h.createdAt.toISOString(), inForce: i === history.findIndex((x) => x.year === h.year) })),
      allocationHistory: allocationHistory.map((a) => ({ ...a, name: names.get(a.memberId) ?? "?", createdAt: a.createdAt.toISOString(), inForce: inForceIds.has(a.id) })),
    };
  });
}

/**
 * A new ceiling for a contract year. Not raised during a year that has started
 * (this year or earlier, once a ceiling exists): only lowering; a future year may
 * be set to anything. The form carries the ceiling it saw: a change since → stale.
 * The same amount and reason as in force → nothing new (a double submit).
 */
export async function setCeiling(ctx: MemberContext, contractId: string, input: { year: number; amount: number; reason: string; ceilingId?: string }, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId, true);
    const current = (await ceilingsInForce(tx, ctx.org.id, [contract.id], input.year)).get(contract.id) ?? null;
    if (current && current.amountCents === input.amount && current.reason === input.reason) return { id: current.id, created: false };
    if (input.ceilingId !== undefined && (input.ceilingId || "") !== (current?.id ?? "")) throw new AppError("conflict", "errors.stale");
    if (current && input.amount > current.amountCents && input.year <= yearOf(today)) throw new AppError("invalid", "budget.errors.noRaiseDuringYear", "amount");
    const [row] = await tx
      .insert(budgetCeilings)
      .values({ organizationId: ctx.org.id, contractId: contract.id, year: input.year, amountCents: input.amount, reason: input.reason, createdBy: ctx.user.id })
      .returning();
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "budget.ceiling_set",
      entityType: "contract",
      entityId: contract.id,
      before: current ? { year: input.year, amountCents: current.amountCents } : null,
      after: { year: input.year, amountCents: input.amount, reason: input.reason },
    });
    return { id: row.id, created: true };
  });
}

/**
 * A member's allocation for a contract year. The member must be a practitioner of
 * this cooperative; all allocations in force together may not pass the year's ceiling.
 */
export async function setAllocation(ctx: MemberContext, contractId: string, input: { memberId: string; year: number; amount: number; reason: string }) {
  return withTenant(ctx.org.id, async (tx) => {
    // Locking the contract serialises allocations, so two at once cannot pass the ceiling together.
    const contract = await loadContract(tx, ctx.org.id, contractId, true);
    const [member] = await loadPractitioners(tx, ctx.org.id, [input.memberId]);
    if (!member) throw new AppError("invalid", "budget.errors.notPractitioner", "memberId");
    const allocations = await allocationsInForce(tx, ctx.org.id, contract.id, input.year);
    const current = allocations.get(member.id) ?? null;
    if (current && current.amountCents === input.amount && current.reason === input.reason) return { id: current.id, created: false };
    const ceiling = (await ceilingsInForce(tx, ctx.org.id, [contract.id], input.year)).get(contract.id) ?? null;
    if (!ceiling) throw new AppError("invalid", "budget.errors.noCeiling", "year");
    const others = [...allocations.entries()].filter(([id]) => id !== member.id).reduce((sum, [, a]) => sum + a.amountCents, 0);
    if (others + input.amount > ceiling.amountCents) throw new AppError("invalid", "budget.errors.overCeiling", "amount");
    const [row] = await tx
      .insert(memberAllocations)
      .values({ organizationId: ctx.org.id, contractId: contract.id, memberId: member.id, year: input.year, amountCents: input.amount, reason: input.reason, createdBy: ctx.user.id })
      .returning();
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "budget.allocation_set",
      entityType: "contract",
      entityId: contract.id,
      before: current ? { memberId: member.id, year: input.year, amountCents: current.amountCents } : null,
      after: { memberId: member.id, year: input.year, amountCents: input.amount, reason: input.reason },
    });
    return { id: row.id, created: true };
  });
}

export type ProductionRow = {
  contractId: string;
  contractName: string;
  memberId: string;
  memberName: string;
  productCode: string;
  productName: string;
  month: string; // YYYY-MM
  directMinutes: number;
  indirectMinutes: number;
  paidIndirectMinutes: number;
  amountCents: number;
};

/**
 * Production per contract, member, product and month of a year: the same priced
 * entries as the budget, so the amounts add up to the cent to what is spent.
 */
export async function production(ctx: MemberContext, input: { contractId?: string; year?: number; today?: string }) {
  const year = input.year ?? yearOf(input.today ?? todayInAmsterdam());
  return withTenant(ctx.org.id, async (tx) => {
    if (input.contractId) await loadContract(tx, ctx.org.id, input.contractId);
    const basis = await loadBasis(tx, ctx.org.id, input.contractId ? [input.contractId] : undefined);
    const entries = await pricedEntries(tx, ctx.org.id, basis, `${year}-01-01`, `${year}-12-31`);
    const memberIds = [...new Set(entries.map((e) => e.memberId))];
    const names = new Map((await loadPractitioners(tx, ctx.org.id, memberIds)).map((p) => [p.id, p.name]));
    const rows = new Map<string, ProductionRow>();
    for (const e of entries) {
      const month = e.workedOn.slice(0, 7);
      const key = `${e.contractId}|${e.memberId}|${e.productId}|${month}`;
      const product = basis.products.get(e.productId);
      const row = rows.get(key) ?? {
        contractId: e.contractId,
        contractName: basis.contracts.get(e.contractId)?.name ?? "",
        memberId: e.memberId,
        memberName: names.get(e.memberId) ?? "?",
        productCode: product?.code ?? "",
        productName: product?.name ?? "",
        month,
        directMinutes: 0,
        indirectMinutes: 0,
        paidIndirectMinutes: 0,
        amountCents: 0,
      };
      row.directMinutes += e.directMinutes;
      row.indirectMinutes += e.indirectMinutes;
      row.paidIndirectMinutes += e.paidIndirectMinutes;
      row.amountCents += e.amountCents;
      rows.set(key, row);
    }
    const list = [...rows.values()].sort(
      (a, b) => a.contractName.localeCompare(b.contractName, "nl") || a.memberName.localeCompare(b.memberName, "nl") || a.productCode.localeCompare(b.productCode) || a.month.localeCompare(b.month),
    );
    const totals = list.reduce(
      (t, r) => ({ directMinutes: t.directMinutes + r.directMinutes, indirectMinutes: t.indirectMinutes + r.indirectMinutes, paidIndirectMinutes: t.paidIndirectMinutes + r.paidIndirectMinutes, amountCents: t.amountCents + r.amountCents }),
      { directMinutes: 0, indirectMinutes: 0, paidIndirectMinutes: 0, amountCents: 0 },
    );
    return { year, rows: list, totals };
  });
}

