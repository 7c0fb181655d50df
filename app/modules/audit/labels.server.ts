import { formatDate } from "@koepel/rules";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "~db/client";
import {
  contractProducts,
  contracts,
  invitations,
  memberImports,
  members,
  memberships,
  municipalities,
  organizations,
  practices,
  problemAreas,
  regions,
  registrationTypes,
  registrations,
  reportingDuties,
  timeEntries,
  timeEntryImports,
  trajectories,
  users,
} from "~db/schema";
import type { TFunction } from "i18next";

/**
 * The kinds of record an audit row can name, and the fields of before/after that hold
 * the id of one. The log shows names and client codes in their place, not UUIDs:
 * a board reads "Traject ingezien: KAS-0142", not a 36-character key.
 */
export type LabelKind =
  | "contract"
  | "invitation"
  | "member"
  | "member_import"
  | "membership"
  | "municipality"
  | "organization"
  | "practice"
  | "problem_area"
  | "product"
  | "region"
  | "registration"
  | "registration_type"
  | "reporting_duty"
  | "time_entry"
  | "time_entry_import"
  | "trajectory"
  | "user";

const KINDS = new Set<string>([
  "contract", "invitation", "member", "member_import", "membership", "municipality", "organization", "practice", "problem_area",
  "product", "region", "registration", "registration_type", "reporting_duty", "time_entry", "time_entry_import", "trajectory", "user",
]);

/** Fields of before/after whose value is the id (or ids) of a record of that kind. `ids` names records of the row's own kind. */
export const REFERENCE_FIELDS: Record<string, LabelKind> = {
  memberId: "member",
  coordinatorId: "member",
  practiceId: "practice",
  contractId: "contract",
  trajectoryId: "trajectory",
  userId: "user",
  acceptedBy: "user",
  regionId: "region",
  municipalityId: "municipality",
  municipalityIds: "municipality",
  problemAreaIds: "problem_area",
  productId: "product",
  invitationId: "invitation",
  typeId: "registration_type",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = { entityType: string; entityId: string | null; before: unknown; after: unknown };

/** A resolved label for a kind and id: `labels.get("trajectory:<uuid>")`. */
export type Labels = Map<string, string>;
const key = (kind: string, id: string) => `${kind}:${id}`;

function fieldKind(row: Row, field: string): string | undefined {
  if (field === "ids") return row.entityType;
  return REFERENCE_FIELDS[field];
}

function referencesOf(row: Row): [string, string][] {
  const refs: [string, string][] = [];
  if (row.entityId) refs.push([row.entityType, row.entityId]);
  for (const side of [row.before, row.after]) {
    if (!side || typeof side !== "object" || Array.isArray(side)) continue;
    for (const [field, value] of Object.entries(side)) {
      const kind = fieldKind(row, field);
      if (!kind) continue;
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string") refs.push([kind, v]);
    }
  }
  return refs.filter(([kind, id]) => KINDS.has(kind) && UUID.test(id));
}

/** Kinds whose label is one column of their own table: [table's id, label, tenant column (null: shared or guarded by row-level security)]. */
const SIMPLE_LABELS: Partial<Record<LabelKind, [PgColumn, PgColumn, PgColumn | null]>> = {
  member: [members.id, members.name, members.organizationId],
  practice: [practices.id, practices.name, practices.organizationId],
  contract: [contracts.id, contracts.name, contracts.organizationId],
  trajectory: [trajectories.id, trajectories.clientCode, trajectories.organizationId],
  invitation: [invitations.id, invitations.email, invitations.organizationId],
  member_import: [memberImports.id, memberImports.filename, memberImports.organizationId],
  time_entry_import: [timeEntryImports.id, timeEntryImports.filename, timeEntryImports.organizationId],
  reporting_duty: [reportingDuties.id, reportingDuties.title, reportingDuties.organizationId],
  problem_area: [problemAreas.id, problemAreas.name, problemAreas.organizationId],
  organization: [organizations.id, organizations.name, null],
  region: [regions.id, regions.name, null],
  municipality: [municipalities.id, municipalities.name, null],
  // Row-level security on users shows only this cooperative's people.
  user: [users.id, users.name, null],
};

/**
 * The labels of every record the rows name, one query per kind of record present
 * (never one per row). Row-level security limits each to this cooperative: a record
 * of another tenant, or one since deleted, has no label and keeps its id.
 */
export async function resolveLabels(tx: Tx, organizationId: string, rows: Row[], t: TFunction, lng: "nl" | "en"): Promise<Labels> {
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) for (const [kind, id] of referencesOf(row)) (wanted.get(kind) ?? wanted.set(kind, new Set()).get(kind)!).add(id);
  const labels: Labels = new Map();
  const put = (kind: string, list: { id: string; label: string | null }[]) => {
    for (const r of list) if (r.label) labels.set(key(kind, r.id), r.label);
  };
  const typeName = (code: string | null, name: string | null) => name ?? (code ? t(`registrations.types.${code}`, { defaultValue: code }) : "");
  const simple = async (kind: LabelKind, id: PgColumn, label: PgColumn, org: PgColumn | null, ids: string[]) => {
    const where: SQL[] = [inArray(id, ids)];
    if (org) where.push(eq(org, organizationId));
    const list = await tx.select({ id, label }).from(id.table).where(and(...where));
    put(kind, list as { id: string; label: string | null }[]);
  };
  // A CSV export can name tens of thousands of records: chunks keep each query under
  // PostgreSQL's limit of 65,535 parameters. A page of 50 rows is one chunk per kind.
  const work: [string, string[]][] = [];
  for (const [kind, set] of wanted) {
    const all = [...set];
    for (let i = 0; i < all.length; i += 5000) work.push([kind, all.slice(i, i + 5000)]);
  }
  for (const [kind, ids] of work) {
    const plain = SIMPLE_LABELS[kind as LabelKind];
    if (plain) {
      await simple(kind as LabelKind, plain[0], plain[1], plain[2], ids);
      continue;
    }
    switch (kind as LabelKind) {
      case "membership": {
        const list = await tx
          .select({ id: memberships.id, label: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.id, ids)));
        put(kind, list);
        break;
      }
      case "product": {
        const list = await tx
          .select({ id: contractProducts.id, name: contractProducts.name, code: contractProducts.code })
          .from(contractProducts)
          .where(and(eq(contractProducts.organizationId, organizationId), inArray(contractProducts.id, ids)));
        put(kind, list.map((p) => ({ id: p.id, label: `${p.code} ${p.name}` })));
        break;
      }
      case "registration_type": {
        const list = await tx
          .select({ id: registrationTypes.id, code: registrationTypes.code, name: registrationTypes.name })
          .from(registrationTypes)
          .where(and(eq(registrationTypes.organizationId, organizationId), inArray(registrationTypes.id, ids)));
        put(kind, list.map((r) => ({ id: r.id, label: typeName(r.code, r.name) })));
        break;
      }
      case "registration": {
        // Whose registration of what: "Anna Vos · VOG"; the cooperative's own (HKZ) has no member.
        const list = await tx
          .select({ id: registrations.id, member: members.name, code: registrationTypes.code, name: registrationTypes.name })
          .from(registrations)
          .innerJoin(registrationTypes, eq(registrationTypes.id, registrations.typeId))
          .leftJoin(members, eq(members.id, registrations.memberId))
          .where(and(eq(registrations.organizationId, organizationId), inArray(registrations.id, ids)));
        put(kind, list.map((r) => ({ id: r.id, label: [r.member, typeName(r.code, r.name)].filter(Boolean).join(" · ") })));
        break;
      }
      case "time_entry": {
        const list = await tx
          .select({ id: timeEntries.id, clientCode: trajectories.clientCode, workedOn: timeEntries.workedOn })
          .from(timeEntries)
          .innerJoin(trajectories, eq(trajectories.id, timeEntries.trajectoryId))
          .where(and(eq(timeEntries.organizationId, organizationId), inArray(timeEntries.id, ids)));
        put(kind, list.map((e) => ({ id: e.id, label: `${e.clientCode} · ${formatDate(e.workedOn, lng)}` })));
        break;
      }
    }
  }
  return labels;
}

/** The row's own record by its label, or null when it has none (a page path, a removed record). */
export const entityLabel = (labels: Labels, row: Row) => (row.entityId ? (labels.get(key(row.entityType, row.entityId)) ?? null) : null);

/** Before or after with every reference replaced by its label (a list of ids as one line), ready for the diff. */
export function labelled(labels: Labels, row: Row, side: unknown): unknown {
  if (!side || typeof side !== "object" || Array.isArray(side)) return side;
  return Object.fromEntries(
    Object.entries(side).map(([field, value]) => {
      const kind = fieldKind(row, field);
      if (!kind) return [field, value];
      const one = (v: unknown) => (typeof v === "string" ? (labels.get(key(kind, v)) ?? v) : v);
      return [field, Array.isArray(value) ? value.map(one).join(", ") : one(value)];
    }),
  );
}
