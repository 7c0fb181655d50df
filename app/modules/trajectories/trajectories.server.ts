// Trajectories (allocations from the municipality), their practitioners, extensions and
// time entries. The eligibility gate on time logging lives here (logTime, and the import).
import {
  allowedVolume,
  entryFits,
  extensionGrantor,
  extensionNeedsDocument,
  isTimeUnit,
  rulesOn,
  todayInAmsterdam,
  trajectoryWarnings,
  type Eligibility,
  type TrajectoryFacts,
  type TrajectoryRules,
  groupBy,
  pageOf,
  PAGE_SIZE,
  type Paging,
  type SortState,
} from "@koepel/rules";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { auditLog, contractProducts, contracts, members, municipalities, productRules, timeEntries, trajectories, trajectoryExtensions, trajectoryPractitioners, trajectoryTimeTotals } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit, auditRow, type AuditEntry } from "../audit/audit.server";
import { afterTimeLogged } from "../budget/alerts.server";
import { addTimeEntryTotals } from "../budget/totals.server";
import { loadPractitioners, memberEligibility } from "../contracts/eligibility.server";
import { checkOptionalUpload, storeFile, type Upload } from "../files/uploads.server";
import type { ExtensionInput, TimeEntryInput, TrajectoryInput } from "./schemas";
import { parsedJson } from "~db/json";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NONE = "00000000-0000-0000-0000-000000000000";

/** The member record of the signed-in user in this cooperative (null: none). */
export async function myMemberId(tx: Tx, ctx: MemberContext): Promise<string | null> {
  const [row] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, ctx.org.id), eq(members.userId, ctx.user.id)));
  return row?.id ?? null;
}

/** Trajectories a practitioner may see: those they coordinate or work on. */
export function involving(memberId: string | null) {
  const id = memberId ?? NONE;
  return or(eq(trajectories.coordinatorId, id), sql`exists (select 1 from trajectory_practitioners tp where tp.trajectory_id = ${trajectories.id} and tp.member_id = ${id})`);
}

/**
 * A trajectory of this cooperative the user may see: the board and office staff
 * (trajectories:manage) see all, a practitioner only their own; anything else is
 * "not found".
 */
async function loadTrajectory(tx: Tx, ctx: MemberContext, id: string, lock = false) {
  if (!UUID.test(id)) throw new AppError("not_found");
  const scope = ctx.can("trajectories:manage") ? undefined : involving(await myMemberId(tx, ctx));
  const q = tx
    .select()
    .from(trajectories)
    .where(and(eq(trajectories.id, id), eq(trajectories.organizationId, ctx.org.id), scope));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

type RuleRow = TrajectoryRules & { effectiveOn: string; productId: string };

async function rulesByProduct(tx: Tx, orgId: string, productIds: readonly string[]) {
  const rows = await tx
    .select()
    .from(productRules)
    .where(and(eq(productRules.organizationId, orgId), inArray(productRules.productId, productIds.length ? [...productIds] : [NONE])));
  return groupBy(rows as RuleRow[], (r) => r.productId);
}


type ExtensionFact = { number: number; extraVolume: number; grantedOn: string; documentFileId: string | null };

/**
 * Used volume, extensions and product rules of some trajectories, in one statement:
 * used time from the summaries kept with every entry (budget/totals.server.ts), one row
 * per trajectory whatever its history, the extensions and the rules riding along as json.
 */
async function factsOf(tx: Tx, orgId: string, ids: readonly string[]) {
  const list = ids.length ? [...ids] : [NONE];
  const rows = await tx
    .select({
      trajectoryId: trajectories.id,
      direct: trajectoryTimeTotals.directMinutes,
      indirect: trajectoryTimeTotals.indirectMinutes,
      extensions: sql`coalesce((select json_agg(json_build_object('number', e.number, 'extraVolume', e.extra_volume, 'grantedOn', e.granted_on, 'documentFileId', e.document_file_id) order by e.number) from ${trajectoryExtensions} e where e.organization_id = ${orgId} and e.trajectory_id = "trajectories"."id"), '[]'::json)`.mapWith(
        (v) => parsedJson(v) as ExtensionFact[],
      ),
      // The product's rules over time, for the warnings (repeated per trajectory of a product: a few small rows).
      rules: sql`coalesce((select json_agg(json_build_object('productId', r.product_id, 'effectiveOn', r.effective_on, 'maxVolume', r.max_volume, 'maxDurationWeeks', r.max_duration_weeks, 'extensionsWithoutReferrer', r.extensions_without_referrer, 'documentAtExtension', r.document_at_extension, 'documentName', r.document_name, 'reviewAfterExtension', r.review_after_extension, 'reviewBy', r.review_by)) from ${productRules} r where r.organization_id = ${orgId} and r.product_id = "trajectories"."product_id"), '[]'::json)`.mapWith(
        (v) => parsedJson(v) as RuleRow[],
      ),
    })
    .from(trajectories)
    .leftJoin(trajectoryTimeTotals, and(eq(trajectoryTimeTotals.organizationId, orgId), eq(trajectoryTimeTotals.trajectoryId, trajectories.id)))
    .where(and(eq(trajectories.organizationId, orgId), inArray(trajectories.id, list)));
  const usedBy = new Map<string, { direct: number; indirect: number }>();
  const extBy = new Map<string, ExtensionFact[]>();
  const rulesBy = new Map<string, RuleRow[]>();
  for (const r of rows) {
    if (r.rules.length && !rulesBy.has(r.rules[0].productId)) rulesBy.set(r.rules[0].productId, r.rules);
    if (r.direct !== null && r.indirect !== null) usedBy.set(r.trajectoryId, { direct: r.direct, indirect: r.indirect });
    if (r.extensions.length) extBy.set(r.trajectoryId, r.extensions);
  }
  return { usedBy, extBy, rulesBy };
}

type TrajectoryRow = typeof trajectories.$inferSelect;

function factsFor(t: TrajectoryRow, facts: Awaited<ReturnType<typeof factsOf>>, unitIsTime: boolean): TrajectoryFacts {
  return {
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    allocatedVolume: t.allocatedVolume,
    status: t.status,
    reviewDoneOn: t.reviewDoneOn,
    used: unitIsTime ? (facts.usedBy.get(t.id)?.direct ?? 0) : 0,
    extensions: (facts.extBy.get(t.id) ?? []).map((e) => ({ number: e.number, extraVolume: e.extraVolume, grantedOn: e.grantedOn, hasDocument: e.documentFileId !== null })),
  };
}

/** Warnings of trajectory rows (with their product's unit), on `today`. */
async function withWarnings<T extends TrajectoryRow & { unit: string }>(tx: Tx, orgId: string, rows: T[], today: string) {
  const facts = await factsOf(
    tx,
    orgId,
    rows.map((r) => r.id),
  );
  const rules = facts.rulesBy;
  return rows.map((r) => {
    const time = isTimeUnit(r.unit as never);
    const f = factsFor(r, facts, time);
    const rule = rulesOn(rules.get(r.productId) ?? [], r.startsOn);
    // The rules in force at the start bind the trajectory; an extension follows those on its date.
    const current = rulesOn(rules.get(r.productId) ?? [], today) ?? rule;
    return { row: r, facts: f, rules: current, warnings: trajectoryWarnings(f, current, today), usedDirect: facts.usedBy.get(r.id)?.direct ?? 0, usedIndirect: facts.usedBy.get(r.id)?.indirect ?? 0 };
  });
}

export type TrajectoryFilters = { contractId?: string | null; status?: "active" | "completed" | "stopped"; warnings?: "1" };

export const TRAJECTORY_SORT_KEYS = ["clientCode", "contract", "coordinator", "startsOn", "endsOn", "status"] as const;
export type TrajectorySortKey = (typeof TRAJECTORY_SORT_KEYS)[number];
/** What matters first: open trajectories, the one ending soonest on top. */
export const TRAJECTORY_DEFAULT_SORT: SortState<TrajectorySortKey> = { key: "endsOn", dir: "asc" };

/**
 * Open trajectories first whatever the column (unless sorting on the status itself),
 * then the asked column, then end date and client code; the id makes the order total,
 * so pages never overlap.
 */
function listOrder(sort: SortState<TrajectorySortKey> = TRAJECTORY_DEFAULT_SORT): SQL[] {
  const by = {
    clientCode: sql`${trajectories.clientCode}`,
    contract: sql`${contracts.name}`,
    coordinator: sql`${members.name}`,
    startsOn: sql`${trajectories.startsOn}`,
    endsOn: sql`${trajectories.endsOn}`,
    // Open, then completed, then stopped: the order the list means by "status".
    status: sql`(case ${trajectories.status} when 'active' then 0 when 'completed' then 1 else 2 end)`,
  }[sort.key];
  const first = sort.dir === "desc" ? sql`${by} desc` : sql`${by} asc`;
  const open = sql`(${trajectories.status} <> 'active')`;
  const after = [...(sort.key === "endsOn" ? [] : [asc(trajectories.endsOn)]), ...(sort.key === "clientCode" ? [] : [asc(trajectories.clientCode)]), asc(trajectories.id)];
  return [...(sort.key === "status" ? [] : [open]), first, ...after];
}

async function selectTrajectories(tx: Tx, ctx: MemberContext, filters: TrajectoryFilters & { id?: string }, page?: { limit: number; offset: number }, sort?: SortState<TrajectorySortKey>) {
  const scope = ctx.can("trajectories:manage") ? undefined : involving(await myMemberId(tx, ctx));
  const q = tx
    .select({
      ...tableColumns(),
      unit: contractProducts.unit,
      productName: contractProducts.name,
      productCode: contractProducts.code,
      contractName: contracts.name,
      coordinatorName: members.name,
      municipalityName: municipalities.name,
      // The number of rows the filters match, beside each row of a page: no second query for the pager.
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(trajectories)
    .innerJoin(contractProducts, eq(contractProducts.id, trajectories.productId))
    .innerJoin(contracts, eq(contracts.id, trajectories.contractId))
    .innerJoin(members, eq(members.id, trajectories.coordinatorId))
    .leftJoin(municipalities, eq(municipalities.id, trajectories.municipalityId))
    .where(
      and(
        eq(trajectories.organizationId, ctx.org.id),
        scope,
        filters.id ? eq(trajectories.id, filters.id) : undefined,
        filters.contractId ? eq(trajectories.contractId, filters.contractId) : undefined,
        filters.status ? eq(trajectories.status, filters.status) : undefined,
      ),
    )
    .orderBy(...listOrder(sort));
  return page ? q.limit(page.limit).offset(page.offset) : q;
}

function tableColumns() {
  return {
    id: trajectories.id,
    organizationId: trajectories.organizationId,
    contractId: trajectories.contractId,
    productId: trajectories.productId,
    clientCode: trajectories.clientCode,
    birthYear: trajectories.birthYear,
    municipalityId: trajectories.municipalityId,
    allocationNumber: trajectories.allocationNumber,
    coordinatorId: trajectories.coordinatorId,
    leadClinician: trajectories.leadClinician,
    referrerType: trajectories.referrerType,
    startsOn: trajectories.startsOn,
    endsOn: trajectories.endsOn,
    allocatedVolume: trajectories.allocatedVolume,
    status: trajectories.status,
    reviewDoneOn: trajectories.reviewDoneOn,
    version: trajectories.version,
    createdBy: trajectories.createdBy,
    createdAt: trajectories.createdAt,
  };
}

/**
 * The list: all for the board and office staff, their own for a practitioner, a page
 * at a time (open ones first; `page` from the URL; `all` for the CSV). The look is
 * logged as one `trajectory.list_read` row naming the trajectories shown.
 */
export async function listTrajectories(ctx: MemberContext, filters: TrajectoryFilters, today = todayInAmsterdam(), view: { page?: number; all?: boolean; sort?: SortState<TrajectorySortKey> } = {}) {
  const sort = view.sort;
  return withTenant(ctx.org.id, async (tx) => {
    let shown: Awaited<ReturnType<typeof withWarnings<Awaited<ReturnType<typeof selectTrajectories>>[number]>>>;
    let paging: Paging;
    if (filters.warnings || view.all) {
      // Warnings are computed by the rules, not SQL: the filter needs every candidate's.
      const all = await withWarnings(tx, ctx.org.id, await selectTrajectories(tx, ctx, filters, undefined, sort), today);
      const kept = filters.warnings ? all.filter((r) => r.warnings.length > 0) : all;
      paging = view.all ? pageOf(kept.length, 1, Math.max(1, kept.length)) : pageOf(kept.length, view.page);
      shown = kept.slice(paging.offset, paging.offset + paging.size);
    } else {
      const wanted = Math.max(1, view.page ?? 1);
      let rows = await selectTrajectories(tx, ctx, filters, { limit: PAGE_SIZE, offset: (wanted - 1) * PAGE_SIZE }, sort);
      if (rows.length === 0 && wanted > 1) {
        // Past the last page (a link kept while rows went away): the last page instead.
        const [first] = await selectTrajectories(tx, ctx, filters, { limit: 1, offset: 0 });
        paging = pageOf(first?.total ?? 0, wanted);
        if (first) rows = await selectTrajectories(tx, ctx, filters, { limit: PAGE_SIZE, offset: paging.offset }, sort);
      } else {
        paging = pageOf(rows[0]?.total ?? 0, wanted);
      }
      shown = await withWarnings(tx, ctx.org.id, rows, today);
    }
    const listRead: AuditEntry | null = shown.length
      ? { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.list_read", entityType: "trajectory", entityId: null, after: { ids: shown.map((r) => r.row.id), ...(view.all ? { export: "csv" } : { page: paging.page }) }, ip: ctx.ip }
      : null;
    let contractOptions: { id: string; name: string }[] = [];
    if (view.all) {
      if (listRead) await audit(tx, listRead);
    } else {
      // The look is logged in the statement that reads the contract filter's options
      // (a data-modifying CTE): one round trip instead of two, the same audit row.
      const columns = { id: contracts.id, name: contracts.name };
      const ofOrg = eq(contracts.organizationId, ctx.org.id);
      const order = [asc(contracts.name), asc(contracts.id)];
      if (listRead) {
        const logged = tx.$with("logged").as(tx.insert(auditLog).values(auditRow(listRead)).returning({ id: auditLog.id }));
        contractOptions = await tx.with(logged).select(columns).from(contracts).where(ofOrg).orderBy(...order);
      } else {
        contractOptions = await tx.select(columns).from(contracts).where(ofOrg).orderBy(...order);
      }
    }
    return {
      contracts: contractOptions,
      paging: { page: paging.page, pages: paging.pages, total: paging.total, from: paging.from, to: paging.to },
      trajectories: shown.map((r) => ({
        id: r.row.id,
        clientCode: r.row.clientCode,
        allocationNumber: r.row.allocationNumber,
        contractId: r.row.contractId,
        contractName: r.row.contractName,
        productName: r.row.productName,
        productCode: r.row.productCode,
        unit: r.row.unit,
        coordinatorName: r.row.coordinatorName,
        municipalityName: r.row.municipalityName,
        birthYear: r.row.birthYear,
        referrerType: r.row.referrerType,
        startsOn: r.row.startsOn,
        endsOn: r.row.endsOn,
        status: r.row.status,
        allocated: allowedVolume(r.facts),
        usedDirect: r.usedDirect,
        usedIndirect: r.usedIndirect,
        maxVolume: r.rules?.maxVolume ?? null,
        warnings: r.warnings,
      })),
    };
  });
}

/** What the new-trajectory form offers: contracts, their products (with the limits), municipalities, practitioners. */
export async function trajectoryFormOptions(ctx: MemberContext, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const contractRows = await tx
      .select({ id: contracts.id, name: contracts.name })
      .from(contracts)
      .where(eq(contracts.organizationId, ctx.org.id))
      .orderBy(asc(contracts.name));
    const products = await tx
      .select({ id: contractProducts.id, contractId: contractProducts.contractId, name: contractProducts.name, code: contractProducts.code, unit: contractProducts.unit, requiresLeadClinician: contractProducts.requiresLeadClinician })
      .from(contractProducts)
      .where(eq(contractProducts.organizationId, ctx.org.id))
      .orderBy(asc(contractProducts.name));
    const rules = await rulesByProduct(
      tx,
      ctx.org.id,
      products.map((p) => p.id),
    );
    const munis = await tx
      .select({ id: municipalities.id, name: municipalities.name })
      .from(municipalities)
      .where(or(isNull(municipalities.organizationId), eq(municipalities.organizationId, ctx.org.id)))
      .orderBy(asc(municipalities.name));
    const practitioners = (await loadPractitioners(tx, ctx.org.id)).filter((p) => p.status !== "left");
    return {
      contracts: contractRows,
      products: products.map((p) => ({ ...p, maxVolume: rulesOn(rules.get(p.id) ?? [], today)?.maxVolume ?? null })),
      municipalities: munis,
      practitioners: practitioners.map((p) => ({ id: p.id, name: p.name })),
    };
  });
}

async function practitionerOf(tx: Tx, orgId: string, memberId: string) {
  const [m] = await tx
    .select({ id: members.id, name: members.name, type: members.type, status: members.status })
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.organizationId, orgId)));
  return m && m.type !== "office_staff" && m.status !== "left" ? m : null;
}

/** A new trajectory; every id is checked to be this cooperative's (a 400 beside its field). */
export async function createTrajectory(ctx: MemberContext, input: TrajectoryInput) {
  return withTenant(ctx.org.id, async (tx) => {
    const [contract] = await tx
      .select({ id: contracts.id, startsOn: contracts.startsOn, endsOn: contracts.endsOn, latestEndOn: contracts.latestEndOn })
      .from(contracts)
      .where(and(eq(contracts.id, input.contractId), eq(contracts.organizationId, ctx.org.id)));
    if (!contract) throw new AppError("invalid", "errors.invalid", "contractId");
    // Within the contract's period (with every extension option taken).
    if (contract.startsOn && input.startsOn < contract.startsOn) throw new AppError("invalid", "trajectories.errors.outsideContract", "startsOn");
    const contractEnd = contract.latestEndOn ?? contract.endsOn;
    if (contractEnd && input.endsOn > contractEnd) throw new AppError("invalid", "trajectories.errors.outsideContract", "endsOn");
    const [product] = await tx
      .select()
      .from(contractProducts)
      .where(and(eq(contractProducts.id, input.productId), eq(contractProducts.organizationId, ctx.org.id), eq(contractProducts.contractId, contract.id)));
    if (!product) throw new AppError("invalid", "trajectories.errors.productOfContract", "productId");
    const [muni] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(and(eq(municipalities.id, input.municipalityId), or(isNull(municipalities.organizationId), eq(municipalities.organizationId, ctx.org.id))));
    if (!muni) throw new AppError("invalid", "errors.invalid", "municipalityId");
    const coordinator = await practitionerOf(tx, ctx.org.id, input.coordinatorId);
    if (!coordinator) throw new AppError("invalid", "errors.invalid", "coordinatorId");
    const time = isTimeUnit(product.unit);
    const allocatedVolume = time ? input.allocatedHours : Math.floor(input.allocatedHours / 60);
    const rules = rulesOn((await rulesByProduct(tx, ctx.org.id, [product.id])).get(product.id) ?? [], input.startsOn);
    if (rules?.maxVolume != null && allocatedVolume > rules.maxVolume) throw new AppError("invalid", "trajectories.errors.aboveMaxVolume", "allocatedHours");
    if (product.requiresLeadClinician && !input.leadClinician) throw new AppError("invalid", "trajectories.errors.leadClinicianRequired", "leadClinician");
    const values = {
      organizationId: ctx.org.id,
      contractId: contract.id,
      productId: product.id,
      clientCode: input.clientCode,
      birthYear: input.birthYear,
      municipalityId: muni.id,
      allocationNumber: input.allocationNumber,
      coordinatorId: coordinator.id,
      leadClinician: input.leadClinician,
      referrerType: input.referrerType,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      allocatedVolume,
      createdBy: ctx.user.id,
    };
    let row: TrajectoryRow;
    try {
      [row] = await tx.insert(trajectories).values(values).returning();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "trajectories.errors.duplicate", "clientCode");
      throw error;
    }
    const { organizationId: _o, createdBy: _c, ...after } = values;
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.created", entityType: "trajectory", entityId: row.id, after, ip: ctx.ip });
    return row;
  });
}

/** One trajectory with everything its page shows; the read is logged. */
export async function getTrajectory(ctx: MemberContext, id: string, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadTrajectory(tx, ctx, id);
    const [row] = await selectTrajectories(tx, ctx, { id });
    if (!row) throw new AppError("not_found");
    const [view] = await withWarnings(tx, ctx.org.id, [row], today);
    const me = await myMemberId(tx, ctx);
    const additional = await tx
      .select({ id: members.id, name: members.name })
      .from(trajectoryPractitioners)
      .innerJoin(members, eq(members.id, trajectoryPractitioners.memberId))
      .where(and(eq(trajectoryPractitioners.organizationId, ctx.org.id), eq(trajectoryPractitioners.trajectoryId, id)))
      .orderBy(asc(members.name));
    const extensions = await tx
      .select({ id: trajectoryExtensions.id, number: trajectoryExtensions.number, grantedOn: trajectoryExtensions.grantedOn, grantedByReferrer: trajectoryExtensions.grantedByReferrer, previousEndsOn: trajectoryExtensions.previousEndsOn, newEndsOn: trajectoryExtensions.newEndsOn, extraVolume: trajectoryExtensions.extraVolume, documentFileId: trajectoryExtensions.documentFileId })
      .from(trajectoryExtensions)
      .where(and(eq(trajectoryExtensions.organizationId, ctx.org.id), eq(trajectoryExtensions.trajectoryId, id)))
      .orderBy(asc(trajectoryExtensions.number));
    const entries = await tx
      .select({ id: timeEntries.id, workedOn: timeEntries.workedOn, memberName: members.name, directMinutes: timeEntries.directMinutes, indirectMinutes: timeEntries.indirectMinutes, note: timeEntries.note, imported: sql<boolean>`${timeEntries.importId} is not null` })
      .from(timeEntries)
      .innerJoin(members, eq(members.id, timeEntries.memberId))
      .where(and(eq(timeEntries.organizationId, ctx.org.id), eq(timeEntries.trajectoryId, id)))
      .orderBy(desc(timeEntries.workedOn), desc(timeEntries.createdAt));
    const manage = ctx.can("trajectories:manage");
    const onTrajectory = [{ id: row.coordinatorId, name: row.coordinatorName }, ...additional];
    const loggable = manage ? onTrajectory : onTrajectory.filter((p) => p.id === me);
    const others = manage ? (await loadPractitioners(tx, ctx.org.id)).filter((p) => p.status !== "left" && !onTrajectory.some((o) => o.id === p.id)).map((p) => ({ id: p.id, name: p.name })) : [];
    const nextNumber = extensions.length + 1;
    const rulesNow = view.rules;
    // The per-record read trail (NEN 7513: who, when, which record, which client): the
    // client code is kept in the row itself, so the trail reads the same if the code changes.
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.read", entityType: "trajectory", entityId: id, after: { clientCode: row.clientCode }, ip: ctx.ip });
    return {
      trajectory: {
        id: row.id,
        clientCode: row.clientCode,
        birthYear: row.birthYear,
        municipalityName: row.municipalityName,
        allocationNumber: row.allocationNumber,
        contractId: row.contractId,
        contractName: row.contractName,
        productName: row.productName,
        productCode: row.productCode,
        unit: row.unit,
        coordinatorId: row.coordinatorId,
        coordinatorName: row.coordinatorName,
        leadClinician: row.leadClinician,
        referrerType: row.referrerType,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        allocatedVolume: row.allocatedVolume,
        allowed: allowedVolume(view.facts),
        maxVolume: rulesNow?.maxVolume ?? null,
        usedDirect: view.usedDirect,
        usedIndirect: view.usedIndirect,
        status: row.status,
        reviewDoneOn: row.reviewDoneOn,
        version: row.version,
      },
      warnings: view.warnings,
      additional,
      extensions: extensions.map((e) => ({ ...e, needsDocument: extensionNeedsDocument(rulesNow, e.number) })),
      entries,
      loggable,
      others,
      nextExtension: { number: nextNumber, grantor: extensionGrantor(rulesNow, nextNumber), needsDocument: extensionNeedsDocument(rulesNow, nextNumber), documentName: rulesNow?.documentName ?? null },
      canManage: manage,
      canLog: (ctx.can("time:log") || manage) && loggable.length > 0 && row.status === "active",
    };
  });
}

/** The reason a practitioner may not deliver, as a message key beside the field. */
export const ineligibleKey = (e: Eligibility | null) => {
  // A registration's reason says most (a suspended member is usually suspended for it).
  const reason = e?.reasons.find((r) => r.code !== "not_active") ?? e?.reasons[0];
  return `timeEntries.errors.notEligible_${reason?.code ?? "missing"}`;
};

/** Who is on a trajectory: the coordinator and the additional practitioners. */
async function onTrajectory(tx: Tx, orgId: string, t: TrajectoryRow, memberId: string) {
  if (t.coordinatorId === memberId) return true;
  const [row] = await tx
    .select({ m: trajectoryPractitioners.memberId })
    .from(trajectoryPractitioners)
    .where(and(eq(trajectoryPractitioners.organizationId, orgId), eq(trajectoryPractitioners.trajectoryId, t.id), eq(trajectoryPractitioners.memberId, memberId)));
  return Boolean(row);
}

export type EntryCheck = { field: string; messageKey: string } | null;

/** Remembers a lookup by key for the life of one check run; without it, every call loads afresh. */
type Remember = <T>(key: string, load: () => Promise<T>) => Promise<T>;
const fresh: Remember = (_key, load) => load();

/**
 * checkEntry for many rows at once (the time import): the database does not change
 * while they are checked, so who is on which trajectory, each trajectory's use and
 * each eligibility answer are loaded once, not once per row.
 */
export function entryChecker(tx: Tx, orgId: string) {
  const memo = new Map<string, Promise<unknown>>();
  const remember: Remember = (key, load) => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as ReturnType<typeof load>;
  };
  return (t: TrajectoryRow & { unit: string }, entry: { memberId: string; workedOn: string; directMinutes: number }, extraUsed = 0, today = todayInAmsterdam()) =>
    checkEntry(tx, orgId, t, entry, extraUsed, today, remember);
}

/**
 * Everything that must hold before an entry is written: the practitioner on the
 * trajectory, the date in its period, the volume, and THE GATE: eligible under the
 * contract on that date. `extraUsed` counts entries accepted earlier in the same batch.
 */
export async function checkEntry(
  tx: Tx,
  orgId: string,
  t: TrajectoryRow & { unit: string },
  entry: { memberId: string; workedOn: string; directMinutes: number },
  extraUsed = 0,
  today = todayInAmsterdam(),
  remember: Remember = fresh,
): Promise<EntryCheck> {
  if (t.status !== "active") return { field: "workedOn", messageKey: "timeEntries.errors.notActive" };
  if (!(await remember(`on:${t.id}:${entry.memberId}`, () => onTrajectory(tx, orgId, t, entry.memberId)))) return { field: "memberId", messageKey: "timeEntries.errors.notOnTrajectory" };
  const facts = await remember(`facts:${t.id}`, () => factsOf(tx, orgId, [t.id]));
  const f = factsFor(t, facts, true);
  const time = isTimeUnit(t.unit as never);
  const fit = entryFits({ ...f, used: time ? f.used + extraUsed : 0, allocatedVolume: time ? t.allocatedVolume : Number.MAX_SAFE_INTEGER }, entry);
  if (fit === "before_start" || fit === "after_end") return { field: "workedOn", messageKey: `timeEntries.errors.${fit}` };
  if (entry.workedOn > today) return { field: "workedOn", messageKey: "timeEntries.errors.future" };
  if (fit === "beyond_volume") return { field: "direct", messageKey: "timeEntries.errors.beyond_volume" };
  const eligibility = await remember(`eligible:${t.contractId}:${entry.memberId}:${entry.workedOn}`, () => memberEligibility(tx, orgId, t.contractId, entry.memberId, entry.workedOn));
  if (!eligibility?.eligible) return { field: "memberId", messageKey: ineligibleKey(eligibility) };
  return null;
}

async function trajectoryWithUnit(tx: Tx, orgId: string, t: TrajectoryRow) {
  const [p] = await tx.select({ unit: contractProducts.unit }).from(contractProducts).where(and(eq(contractProducts.id, t.productId), eq(contractProducts.organizationId, orgId)));
  return { ...t, unit: p?.unit ?? "hour" };
}

/** Log time on a trajectory; a second submit of the same form (same submissionKey) writes nothing more. */
export async function logTime(ctx: MemberContext, trajectoryId: string, input: TimeEntryInput, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const t = await trajectoryWithUnit(tx, ctx.org.id, await loadTrajectory(tx, ctx, trajectoryId, true));
    const [existing] = await tx
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.organizationId, ctx.org.id), eq(timeEntries.submissionKey, input.submissionKey)));
    if (existing) {
      if (existing.trajectoryId !== t.id) throw new AppError("conflict", "errors.stale");
      return existing;
    }
    if (!ctx.can("trajectories:manage") && input.memberId !== (await myMemberId(tx, ctx))) throw new AppError("invalid", "timeEntries.errors.onlyYourself", "memberId");
    const problem = await checkEntry(tx, ctx.org.id, t, { memberId: input.memberId, workedOn: input.workedOn, directMinutes: input.direct }, 0, today);
    if (problem) throw new AppError("invalid", problem.messageKey, problem.field);
    const values = {
      organizationId: ctx.org.id,
      trajectoryId: t.id,
      memberId: input.memberId,
      workedOn: input.workedOn,
      directMinutes: input.direct,
      indirectMinutes: input.indirect,
      note: input.note,
      submissionKey: input.submissionKey,
      createdBy: ctx.user.id,
    };
    const [row] = await tx.insert(timeEntries).values(values).returning();
    await addTimeEntryTotals(tx, ctx.org.id, [row]);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "time_entry.created", entityType: "time_entry", entityId: row.id, after: { trajectoryId: t.id, memberId: values.memberId, workedOn: values.workedOn, directMinutes: values.directMinutes, indirectMinutes: values.indirectMinutes }, ip: ctx.ip });
    await afterTimeLogged(tx, { organizationId: ctx.org.id, contractId: t.contractId, memberIds: [values.memberId], today });
    return row;
  });
}

export type ExtensionDocument = Upload;

/**
 * Grant the next extension. The coordinating practitioner may grant up to the rules'
 * extensionsWithoutReferrer (in force on the grant date); beyond that the referrer
 * must have granted it (ticked). The extension the rules name asks for its document;
 * without one it is saved and a warning shows.
 */
export async function grantExtension(ctx: MemberContext, trajectoryId: string, input: ExtensionInput, document: ExtensionDocument | null) {
  const doc = checkOptionalUpload(document, "document");
  return withTenant(ctx.org.id, async (tx) => {
    const t = await loadTrajectory(tx, ctx, trajectoryId, true);
    // The board and office staff record extensions, and the coordinating practitioner grants their own.
    if (!ctx.can("trajectories:manage") && (await myMemberId(tx, ctx)) !== t.coordinatorId) throw new AppError("forbidden");
    if (t.version !== input.version) throw new AppError("conflict", "errors.stale");
    if (t.status !== "active") throw new AppError("invalid", "timeEntries.errors.notActive", "grantedOn");
    if (input.newEndsOn <= t.endsOn) throw new AppError("invalid", "trajectories.errors.newEndAfter", "newEndsOn");
    const [{ count }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(trajectoryExtensions)
      .where(and(eq(trajectoryExtensions.organizationId, ctx.org.id), eq(trajectoryExtensions.trajectoryId, t.id)));
    const number = count + 1;
    const rules = rulesOn((await rulesByProduct(tx, ctx.org.id, [t.productId])).get(t.productId) ?? [], input.grantedOn);
    if (extensionGrantor(rules, number) === "referrer" && !input.grantedByReferrer) throw new AppError("invalid", "trajectories.errors.referrerMustGrant", "grantedByReferrer");
    const documentFileId = doc ? await storeFile(tx, { organizationId: ctx.org.id, userId: ctx.user.id }, doc) : null;
    const values = {
      organizationId: ctx.org.id,
      trajectoryId: t.id,
      number,
      grantedOn: input.grantedOn,
      grantedByReferrer: input.grantedByReferrer,
      grantedBy: input.grantedByReferrer ? null : t.coordinatorId,
      previousEndsOn: t.endsOn,
      newEndsOn: input.newEndsOn,
      extraVolume: input.extraHours,
      documentFileId,
      createdBy: ctx.user.id,
    };
    const [ext] = await tx.insert(trajectoryExtensions).values(values).returning();
    await tx
      .update(trajectories)
      .set({ endsOn: input.newEndsOn, version: t.version + 1 })
      .where(and(eq(trajectories.id, t.id), eq(trajectories.organizationId, ctx.org.id)));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.extended", entityType: "trajectory", entityId: t.id, before: { endsOn: t.endsOn }, after: { number, grantedOn: values.grantedOn, grantedByReferrer: values.grantedByReferrer, newEndsOn: values.newEndsOn, extraVolume: values.extraVolume, document: doc ? { filename: doc.filename, sha256: doc.sha256 } : null }, ip: ctx.ip });
    return { ...ext, documentMissing: extensionNeedsDocument(rules, number) && !doc };
  });
}

/** The document an extension asked for, added later (the warning then goes). */
export async function attachExtensionDocument(ctx: MemberContext, trajectoryId: string, extensionId: string, document: ExtensionDocument | null) {
  const doc = checkOptionalUpload(document, "document");
  if (!doc) throw new AppError("invalid", "errors.required", "document");
  return withTenant(ctx.org.id, async (tx) => {
    const t = await loadTrajectory(tx, ctx, trajectoryId, true);
    if (!ctx.can("trajectories:manage") && (await myMemberId(tx, ctx)) !== t.coordinatorId) throw new AppError("forbidden");
    const [ext] = await tx
      .select()
      .from(trajectoryExtensions)
      .where(and(eq(trajectoryExtensions.id, extensionId), eq(trajectoryExtensions.organizationId, ctx.org.id), eq(trajectoryExtensions.trajectoryId, t.id)));
    if (!ext) throw new AppError("invalid", "errors.invalid", "extensionId");
    const fileId = await storeFile(tx, { organizationId: ctx.org.id, userId: ctx.user.id }, doc);
    await tx.update(trajectoryExtensions).set({ documentFileId: fileId }).where(eq(trajectoryExtensions.id, ext.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.extension_document", entityType: "trajectory", entityId: t.id, before: { documentFileId: ext.documentFileId }, after: { number: ext.number, document: { filename: doc.filename, sha256: doc.sha256 } }, ip: ctx.ip });
  });
}

/** Add an additional practitioner (a practitioner of this cooperative); twice is once. */
export async function addPractitioner(ctx: MemberContext, trajectoryId: string, memberId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const t = await loadTrajectory(tx, ctx, trajectoryId, true);
    const m = await practitionerOf(tx, ctx.org.id, memberId);
    if (!m) throw new AppError("invalid", "errors.invalid", "memberId");
    if (m.id === t.coordinatorId) return;
    const inserted = await tx.insert(trajectoryPractitioners).values({ organizationId: ctx.org.id, trajectoryId: t.id, memberId: m.id }).onConflictDoNothing().returning();
    if (inserted.length) await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.practitioner_added", entityType: "trajectory", entityId: t.id, after: { memberId: m.id }, ip: ctx.ip });
  });
}

export async function removePractitioner(ctx: MemberContext, trajectoryId: string, memberId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const t = await loadTrajectory(tx, ctx, trajectoryId, true);
    const removed = await tx
      .delete(trajectoryPractitioners)
      .where(and(eq(trajectoryPractitioners.organizationId, ctx.org.id), eq(trajectoryPractitioners.trajectoryId, t.id), eq(trajectoryPractitioners.memberId, memberId)))
      .returning();
    if (!removed.length) throw new AppError("invalid", "errors.invalid", "memberId");
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.practitioner_removed", entityType: "trajectory", entityId: t.id, before: { memberId }, ip: ctx.ip });
  });
}

async function updateTrajectory(ctx: MemberContext, trajectoryId: string, version: number, set: Partial<Pick<TrajectoryRow, "status" | "reviewDoneOn">>, action: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const t = await loadTrajectory(tx, ctx, trajectoryId, true);
    if (t.version !== version) throw new AppError("conflict", "errors.stale");
    await tx
      .update(trajectories)
      .set({ ...set, version: t.version + 1 })
      .where(and(eq(trajectories.id, t.id), eq(trajectories.organizationId, ctx.org.id)));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action, entityType: "trajectory", entityId: t.id, before: { status: t.status, reviewDoneOn: t.reviewDoneOn }, after: set, ip: ctx.ip });
  });
}

export const setStatus = (ctx: MemberContext, id: string, status: "active" | "completed" | "stopped", version: number) => updateTrajectory(ctx, id, version, { status }, "trajectory.status_changed");
export const recordReview = (ctx: MemberContext, id: string, reviewDoneOn: string, version: number) => updateTrajectory(ctx, id, version, { reviewDoneOn }, "trajectory.reviewed");

/** The list as CSV rows (same scope as the list; the read is logged). */
export async function trajectoriesCsv(ctx: MemberContext, filters: TrajectoryFilters, today = todayInAmsterdam()) {
  const { trajectories: rows } = await listTrajectories(ctx, filters, today, { all: true });
  return rows;
}

/** Active trajectories with a warning, for the compliance dashboard (see attention.server.ts). */
export async function warningsOfActive(tx: Tx, orgId: string, today: string, contractIds?: readonly string[]) {
  const rows = await tx
    .select({ ...tableColumns(), unit: contractProducts.unit, productName: contractProducts.name, coordinatorName: members.name })
    .from(trajectories)
    .innerJoin(contractProducts, eq(contractProducts.id, trajectories.productId))
    .innerJoin(members, eq(members.id, trajectories.coordinatorId))
    .where(and(eq(trajectories.organizationId, orgId), eq(trajectories.status, "active"), contractIds ? inArray(trajectories.contractId, contractIds.length ? [...contractIds] : [NONE]) : undefined))
    .orderBy(asc(trajectories.endsOn));
  return (await withWarnings(tx, orgId, rows, today)).filter((r) => r.warnings.length > 0);
}


/**
 * Active trajectories with their warnings, usage and the members working on them
 * (coordinator and practitioners), for Vandaag (see attention.server.ts); only those
 * `memberId` is involved in when given. Two statements, as warningsOfActive.
 */
export async function activeForAttention(tx: Tx, orgId: string, today: string, memberId?: string | null) {
  const rows = await tx
    .select({
      ...tableColumns(),
      unit: contractProducts.unit,
      productName: contractProducts.name,
      practitionerIds: sql`coalesce((select json_agg(tp.member_id) from ${trajectoryPractitioners} tp where tp.organization_id = ${orgId} and tp.trajectory_id = "trajectories"."id"), '[]'::json)`.mapWith((v) => parsedJson(v) as string[]),
    })
    .from(trajectories)
    .innerJoin(contractProducts, eq(contractProducts.id, trajectories.productId))
    .where(and(eq(trajectories.organizationId, orgId), eq(trajectories.status, "active"), memberId === undefined ? undefined : involving(memberId)))
    .orderBy(asc(trajectories.endsOn), asc(trajectories.clientCode));
  return (await withWarnings(tx, orgId, rows, today)).map((r) => ({
    ...r,
    allowed: allowedVolume(r.facts),
    timeUnit: isTimeUnit(r.row.unit as never),
    involved: [...new Set([r.row.coordinatorId, ...r.row.practitionerIds])],
  }));
}
