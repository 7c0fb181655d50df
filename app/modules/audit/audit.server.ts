import { sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { auditLog } from "~db/schema";

export type AuditEntry = {
  organizationId?: string | null;
  actorUserId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

// Never let a secret into the log, whatever a caller passes.
const SECRET_KEYS = /password|token|hash|secret/i;
function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_KEYS.test(key)).map(([k, v]) => [k, scrub(v)]));
  }
  return value;
}

/** Record a change in the same transaction that makes it. */
export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.insert(auditLog).values(auditRow(entry));
}

/**
 * The stored form of an entry: absent fields null, before and after scrubbed. Exported
 * for a read that logs itself in the statement that reads (a data-modifying CTE:
 * `tx.$with(...).as(tx.insert(auditLog).values(auditRow(entry)))`), saving a round trip.
 */
export function auditRow(entry: AuditEntry) {
  return {
    organizationId: entry.organizationId ?? null,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: scrub(entry.before),
    after: scrub(entry.after),
    ip: entry.ip ?? null,
  };
}

/**
 * Many entries in one statement, for bulk work (the member import); same
 * scrubbing. The rows travel as one JSON parameter rather than eight per row.
 */
export async function auditMany(tx: Tx, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  const rows = entries.map(auditRow);
  await tx.execute(sql`
    insert into audit_log (organization_id, actor_user_id, action, entity_type, entity_id, before, after, ip)
    select v."organizationId", v."actorUserId", v.action, v."entityType", v."entityId", v.before, v.after, v.ip
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v("organizationId" uuid, "actorUserId" uuid, action text, "entityType" text, "entityId" text, before jsonb, after jsonb, ip text)`);
}
