// Importing time entries from CSV or XLSX, with the same steps as the member import:
// upload (rows kept, nothing written), preview with each row's errors (the same checks
// and eligibility gate as logging by hand), confirm (all valid rows in one transaction),
// error report. Each row's submission key is a hash of the cooperative and the row's
// content, so importing the same file again writes nothing.
import { createHash } from "node:crypto";
import { parseMinutes, todayInAmsterdam } from "@koepel/rules";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { agbCodes, contractProducts, members, timeEntries, timeEntryImports, trajectories } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { afterTimeLogged } from "../budget/alerts.server";
import { addTimeEntryTotals } from "../budget/totals.server";
import { readTable } from "../imports/parse.server";
import { entryChecker } from "./trajectories.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isBlank = (cells: string[]) => cells.every((c) => (c ?? "").trim() === "");

/** The columns, by their Dutch (or English) header. */
export const TIME_IMPORT_COLUMNS = {
  date: ["datum", "date"],
  trajectory: ["traject", "trajectory", "cliëntcode", "clientcode", "toewijzingsnummer"],
  practitioner: ["behandelaar", "practitioner", "agb", "email", "e-mail"],
  direct: ["direct", "directe tijd", "direct minutes"],
  indirect: ["indirect", "indirecte tijd", "indirect minutes"],
} as const;
type Column = keyof typeof TIME_IMPORT_COLUMNS;

function columnIndexes(headers: string[]): Partial<Record<Column, number>> {
  const norm = headers.map((h) => h.trim().toLowerCase());
  const out: Partial<Record<Column, number>> = {};
  for (const [col, names] of Object.entries(TIME_IMPORT_COLUMNS) as [Column, readonly string[]][]) {
    const i = norm.findIndex((h) => names.includes(h));
    if (i >= 0) out[col] = i;
  }
  return out;
}

/** "2026-03-02", "2-3-2026" or "02-03-2026" (Dutch day first) → "2026-03-02"; null when not a date. */
export function parseImportDate(value: string): string | null {
  const s = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

export type RowError = { field: string; messageKey: string };
export type PlannedRow = {
  row: number; // the line in the file (the header is line 1)
  cells: { date: string; trajectory: string; practitioner: string; direct: string; indirect: string };
  outcome: "create" | "unchanged" | "error";
  errors: RowError[];
  entry?: { trajectoryId: string; contractId: string; memberId: string; workedOn: string; direct: number; indirect: number; submissionKey: string };
};

/** A row's idempotency key: the cooperative and what the row says. */
const rowKey = (orgId: string, cells: PlannedRow["cells"]) =>
  `import-${createHash("sha256")
    .update(JSON.stringify([orgId, cells.date.trim(), cells.trajectory.trim().toLowerCase(), cells.practitioner.trim().toLowerCase(), cells.direct.trim(), cells.indirect.trim()]))
    .digest("hex")
    .slice(0, 48)}`;

/** What each row would do; reads only. Entries planned earlier in the file count towards the volume. */
async function plan(tx: Tx, orgId: string, imp: typeof timeEntryImports.$inferSelect): Promise<{ rows: PlannedRow[]; missingColumns: boolean }> {
  const headers = imp.headers as string[];
  const cols = columnIndexes(headers);
  if (cols.date === undefined || cols.trajectory === undefined || cols.practitioner === undefined || cols.direct === undefined) return { rows: [], missingColumns: true };
  const allTrajectories = await tx
    .select({ t: trajectories, unit: contractProducts.unit })
    .from(trajectories)
    .innerJoin(contractProducts, eq(contractProducts.id, trajectories.productId))
    .where(eq(trajectories.organizationId, orgId));
  const agb = await tx
    .select({ code: agbCodes.code, memberId: agbCodes.memberId })
    .from(agbCodes)
    .where(and(eq(agbCodes.organizationId, orgId), eq(agbCodes.kind, "personal")));
  const people = await tx.select({ id: members.id, email: members.email }).from(members).where(eq(members.organizationId, orgId));
  const rows: PlannedRow[] = [];
  const keys: string[] = [];
  const raw = (imp.rows as string[][]).map((cells, i) => ({ cells, line: i + 2 })).filter((r) => !isBlank(r.cells));
  const cellOf = (cells: string[], col: Column) => (cols[col] === undefined ? "" : String(cells[cols[col]!] ?? ""));
  for (const r of raw) {
    const cells = { date: cellOf(r.cells, "date"), trajectory: cellOf(r.cells, "trajectory"), practitioner: cellOf(r.cells, "practitioner"), direct: cellOf(r.cells, "direct"), indirect: cellOf(r.cells, "indirect") };
    keys.push(rowKey(orgId, cells));
    rows.push({ row: r.line, cells, outcome: "error", errors: [] });
  }
  const existing = new Set(
    keys.length
      ? (
          await tx
            .select({ key: timeEntries.submissionKey })
            .from(timeEntries)
            .where(and(eq(timeEntries.organizationId, orgId), inArray(timeEntries.submissionKey, keys)))
        ).map((e) => e.key)
      : [],
  );
  const check = entryChecker(tx, orgId);
  const planned = new Map<string, number>(); // direct minutes planned per trajectory
  const seen = new Set<string>();
  for (const [i, p] of rows.entries()) {
    const key = keys[i];
    if (existing.has(key) || seen.has(key)) {
      p.outcome = "unchanged";
      continue;
    }
    const errors: RowError[] = [];
    const workedOn = parseImportDate(p.cells.date);
    if (!workedOn) errors.push({ field: "date", messageKey: "timeImport.errors.date" });
    const ref = p.cells.trajectory.trim().toLowerCase();
    const matches = allTrajectories.filter(({ t }) => t.clientCode.toLowerCase() === ref || (t.allocationNumber ?? "").toLowerCase() === ref);
    const active = matches.filter(({ t }) => !workedOn || (t.startsOn <= workedOn && workedOn <= t.endsOn));
    const found = active.length === 1 ? active[0] : matches.length === 1 ? matches[0] : null;
    if (!ref || matches.length === 0) errors.push({ field: "trajectory", messageKey: "timeImport.errors.trajectory" });
    else if (!found) errors.push({ field: "trajectory", messageKey: "timeImport.errors.trajectoryAmbiguous" });
    const who = p.cells.practitioner.trim().toLowerCase();
    const memberId = /^\d{8}$/.test(who) ? (agb.find((a) => a.code === who)?.memberId ?? null) : (people.find((m) => (m.email ?? "").toLowerCase() === who)?.id ?? null);
    if (!memberId) errors.push({ field: "practitioner", messageKey: "timeImport.errors.practitioner" });
    const direct = parseMinutes(p.cells.direct);
    const indirect = parseMinutes(p.cells.indirect);
    if (direct === null || direct > 1440) errors.push({ field: "direct", messageKey: "timeEntries.errors.minutes" });
    if (indirect === null || indirect > 1440) errors.push({ field: "indirect", messageKey: "timeEntries.errors.minutes" });
    if (direct !== null && indirect !== null && (direct + indirect === 0 || direct + indirect > 1440)) errors.push({ field: "direct", messageKey: direct + indirect === 0 ? "timeEntries.errors.noTime" : "timeEntries.errors.minutes" });
    if (errors.length === 0 && found && memberId && workedOn && direct !== null && indirect !== null) {
      const extra = planned.get(found.t.id) ?? 0;
      const problem = await check({ ...found.t, unit: found.unit }, { memberId, workedOn, directMinutes: direct }, extra);
      if (problem) errors.push({ field: problem.field === "memberId" ? "practitioner" : problem.field === "workedOn" ? "date" : "direct", messageKey: problem.messageKey });
      else {
        planned.set(found.t.id, extra + direct);
        p.entry = { trajectoryId: found.t.id, contractId: found.t.contractId, memberId, workedOn, direct, indirect, submissionKey: key };
      }
    }
    seen.add(key);
    p.errors = errors;
    p.outcome = errors.length ? "error" : "create";
  }
  return { rows, missingColumns: false };
}

async function loadImport(tx: Tx, orgId: string, id: string, lock = false) {
  if (!UUID.test(id)) throw new AppError("not_found");
  const q = tx
    .select()
    .from(timeEntryImports)
    .where(and(eq(timeEntryImports.id, id), eq(timeEntryImports.organizationId, orgId)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

/** Read the file and keep its rows; nothing is written to time entries yet. The same open file twice is one import. */
export async function uploadTimeImport(ctx: MemberContext, file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const table = await readTable(file.name, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const filename = file.name.slice(0, 200);
  return withTenant(ctx.org.id, async (tx) => {
    const [open] = await tx
      .select({ id: timeEntryImports.id })
      .from(timeEntryImports)
      .where(and(eq(timeEntryImports.organizationId, ctx.org.id), eq(timeEntryImports.sha256, sha256), eq(timeEntryImports.status, "uploaded")))
      .limit(1);
    if (open) return open;
    const totalRows = table.rows.filter((r) => !isBlank(r)).length;
    const [created] = await tx
      .insert(timeEntryImports)
      .values({ organizationId: ctx.org.id, createdBy: ctx.user.id, filename, sha256, headers: table.headers, rows: table.rows, totalRows })
      .returning({ id: timeEntryImports.id });
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "time_import.uploaded", entityType: "time_entry_import", entityId: created.id, after: { filename, sha256, rows: totalRows }, ip: ctx.ip });
    return created;
  });
}

export async function listTimeImports(ctx: MemberContext) {
  return withTenant(ctx.org.id, (tx) =>
    tx
      .select({ id: timeEntryImports.id, filename: timeEntryImports.filename, status: timeEntryImports.status, totalRows: timeEntryImports.totalRows, createdCount: timeEntryImports.createdCount, createdAt: timeEntryImports.createdAt })
      .from(timeEntryImports)
      .where(eq(timeEntryImports.organizationId, ctx.org.id))
      .orderBy(desc(timeEntryImports.createdAt))
      .limit(20),
  );
}

/** The import with its preview (while open) or its summary (when done). Reads only. */
export async function getTimeImport(ctx: MemberContext, id: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const imp = await loadImport(tx, ctx.org.id, id);
    const { rows, missingColumns } = imp.status === "done" ? { rows: [] as PlannedRow[], missingColumns: false } : await plan(tx, ctx.org.id, imp);
    return {
      import: { id: imp.id, filename: imp.filename, status: imp.status, version: imp.version, totalRows: imp.totalRows, createdCount: imp.createdCount, unchangedCount: imp.unchangedCount, errorCount: imp.errorCount },
      missingColumns,
      rows: rows.map(({ entry: _e, ...r }) => r),
      counts: { create: rows.filter((r) => r.outcome === "create").length, unchanged: rows.filter((r) => r.outcome === "unchanged").length, error: rows.filter((r) => r.outcome === "error").length },
    };
  });
}

/** Write every valid row in one transaction; the rest go to the error report. */
export async function confirmTimeImport(ctx: MemberContext, id: string, version: number, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const imp = await loadImport(tx, ctx.org.id, id, true);
    if (imp.version !== version || imp.status !== "uploaded") throw new AppError("conflict", "errors.stale");
    const { rows, missingColumns } = await plan(tx, ctx.org.id, imp);
    if (missingColumns) throw new AppError("invalid", "timeImport.errors.missingColumns");
    const toWrite = rows.filter((r) => r.outcome === "create" && r.entry);
    // One statement per chunk, not per row; a key written meanwhile is skipped (on conflict nothing).
    const written: { trajectoryId: string; memberId: string; workedOn: string; directMinutes: number; indirectMinutes: number }[] = [];
    for (let i = 0; i < toWrite.length; i += 1000) {
      const inserted = await tx
        .insert(timeEntries)
        .values(
          toWrite.slice(i, i + 1000).map(({ entry }) => {
            const e = entry!;
            return { organizationId: ctx.org.id, trajectoryId: e.trajectoryId, memberId: e.memberId, workedOn: e.workedOn, directMinutes: e.direct, indirectMinutes: e.indirect, submissionKey: e.submissionKey, importId: imp.id, createdBy: ctx.user.id };
          }),
        )
        .onConflictDoNothing()
        .returning({ trajectoryId: timeEntries.trajectoryId, memberId: timeEntries.memberId, workedOn: timeEntries.workedOn, directMinutes: timeEntries.directMinutes, indirectMinutes: timeEntries.indirectMinutes });
      written.push(...inserted);
    }
    const created = written.length;
    await addTimeEntryTotals(tx, ctx.org.id, written);
    const errors = rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.field, messageKey: e.messageKey })));
    const counts = { createdCount: created, unchangedCount: rows.filter((r) => r.outcome === "unchanged").length + (toWrite.length - created), errorCount: rows.filter((r) => r.outcome === "error").length };
    await tx
      .update(timeEntryImports)
      .set({ status: "done", processedRows: rows.length, errors, ...counts, version: imp.version + 1, finishedAt: sql`now()` })
      .where(eq(timeEntryImports.id, imp.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "time_import.confirmed", entityType: "time_entry_import", entityId: imp.id, after: counts, ip: ctx.ip });
    const byContract = new Map<string, Set<string>>();
    for (const r of toWrite) byContract.set(r.entry!.contractId, (byContract.get(r.entry!.contractId) ?? new Set()).add(r.entry!.memberId));
    for (const [contractId, memberIds] of byContract) await afterTimeLogged(tx, { organizationId: ctx.org.id, contractId, memberIds: [...memberIds], today });
    return counts;
  });
}

/** The error report: each refused row with its errors and its cells as in the file. */
export async function timeImportErrors(ctx: MemberContext, id: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const imp = await loadImport(tx, ctx.org.id, id);
    const headers = imp.headers as string[];
    const raw = imp.rows as string[][];
    const errors: { row: number; field: string; messageKey: string }[] = imp.status === "done" ? ((imp.errors as { row: number; field: string; messageKey: string }[] | null) ?? []) : (await plan(tx, ctx.org.id, imp)).rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })));
    return { filename: imp.filename, headers, errors: errors.map((e) => ({ ...e, cells: raw[e.row - 2] ?? [] })) };
  });
}
