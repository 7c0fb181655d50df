import { contractStatusOn, todayInAmsterdam } from "@koepel/rules";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { contractContacts, contractDocuments, contractMunicipalities, contracts, files, municipalities, regions, users } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { currentReadingContext } from "~/lib/request-context.server";
import { rebuildTimeEntryTotals } from "~/modules/budget/totals.server";
import { audit } from "../audit/audit.server";
import { visibleMunicipalitiesByIds, visibleRegionById } from "./reference.server";
import type { ContactInput, ContractFilter, ContractInput } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

type Contract = typeof contracts.$inferSelect;

/** A contract of this cooperative, or "not found" (also for an id of another cooperative). */
export async function loadContract(tx: Tx, orgId: string, contractId: string, lock = false): Promise<Contract> {
  if (!UUID.test(contractId)) throw new AppError("not_found");
  // A loader reads, so the row cannot change within its request: the contract's layout
  // and its section (the budget, the eligibility column) share one read. Actions and
  // locked reads always go to the database.
  const reading = lock ? undefined : currentReadingContext();
  if (reading) return reading.memo(`contract:${orgId}:${contractId}`, () => selectContract(tx, orgId, contractId, false));
  return selectContract(tx, orgId, contractId, lock);
}

async function selectContract(tx: Tx, orgId: string, contractId: string, lock: boolean): Promise<Contract> {
  const query = tx.select().from(contracts).where(and(eq(contracts.id, contractId), eq(contracts.organizationId, orgId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  return row;
}

/** What the contract's layout shows above its sections. */
export async function getContractHeader(ctx: MemberContext, contractId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    return { id: c.id, name: c.name, kind: c.kind, lot: c.lot, startsOn: c.startsOn, endsOn: c.endsOn };
  });
}

/** The client in words: the region's name, the municipalities, or the main contractor. */
async function clientsOf(tx: Tx, orgId: string, rows: Contract[]) {
  const ids = rows.map((r) => r.id);
  const regionIds = [...new Set(rows.map((r) => r.regionId).filter((id): id is string => id !== null))];
  const regionNames = new Map(
    regionIds.length ? (await tx.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, regionIds))).map((r) => [r.id, r.name] as const) : [],
  );
  const links = ids.length
    ? await tx
        .select({ contractId: contractMunicipalities.contractId, id: municipalities.id, name: municipalities.name })
        .from(contractMunicipalities)
        .innerJoin(municipalities, eq(municipalities.id, contractMunicipalities.municipalityId))
        .where(and(eq(contractMunicipalities.organizationId, orgId), inArray(contractMunicipalities.contractId, ids)))
        .orderBy(asc(municipalities.name))
    : [];
  return (c: Contract) => {
    const own = links.filter((l) => l.contractId === c.id).map((l) => ({ id: l.id, name: l.name }));
    const regionName = c.regionId ? (regionNames.get(c.regionId) ?? null) : null;
    const label = c.clientKind === "main_contractor" ? (c.mainContractor ?? "") : c.clientKind === "region" ? (regionName ?? "") : own.map((m) => m.name).join(", ");
    return { regionName, municipalities: own, clientLabel: label };
  };
}

/** The contracts list with its filters (kind; status on `today`); the CSV export uses the same query. */
export async function listContracts(ctx: MemberContext, filter: ContractFilter, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const where: SQL[] = [eq(contracts.organizationId, ctx.org.id)];
    if (filter.kind) where.push(eq(contracts.kind, filter.kind));
    if (filter.status === "running") where.push(sql`${contracts.startsOn} <= ${today} and ${contracts.endsOn} >= ${today}`);
    if (filter.status === "ended") where.push(sql`${contracts.endsOn} < ${today}`);
    if (filter.status === "upcoming") where.push(sql`${contracts.startsOn} > ${today}`);
    const rows = await tx
      .select()
      .from(contracts)
      .where(and(...where))
      .orderBy(desc(contracts.endsOn), asc(contracts.name));
    const client = await clientsOf(tx, ctx.org.id, rows);
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      reference: c.reference,
      kind: c.kind,
      lot: c.lot,
      clientKind: c.clientKind,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      latestEndOn: c.latestEndOn,
      status: contractStatusOn(c, today),
      ...client(c),
    }));
  });
}

/** Which client fields to store for the kind of client; other fields are cleared. */
async function clientColumns(tx: Tx, orgId: string, input: ContractInput) {
  const region = input.regionId && input.clientKind !== "main_contractor" ? await visibleRegionById(tx, orgId, input.regionId) : null;
  const towns = input.clientKind === "main_contractor" ? [] : await visibleMunicipalitiesByIds(tx, orgId, input.municipalityIds);
  return {
    columns: { clientKind: input.clientKind, regionId: region?.id ?? null, mainContractor: input.clientKind === "main_contractor" ? (input.mainContractor ?? null) : null },
    municipalityIds: towns.map((m) => m.id),
  };
}

function columnsOf(input: ContractInput) {
  return {
    name: input.name,
    reference: input.reference || null,
    kind: input.kind,
    lot: input.lot || null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    extensionOptions: input.extensionOptions || null,
    latestEndOn: input.latestEndOn ?? null,
    evaluationDates: [...new Set(input.evaluationDates)].sort(),
    financing: input.financing,
    indirectTime: input.indirectTime,
    indirectSharePercent: input.indirectTime === "share" ? (input.indirectSharePercent ?? null) : null,
    stopsWhenBudgetSpent: input.stopsWhenBudgetSpent,
    notes: input.notes || null,
  };
}

async function assertNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.organizationId, orgId), sql`lower(${contracts.name}) = ${name.toLowerCase()}`, exceptId ? sql`${contracts.id} <> ${exceptId}` : undefined));
  if (taken) throw new AppError("conflict", "contracts.errors.nameTaken", "name");
}

function nameTaken(error: unknown): never {
  // A double submit: the unique name per cooperative decides, one contract is made.
  if (isUniqueViolation(error)) throw new AppError("conflict", "contracts.errors.nameTaken", "name");
  throw error;
}

/** The board records a contract. The name is unique in the cooperative, so a double submit makes one. */
export async function createContract(ctx: MemberContext, input: ContractInput) {
  return withTenant(ctx.org.id, async (tx) => {
    await assertNameFree(tx, ctx.org.id, input.name);
    const client = await clientColumns(tx, ctx.org.id, input);
    const values = { ...columnsOf(input), ...client.columns };
    const [row] = await tx
      .insert(contracts)
      .values({ organizationId: ctx.org.id, ...values, createdBy: ctx.user.id })
      .returning();
    if (client.municipalityIds.length) {
      await tx.insert(contractMunicipalities).values(client.municipalityIds.map((municipalityId) => ({ organizationId: ctx.org.id, contractId: row.id, municipalityId })));
    }
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "contract.created", entityType: "contract", entityId: row.id, after: { ...values, municipalityIds: client.municipalityIds }, ip: ctx.ip });
    return row;
  }).catch(nameTaken);
}

/** The board edits a contract's details; a stale version is a 409. */
export async function updateContract(ctx: MemberContext, contractId: string, input: ContractInput & { version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const before = await loadContract(tx, ctx.org.id, contractId, true);
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    await assertNameFree(tx, ctx.org.id, input.name, before.id);
    const client = await clientColumns(tx, ctx.org.id, input);
    const values = { ...columnsOf(input), ...client.columns };
    const [after] = await tx
      .update(contracts)
      .set({ ...values, version: before.version + 1 })
      .where(and(eq(contracts.id, before.id), eq(contracts.organizationId, ctx.org.id)))
      .returning();
    // The contract's own indirect-time terms price every entry before its first amendment.
    if (before.indirectTime !== after.indirectTime || before.indirectSharePercent !== after.indirectSharePercent) await rebuildTimeEntryTotals(tx, ctx.org.id, [before.id]);
    const oldTowns = await tx
      .select({ id: contractMunicipalities.municipalityId })
      .from(contractMunicipalities)
      .where(and(eq(contractMunicipalities.organizationId, ctx.org.id), eq(contractMunicipalities.contractId, before.id)));
    await tx.delete(contractMunicipalities).where(and(eq(contractMunicipalities.organizationId, ctx.org.id), eq(contractMunicipalities.contractId, before.id)));
    if (client.municipalityIds.length) {
      await tx.insert(contractMunicipalities).values(client.municipalityIds.map((municipalityId) => ({ organizationId: ctx.org.id, contractId: before.id, municipalityId })));
    }
    const beforeValues = Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof Contract]]));
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "contract.updated",
      entityType: "contract",
      entityId: before.id,
      before: { ...beforeValues, municipalityIds: oldTowns.map((t) => t.id).sort() },
      after: { ...values, municipalityIds: [...client.municipalityIds].sort() },
      ip: ctx.ip,
    });
    return after;
  }).catch(nameTaken);
}

/** Everything on the contract's overview: details, client, contacts, documents. */
export async function getContract(ctx: MemberContext, contractId: string, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    const client = (await clientsOf(tx, ctx.org.id, [c]))(c);
    const contacts = await tx
      .select({ id: contractContacts.id, name: contractContacts.name, role: contractContacts.role, email: contractContacts.email, phone: contractContacts.phone })
      .from(contractContacts)
      .where(and(eq(contractContacts.organizationId, ctx.org.id), eq(contractContacts.contractId, c.id)))
      .orderBy(asc(contractContacts.name));
    const documents = await tx
      .select({
        id: contractDocuments.id,
        title: contractDocuments.title,
        amendmentId: contractDocuments.amendmentId,
        filename: files.filename,
        sizeBytes: files.sizeBytes,
        createdAt: contractDocuments.createdAt,
        by: users.name,
      })
      .from(contractDocuments)
      .innerJoin(files, and(eq(files.id, contractDocuments.fileId), eq(files.organizationId, ctx.org.id)))
      .leftJoin(users, eq(users.id, contractDocuments.createdBy))
      .where(and(eq(contractDocuments.organizationId, ctx.org.id), eq(contractDocuments.contractId, c.id)))
      .orderBy(desc(contractDocuments.createdAt));
    return {
      contract: { ...c, status: contractStatusOn(c, today), createdAt: c.createdAt.toISOString() },
      ...client,
      contacts,
      documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    };
  });
}

/** A contact person at the client (contract manager, buyer, CJG coordinator). */
export async function addContact(ctx: MemberContext, contractId: string, input: Omit<ContactInput, "intent">) {
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    const values = { name: input.name, role: input.role || null, email: input.email?.toLowerCase() || null, phone: input.phone || null };
    const [row] = await tx.insert(contractContacts).values({ organizationId: ctx.org.id, contractId: c.id, ...values }).returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "contract.contact_added", entityType: "contract", entityId: c.id, after: { contactId: row.id, ...values }, ip: ctx.ip });
    return row;
  });
}

export async function removeContact(ctx: MemberContext, contractId: string, contactId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    const [row] = await tx
      .delete(contractContacts)
      .where(and(eq(contractContacts.id, contactId), eq(contractContacts.organizationId, ctx.org.id), eq(contractContacts.contractId, c.id)))
      .returning();
    if (!row) throw new AppError("not_found");
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "contract.contact_removed", entityType: "contract", entityId: c.id, before: { contactId: row.id, name: row.name, role: row.role, email: row.email, phone: row.phone }, ip: ctx.ip });
  });
}

/**
 * The municipalities a contract serves, for other parts' selects (a trajectory's
 * municipality): those linked to the contract, or else every municipality of its
 * region (built-in and the cooperative's own); none for a main contractor.
 */
export async function contractMunicipalityOptions(ctx: MemberContext, contractId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    const linked = await tx
      .select({ id: municipalities.id, name: municipalities.name })
      .from(contractMunicipalities)
      .innerJoin(municipalities, eq(municipalities.id, contractMunicipalities.municipalityId))
      .where(and(eq(contractMunicipalities.organizationId, ctx.org.id), eq(contractMunicipalities.contractId, c.id)))
      .orderBy(asc(municipalities.name));
    if (linked.length || !c.regionId) return linked;
    return tx
      .select({ id: municipalities.id, name: municipalities.name })
      .from(municipalities)
      .where(and(eq(municipalities.regionId, c.regionId), sql`(${municipalities.organizationId} is null or ${municipalities.organizationId} = ${ctx.org.id})`))
      .orderBy(asc(municipalities.name));
  });
}
