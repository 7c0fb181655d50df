import { and, asc, count, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~db/client";
import { auditLog, users } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { READ_ACTIONS } from "./actions";
import { entityLabel, labelled, resolveLabels } from "./labels.server";
import { AUDIT_PAGE_SIZE, type AuditFilter } from "./schemas";
import { ACCESS_REFUSED } from "./refused.server";

/**
 * The rows a cooperative's board may read: its own, plus refused attempts on its
 * slug by people who are not members (those carry no organization_id, see
 * refused.server.ts). Row-level security allows the same and no more (migration
 * 0004_audit_log_refused_access), so a mistake here cannot widen it.
 */
function scope(ctx: MemberContext): SQL {
  return or(
    eq(auditLog.organizationId, ctx.org.id),
    and(isNull(auditLog.organizationId), eq(auditLog.action, ACCESS_REFUSED), sql`${auditLog.after}->>'slug' = ${ctx.org.slug}`),
  ) as SQL;
}

function where(ctx: MemberContext, f: Omit<AuditFilter, "page">): SQL {
  const conditions: SQL[] = [scope(ctx)];
  // Calendar days in Amsterdam: "to" includes the whole of that day.
  if (f.from) conditions.push(sql`${auditLog.createdAt} >= (${f.from}::date)::timestamp at time zone 'Europe/Amsterdam'`);
  if (f.to) conditions.push(sql`${auditLog.createdAt} < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`);
  if (f.actor) conditions.push(eq(auditLog.actorUserId, f.actor));
  if (f.action) conditions.push(eq(auditLog.action, f.action));
  if (f.entityType) conditions.push(eq(auditLog.entityType, f.entityType));
  // Reads (a record or a list looked at) are kept for privacy but hidden by default,
  // so the changes do not drown in them; a named action is shown whatever its kind.
  if (!f.action && f.kind === "changes") conditions.push(notInArray(auditLog.action, READ_ACTIONS));
  if (!f.action && f.kind === "reads") conditions.push(inArray(auditLog.action, READ_ACTIONS));
  return and(...conditions) as SQL;
}

// Row-level security on users shows only this cooperative's people: the name of
// an outsider (a refused attempt, a person since removed) stays null.
const columns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  actorUserId: auditLog.actorUserId,
  actorName: users.name,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
};

function select(tx: Tx, ctx: MemberContext, f: Omit<AuditFilter, "page">) {
  return tx
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where(ctx, f))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id));
}

type StoredRow = Awaited<ReturnType<typeof select>>[number];
/** A row as the page and the CSV show it: the record it is about by name, references in before/after by name. */
export type AuditRow = StoredRow & { entityName: string | null };

/** Names instead of ids, resolved for the whole page at once (one query per kind of record). */
async function readable(tx: Tx, ctx: MemberContext, rows: StoredRow[]): Promise<AuditRow[]> {
  const t = await fixedT(ctx.user.locale);
  const labels = await resolveLabels(tx, ctx.org.id, rows, t, ctx.user.locale);
  return rows.map((r) => ({ ...r, entityName: entityLabel(labels, r), before: labelled(labels, r, r.before), after: labelled(labels, r, r.after) }));
}

/** One page of the log, newest first, with what the filters can choose from. */
export async function listAuditLog(ctx: MemberContext, filter: AuditFilter) {
  return withTenant(ctx.org.id, async (tx) => {
    const { page, ...f } = filter;
    const rows = await readable(tx, ctx, await select(tx, ctx, f).limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE));
    const [{ total }] = await tx.select({ total: count() }).from(auditLog).where(where(ctx, f));
    const actions = await tx.selectDistinct({ value: auditLog.action }).from(auditLog).where(scope(ctx)).orderBy(asc(auditLog.action));
    const entityTypes = await tx.selectDistinct({ value: auditLog.entityType }).from(auditLog).where(scope(ctx)).orderBy(asc(auditLog.entityType));
    const actors = await tx
      .selectDistinct({ id: users.id, name: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(scope(ctx))
      .orderBy(asc(users.name), asc(users.id));
    return {
      rows,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      actions: actions.map((a) => a.value),
      entityTypes: entityTypes.map((e) => e.value),
      actors,
    };
  });
}

/** Every matching row for the CSV export (the same filters, no paging), capped so one export cannot exhaust the server. */
export const AUDIT_EXPORT_LIMIT = 50_000;
export async function exportAuditLog(ctx: MemberContext, filter: Omit<AuditFilter, "page">) {
  return withTenant(ctx.org.id, async (tx) => readable(tx, ctx, await select(tx, ctx, filter).limit(AUDIT_EXPORT_LIMIT)));
}
