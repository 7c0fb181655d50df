import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { municipalities, regions } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";

// Reference data: regions and municipalities. Built-in rows (organization_id null)
// are everyone's; a cooperative adds its own. Every query names both sides
// explicitly ("null or mine"), beside the row-level policy that says the same.

const visibleRegion = (orgId: string) => or(isNull(regions.organizationId), eq(regions.organizationId, orgId));
const visibleMunicipality = (orgId: string) => or(isNull(municipalities.organizationId), eq(municipalities.organizationId, orgId));

/** Regions with their municipalities (built-in and the cooperative's own), and those without a region. */
export async function listReference(ctx: MemberContext) {
  return withTenant(ctx.org.id, async (tx) => {
    const rs = await tx.select().from(regions).where(visibleRegion(ctx.org.id)).orderBy(asc(regions.name));
    const ms = await tx.select().from(municipalities).where(visibleMunicipality(ctx.org.id)).orderBy(asc(municipalities.name));
    const view = (m: typeof municipalities.$inferSelect) => ({ id: m.id, name: m.name, own: m.organizationId !== null });
    return {
      regions: rs.map((r) => ({ id: r.id, name: r.name, own: r.organizationId !== null, municipalities: ms.filter((m) => m.regionId === r.id).map(view) })),
      loose: ms.filter((m) => !m.regionId || !rs.some((r) => r.id === m.regionId)).map(view),
    };
  });
}

/** A region the cooperative may use (built-in or its own), or a 400 beside the field. */
export async function visibleRegionById(tx: Tx, orgId: string, regionId: string, field = "regionId") {
  const [row] = await tx.select().from(regions).where(and(eq(regions.id, regionId), visibleRegion(orgId)));
  if (!row) throw new AppError("invalid", "reference.errors.unknownRegion", field);
  return row;
}

/** The municipalities the cooperative may use among these ids; any other id is a 400 beside the field. */
export async function visibleMunicipalitiesByIds(tx: Tx, orgId: string, ids: string[], field = "municipalityIds") {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await tx.select().from(municipalities).where(and(inArray(municipalities.id, unique), visibleMunicipality(orgId)));
  if (rows.length !== unique.length) throw new AppError("invalid", "reference.errors.unknownMunicipality", field);
  return rows;
}

function nameTaken(messageKey: string) {
  return (error: unknown): never => {
    // Two people adding the same name at once: the unique index decides.
    if (isUniqueViolation(error)) throw new AppError("invalid", messageKey, "name");
    throw error;
  };
}

/** A region of the cooperative's own. Its name may not repeat a built-in or own region (case aside). */
export async function addRegion(ctx: MemberContext, name: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const [taken] = await tx.select({ id: regions.id }).from(regions).where(and(visibleRegion(ctx.org.id), sql`lower(${regions.name}) = ${name.toLowerCase()}`));
    if (taken) throw new AppError("invalid", "reference.errors.regionTaken", "name");
    const [row] = await tx.insert(regions).values({ organizationId: ctx.org.id, name }).returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "region.added", entityType: "region", entityId: row.id, after: { name }, ip: ctx.ip });
    return row;
  }).catch(nameTaken("reference.errors.regionTaken"));
}

/** A municipality of the cooperative's own, optionally in a region it may use. */
export async function addMunicipality(ctx: MemberContext, input: { name: string; regionId?: string }) {
  return withTenant(ctx.org.id, async (tx) => {
    const region = input.regionId ? await visibleRegionById(tx, ctx.org.id, input.regionId) : null;
    const [taken] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(and(visibleMunicipality(ctx.org.id), sql`lower(${municipalities.name}) = ${input.name.toLowerCase()}`));
    if (taken) throw new AppError("invalid", "reference.errors.municipalityTaken", "name");
    const [row] = await tx.insert(municipalities).values({ organizationId: ctx.org.id, name: input.name, regionId: region?.id ?? null }).returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "municipality.added", entityType: "municipality", entityId: row.id, after: { name: input.name, regionId: region?.id ?? null }, ip: ctx.ip });
    return row;
  }).catch(nameTaken("reference.errors.municipalityTaken"));
}
