import { createHash, randomUUID } from "node:crypto";
import {
  countOutcomes,
  mappingProblems,
  parseRows,
  planImport,
  suggestMapping,
  type ColumnMapping,
  type ImportState,
  type MemberRecord,
  type PlannedRow,
  type PracticeRecord,
  type RowError,
} from "@koepel/rules";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { agbCodes, memberImports, memberPractices, members, practices } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import { AppError } from "~/lib/errors";
import type { MemberContext } from "~/lib/guard.server";
import { audit, auditMany, type AuditEntry } from "../audit/audit.server";
import { readTable } from "./parse.server";

/**
 * Rows per transaction. Each batch commits its members together with the
 * import's progress, so a stopped process resumes exactly after the last
 * committed batch and never imports a row twice.
 */
export const BATCH_SIZE = 250;

export type StoredError = RowError & { row: number | null };
export type ImportRecord = typeof memberImports.$inferSelect;

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today's calendar date in the Netherlands, for status history. */
function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
}

/**
 * Read the file and keep its rows until the board confirms; members are not
 * touched yet. The same file sent twice while the first is still open (a double
 * submit, a second click) returns the open import instead of a second one.
 */
export async function uploadImport(ctx: MemberContext, file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const table = await readTable(file.name, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const filename = file.name.slice(0, 200);
  return withTenant(ctx.org.id, async (tx) => {
    const [open] = await tx
      .select({ id: memberImports.id })
      .from(memberImports)
      .where(and(eq(memberImports.organizationId, ctx.org.id), eq(memberImports.sha256, sha256), inArray(memberImports.status, ["uploaded", "previewed"])))
      .limit(1);
    if (open) return open;
    const totalRows = table.rows.filter((r) => !isBlank(r)).length;
    const [created] = await tx
      .insert(memberImports)
      .values({ organizationId: ctx.org.id, createdBy: ctx.user.id, filename, sha256, headers: table.headers, rows: table.rows, mapping: suggestMapping(table.headers), totalRows })
      .returning({ id: memberImports.id });
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member_import.uploaded", entityType: "member_import", entityId: created.id, after: { filename, sha256, rows: totalRows }, ip: ctx.ip });
    return created;
  });
}

export async function listImports(ctx: MemberContext) {
  return withTenant(ctx.org.id, (tx) =>
    tx
      .select({ id: memberImports.id, filename: memberImports.filename, status: memberImports.status, totalRows: memberImports.totalRows, createdAt: memberImports.createdAt })
      .from(memberImports)
      .where(eq(memberImports.organizationId, ctx.org.id))
      .orderBy(desc(memberImports.createdAt))
      .limit(20),
  );
}

async function findImport(tx: Tx, organizationId: string, id: string, lock = false): Promise<ImportRecord> {
  if (!UUID.test(id)) throw new AppError("not_found");
  const query = tx.select().from(memberImports).where(and(eq(memberImports.id, id), eq(memberImports.organizationId, organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  return row;
}

export async function getImport(ctx: MemberContext, id: string) {
  return withTenant(ctx.org.id, (tx) => findImport(tx, ctx.org.id, id));
}

/** The cooperative's members, practices and AGB codes as the plan needs them. */
async function loadState(tx: Tx, organizationId: string): Promise<ImportState> {
  const [memberRows, codeRows, practiceRows, linkRows] = await Promise.all([
    tx
      .select({
        id: members.id, name: members.name, email: members.email, phone: members.phone, type: members.type, status: members.status,
        disciplines: members.disciplines, municipalities: members.municipalities, languages: members.languages,
        capacityHoursPerWeek: members.capacityHoursPerWeek, waitingWeeks: members.waitingWeeks,
      })
      .from(members)
      .where(eq(members.organizationId, organizationId)),
    tx.select({ code: agbCodes.code, kind: agbCodes.kind, memberId: agbCodes.memberId, practiceId: agbCodes.practiceId }).from(agbCodes).where(eq(agbCodes.organizationId, organizationId)),
    tx
      .select({ id: practices.id, name: practices.name, kvkNumber: practices.kvkNumber, postcode: practices.postcode, city: practices.city, iban: practices.iban })
      .from(practices)
      .where(eq(practices.organizationId, organizationId)),
    tx.select({ memberId: memberPractices.memberId, practiceId: memberPractices.practiceId }).from(memberPractices).where(eq(memberPractices.organizationId, organizationId)),
  ]);
  const personal = new Map<string, string>();
  const business = new Map<string, string>();
  for (const c of codeRows) {
    if (c.kind === "personal" && c.memberId && !personal.has(c.memberId)) personal.set(c.memberId, c.code);
    if (c.kind === "business" && c.practiceId && !business.has(c.practiceId)) business.set(c.practiceId, c.code);
  }
  return {
    members: memberRows.map((m) => ({ ...m, email: m.email?.toLowerCase() ?? null, agb: personal.get(m.id) ?? null })),
    practices: practiceRows.map((p) => ({ ...p, agb: business.get(p.id) ?? null })),
    agbCodes: codeRows.map((c) => ({ code: c.code, memberId: c.kind === "personal" ? c.memberId : null, practiceId: c.kind === "business" ? c.practiceId : null })),
    links: linkRows.map((l) => `${l.memberId}:${l.practiceId}`),
  };
}

function planFor(imp: ImportRecord, state: ImportState) {
  const parsed = parseRows(imp.rows as string[][], (imp.mapping ?? {}) as ColumnMapping);
  return { parsed, plan: planImport(parsed, state, randomUUID) };
}

export type PreviewRow = { row: number; name: string | null; email: string | null; agb: string | null; outcome: PlannedRow["outcome"]; errors: RowError[] };

/** What confirming would do, row by row, against the cooperative as it is now. Writes nothing. */
export async function previewImport(ctx: MemberContext, imp: ImportRecord) {
  const state = await withTenant(ctx.org.id, (tx) => loadState(tx, ctx.org.id));
  const { parsed, plan } = planFor(imp, state);
  const mapping = (imp.mapping ?? {}) as ColumnMapping;
  const raw = (row: number, field: "name" | "email" | "agb") => {
    const column = mapping[field];
    return column === undefined ? null : ((imp.rows as string[][])[row - 2]?.[column] ?? null) || null;
  };
  const rows: PreviewRow[] = plan.map((p, i) => ({
    row: p.row,
    name: parsed[i].values.name ?? raw(p.row, "name"),
    email: parsed[i].values.email ?? raw(p.row, "email"),
    agb: parsed[i].values.agb ?? raw(p.row, "agb"),
    outcome: p.outcome,
    errors: p.errors,
  }));
  return { rows, counts: countOutcomes(plan) };
}

/** Save the board's column choices; the preview follows from them. */
export async function saveMapping(ctx: MemberContext, input: { id: string; version: number; mapping: ColumnMapping }) {
  return withTenant(ctx.org.id, async (tx) => {
    const imp = await findImport(tx, ctx.org.id, input.id, true);
    const headers = imp.headers as string[];
    const [problem] = mappingProblems(input.mapping, headers.length);
    if (problem) throw new AppError("invalid", problem.messageKey, problem.field);
    if (imp.status !== "uploaded" && imp.status !== "previewed") throw new AppError("conflict", "imports.errors.alreadyStarted");
    if (imp.version !== input.version) throw new AppError("conflict", "errors.stale");
    await tx
      .update(memberImports)
      .set({ mapping: input.mapping, status: "previewed", version: imp.version + 1 })
      .where(eq(memberImports.id, imp.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member_import.mapped", entityType: "member_import", entityId: imp.id, before: { mapping: imp.mapping }, after: { mapping: input.mapping }, ip: ctx.ip });
  });
}

/**
 * The board's go. One conditional update moves previewed -> running for the
 * version the board saw; a double submit finds the import already running and
 * starts nothing, and a confirm over a changed mapping is refused as stale.
 */
export async function confirmImport(ctx: MemberContext, input: { id: string; version: number }) {
  const started = await withTenant(ctx.org.id, async (tx) => {
    const [row] = await tx
      .update(memberImports)
      .set({ status: "running", version: sql`${memberImports.version} + 1` })
      .where(and(eq(memberImports.id, input.id), eq(memberImports.organizationId, ctx.org.id), eq(memberImports.status, "previewed"), eq(memberImports.version, input.version)))
      .returning({ id: memberImports.id });
    if (!row) {
      const imp = await findImport(tx, ctx.org.id, input.id);
      if (imp.status === "running" || imp.status === "done") return false;
      throw new AppError("conflict", "errors.stale");
    }
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member_import.confirmed", entityType: "member_import", entityId: input.id, before: { status: "previewed" }, after: { status: "running" }, ip: ctx.ip });
    return true;
  });
  if (started) startImportRun(ctx.org.id, input.id);
  return { started };
}

/** After a failure: continue from the last committed batch. */
export async function retryImport(ctx: MemberContext, input: { id: string; version: number }) {
  await withTenant(ctx.org.id, async (tx) => {
    const imp = await findImport(tx, ctx.org.id, input.id, true);
    if (imp.status !== "failed") throw new AppError("conflict", "errors.stale");
    if (imp.version !== input.version) throw new AppError("conflict", "errors.stale");
    const errors = ((imp.errors ?? []) as StoredError[]).filter((e) => e.row !== null);
    await tx.update(memberImports).set({ status: "running", errors, version: imp.version + 1 }).where(eq(memberImports.id, imp.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member_import.retried", entityType: "member_import", entityId: imp.id, after: { processedRows: imp.processedRows }, ip: ctx.ip });
  });
  startImportRun(ctx.org.id, input.id);
}

// ---------------------------------------------------------------------------
// The background run. It lives in the web process (no separate worker to deploy);
// its state is in the database, so it survives the process: any process that
// starts one for every running import at boot (resumeImports),
// and concurrent runners take turns on the import's row lock.

const runs = new Map<string, Promise<void>>();
let stopping = false;

export function startImportRun(organizationId: string, id: string): Promise<void> {
  const current = runs.get(id);
  if (current) return current;
  if (stopping) return Promise.resolve();
  const run = (async () => {
    try {
      while (!stopping && (await runBatch(organizationId, id)));
    } catch (error) {
      console.error("member import", id, error instanceof Error ? error.message : error);
      await markFailed(organizationId, id).catch(() => {});
    }
  })().finally(() => runs.delete(id));
  runs.set(id, run);
  return run;
}

/** At server start: continue the imports a stopped process left running. */
export async function resumeImports() {
  stopping = false;
  const running = await withSystem((tx) =>
    tx.select({ id: memberImports.id, organizationId: memberImports.organizationId }).from(memberImports).where(eq(memberImports.status, "running")),
  );
  for (const imp of running) void startImportRun(imp.organizationId, imp.id);
}

/** At shutdown: let each run finish its current batch (committed or rolled back), start no more. */
export async function stopImportRuns() {
  stopping = true;
  await Promise.allSettled([...runs.values()]);
}

/** The run of an import in this process, if any (tests and the benchmark wait for it). */
export function importRun(id: string): Promise<void> {
  return runs.get(id) ?? Promise.resolve();
}

async function markFailed(organizationId: string, id: string) {
  await withTenant(organizationId, async (tx) => {
    const imp = await findImport(tx, organizationId, id, true);
    if (imp.status !== "running") return;
    const errors: StoredError[] = [...((imp.errors ?? []) as StoredError[]), { row: null, field: null, messageKey: "imports.errors.runFailed" }];
    await tx.update(memberImports).set({ status: "failed", errors, version: imp.version + 1 }).where(eq(memberImports.id, id));
  });
}

/** One batch in one transaction; false when there is nothing more to do. */
export async function runBatch(organizationId: string, id: string): Promise<boolean> {
  return withTenant(organizationId, async (tx) => {
    const imp = await findImport(tx, organizationId, id, true);
    if (imp.status !== "running") return false;
    const { plan } = planFor(imp, await loadState(tx, organizationId));
    const slice = plan.slice(imp.processedRows, imp.processedRows + BATCH_SIZE);
    await applyPlan(tx, organizationId, imp, slice);
    const counts = countOutcomes(slice);
    const processed = imp.processedRows + slice.length;
    const done = processed >= plan.length;
    const errors: StoredError[] = [
      ...((imp.errors ?? []) as StoredError[]),
      ...slice.flatMap((p) => p.errors.map((e) => ({ row: p.row, ...e }))),
    ];
    const totals = {
      createdCount: imp.createdCount + counts.create,
      updatedCount: imp.updatedCount + counts.update,
      unchangedCount: imp.unchangedCount + counts.unchanged,
      errorCount: imp.errorCount + counts.error,
    };
    await tx
      .update(memberImports)
      .set({ ...totals, processedRows: processed, totalRows: plan.length, errors, status: done ? "done" : "running", finishedAt: done ? new Date() : null, version: imp.version + 1 })
      .where(eq(memberImports.id, id));
    if (done) {
      await audit(tx, { organizationId, actorUserId: imp.createdBy, action: "member_import.finished", entityType: "member_import", entityId: id, after: { ...totals, rows: plan.length } });
    }
    return !done;
  });
}

const memberColumns = (m: MemberRecord) => ({
  name: m.name,
  email: m.email,
  phone: m.phone,
  type: m.type,
  status: m.status,
  disciplines: m.disciplines,
  municipalities: m.municipalities,
  languages: m.languages,
  capacityHoursPerWeek: m.capacityHoursPerWeek,
  waitingWeeks: m.waitingWeeks,
});
// The shape of memberColumns() as a jsonb_to_recordset column list.
const MEMBER_RECORD = sql.raw(
  `id uuid, name text, email text, phone text, type member_type, status member_status, disciplines text[], municipalities text[], languages text[], "capacityHoursPerWeek" integer, "waitingWeeks" integer`,
);
const practiceColumns = (p: PracticeRecord) => ({ name: p.name, kvkNumber: p.kvkNumber, postcode: p.postcode, city: p.city, iban: p.iban });

/** Only what changed, for the audit log. */
function changedFields<T extends Record<string, unknown>>(before: T, after: T) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * Write one batch of the plan with a handful of statements, whatever its size:
 * multi-row inserts, and one UPDATE ... FROM jsonb_to_recordset for the changed
 * members. One audit row per created or changed member and practice; unchanged
 * rows write nothing.
 */
async function applyPlan(tx: Tx, organizationId: string, imp: ImportRecord, rows: PlannedRow[]) {
  const actor = imp.createdBy;
  const source = { importId: imp.id };
  const entries: AuditEntry[] = [];
  const today = todayInAmsterdam();

  const newPractices = new Map<string, PracticeRecord>();
  const changedPractices = new Map<string, { before: PracticeRecord; after: PracticeRecord }>();
  const codes: { code: string; kind: "personal" | "business"; memberId: string | null; practiceId: string | null }[] = [];
  const links: { memberId: string; practiceId: string }[] = [];
  for (const p of rows) {
    const practice = p.practice;
    if (!practice || !p.memberId) continue;
    if (practice.outcome === "create") newPractices.set(practice.id, practice.after);
    else if (newPractices.has(practice.id)) newPractices.set(practice.id, practice.after);
    else if (practice.outcome === "update" && practice.before) {
      const first = changedPractices.get(practice.id)?.before ?? practice.before;
      changedPractices.set(practice.id, { before: first, after: practice.after });
    }
    if (practice.addAgb) codes.push({ code: practice.addAgb, kind: "business", memberId: null, practiceId: practice.id });
    if (practice.link) links.push({ memberId: p.memberId, practiceId: practice.id });
  }
  if (newPractices.size) {
    const data = [...newPractices].map(([id, p]) => ({ id, ...practiceColumns(p) }));
    await tx.execute(sql`
      insert into practices (id, organization_id, name, kvk_number, postcode, city, iban)
      select v.id, ${organizationId}, v.name, v."kvkNumber", v.postcode, v.city, v.iban
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as v(id uuid, name text, "kvkNumber" text, postcode text, city text, iban text)`);
    for (const [id, p] of newPractices) entries.push({ organizationId, actorUserId: actor, action: "practice.created", entityType: "practice", entityId: id, after: { ...p, ...source } });
  }
  for (const [id, change] of changedPractices) {
    await tx.update(practices).set({ ...practiceColumns(change.after), version: sql`${practices.version} + 1` }).where(and(eq(practices.id, id), eq(practices.organizationId, organizationId)));
    const diff = changedFields(change.before, change.after);
    entries.push({ organizationId, actorUserId: actor, action: "practice.updated", entityType: "practice", entityId: id, before: diff.before, after: { ...diff.after, ...source } });
  }

  const creates = rows.filter((p) => p.outcome === "create" && p.memberId && p.after);
  const updates = rows.filter((p) => p.outcome === "update" && p.memberId && p.after && p.before);
  if (creates.length) {
    // One JSON parameter instead of a dozen per row: far fewer parameters to bind.
    const data = creates.map((p) => ({ id: p.memberId, ...memberColumns(p.after!) }));
    await tx.execute(sql`
      insert into members (id, organization_id, name, email, phone, type, status, disciplines, municipalities, languages, capacity_hours_per_week, waiting_weeks)
      select v.id, ${organizationId}, v.name, v.email, v.phone, v.type, v.status, v.disciplines, v.municipalities, v.languages, v."capacityHoursPerWeek", v."waitingWeeks"
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as v(${MEMBER_RECORD})`);
  }
  const memberUpdates = updates.filter((p) => JSON.stringify(memberColumns(p.before!)) !== JSON.stringify(memberColumns(p.after!)));
  if (memberUpdates.length) {
    const data = memberUpdates.map((p) => ({ id: p.memberId, ...memberColumns(p.after!) }));
    await tx.execute(sql`
      update members m set
        name = v.name, email = v.email, phone = v.phone, type = v.type, status = v.status,
        disciplines = v.disciplines, municipalities = v.municipalities, languages = v.languages,
        capacity_hours_per_week = v."capacityHoursPerWeek", waiting_weeks = v."waitingWeeks",
        version = m.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as v(${MEMBER_RECORD})
      where m.id = v.id and m.organization_id = ${organizationId}`);
  }
  for (const p of [...creates, ...updates]) if (p.addAgb) codes.push({ code: p.addAgb, kind: "personal", memberId: p.memberId!, practiceId: null });
  if (codes.length) {
    await tx.execute(sql`
      insert into agb_codes (organization_id, code, kind, member_id, practice_id)
      select ${organizationId}, v.code, v.kind, v."memberId", v."practiceId"
      from jsonb_to_recordset(${JSON.stringify(codes)}::jsonb) as v(code text, kind agb_kind, "memberId" uuid, "practiceId" uuid)`);
  }
  if (links.length) {
    await tx.execute(sql`
      insert into member_practices (organization_id, member_id, practice_id)
      select ${organizationId}, v."memberId", v."practiceId"
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as v("memberId" uuid, "practiceId" uuid)
      on conflict do nothing`);
  }

  const history = [
    ...creates.map((p) => ({ memberId: p.memberId!, status: p.after!.status })),
    ...updates.filter((p) => p.before!.status !== p.after!.status).map((p) => ({ memberId: p.memberId!, status: p.after!.status })),
  ];
  if (history.length) {
    await tx.execute(sql`
      insert into member_status_history (organization_id, member_id, status, effective_on, reason, recorded_by)
      select ${organizationId}, v."memberId", v.status, ${today}::date, 'import', ${actor}::uuid
      from jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as v("memberId" uuid, status member_status)`);
  }

  for (const p of creates) entries.push({ organizationId, actorUserId: actor, action: "member.created", entityType: "member", entityId: p.memberId, after: { ...p.after, ...source } });
  for (const p of updates) {
    const diff = changedFields(p.before!, p.after!);
    entries.push({ organizationId, actorUserId: actor, action: "member.updated", entityType: "member", entityId: p.memberId, before: diff.before, after: { ...diff.after, ...(p.practice?.link ? { practiceId: p.practice.id } : {}), ...source } });
  }
  await auditMany(tx, entries);
}

/** The rows that were (or would be) skipped, for the downloadable report. */
export async function importErrors(ctx: MemberContext, imp: ImportRecord): Promise<StoredError[]> {
  if (imp.status === "done" || imp.status === "failed" || imp.status === "running") return (imp.errors ?? []) as StoredError[];
  const { rows } = await previewImport(ctx, imp);
  return rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })));
}
