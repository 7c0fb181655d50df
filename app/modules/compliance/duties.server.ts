// Reporting duties of a contract (a yearly report by 1 March, quarterly production
// figures): the duty itself, its due dates with their status, and the report the
// board submits for a due date. The dates are pure rules (packages/rules/src/duties.ts).
import { randomUUID } from "node:crypto";
import { addDays, dutyDueDates, isDutyDueDate, occurrenceStatus, type OccurrenceStatus } from "@koepel/rules";
import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { files, reportSubmissions, reportingDuties } from "~db/schema";
import { parsedJson } from "~db/json";
import { withTenant } from "~db/tenant";
import { AppError } from "~/lib/errors";
import type { MemberContext } from "~/lib/guard.server";
import { audit } from "~/modules/audit/audit.server";
import { loadContract } from "~/modules/contracts/contracts.server";
import { checkOptionalUpload, readStoredFile, storeFile, type Upload } from "~/modules/files/uploads.server";
import type { DutyInput } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Past due dates shown on the duty page (a year back), and how many coming ones. */
const HISTORY_DAYS = 365;
const UPCOMING_SHOWN = 4;

export type Occurrence = {
  dueOn: string;
  status: OccurrenceStatus;
  submission: { id: string; submittedOn: string; note: string | null; filename: string | null } | null;
};

type DutyRow = typeof reportingDuties.$inferSelect;

/** The due dates to show: a year back (never before the first) and the next few; plus every date with a submission. */
function occurrencesOf(duty: DutyRow, subs: { id: string; dueOn: string; submittedOn: string; note: string | null; filename: string | null }[], today: string): Occurrence[] {
  const dates = dutyDueDates(duty, addDays(today, -HISTORY_DAYS), addDays(today, 5 * 366));
  const past = dates.filter((d) => d < today);
  const coming = dates.filter((d) => d >= today).slice(0, UPCOMING_SHOWN);
  const bySubmission = new Map(subs.map((s) => [s.dueOn, s]));
  const all = [...new Set([...past, ...coming, ...bySubmission.keys()])].sort();
  return all.map((dueOn) => {
    const s = bySubmission.get(dueOn) ?? null;
    return {
      dueOn,
      status: occurrenceStatus({ dueOn, remindDaysBefore: duty.remindDaysBefore, submitted: s !== null }, today),
      submission: s ? { id: s.id, submittedOn: s.submittedOn, note: s.note, filename: s.filename } : null,
    };
  });
}

async function submissionsOf(tx: Tx, orgId: string, dutyIds: string[]) {
  if (dutyIds.length === 0) return [];
  return tx
    .select({ id: reportSubmissions.id, dutyId: reportSubmissions.dutyId, dueOn: reportSubmissions.dueOn, submittedOn: reportSubmissions.submittedOn, note: reportSubmissions.note, filename: files.filename })
    .from(reportSubmissions)
    .leftJoin(files, and(eq(files.id, reportSubmissions.fileId), eq(files.organizationId, orgId)))
    .where(and(eq(reportSubmissions.organizationId, orgId), inArray(reportSubmissions.dutyId, dutyIds)));
}

export type DutyView = Pick<DutyRow, "id" | "title" | "recurrence" | "firstDueOn" | "remindDaysBefore" | "active" | "version"> & { occurrences: Occurrence[] };

/** The duties of one contract with their due dates (active first). */
export async function listDuties(ctx: MemberContext, contractId: string, today: string): Promise<DutyView[]> {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const duties = await tx
      .select()
      .from(reportingDuties)
      .where(and(eq(reportingDuties.organizationId, ctx.org.id), eq(reportingDuties.contractId, contractId)))
      .orderBy(asc(reportingDuties.createdAt), asc(reportingDuties.title));
    const subs = await submissionsOf(
      tx,
      ctx.org.id,
      duties.map((d) => d.id),
    );
    return duties
      .map((d) => ({
        id: d.id,
        title: d.title,
        recurrence: d.recurrence,
        firstDueOn: d.firstDueOn,
        remindDaysBefore: d.remindDaysBefore,
        active: d.active,
        version: d.version,
        occurrences: d.active ? occurrencesOf(d, subs.filter((s) => s.dutyId === d.id), today) : occurrencesOf(d, subs.filter((s) => s.dutyId === d.id), today).filter((o) => o.submission),
      }))
      .sort((a, b) => Number(b.active) - Number(a.active));
  });
}

export type DutyAttention = { dutyId: string; contractId: string; title: string; dueOn: string; status: "overdue" | "due_soon" };

/** Due dates needing the board now: overdue (a year back at most) or due within the duty's reminder lead. */
export async function dutiesNeedingAction(tx: Tx, orgId: string, today: string, contractIds?: readonly string[]): Promise<DutyAttention[]> {
  // Each duty with the due dates already submitted riding along as json: one statement.
  const rows = await tx
    .select({
      duty: getTableColumns(reportingDuties),
      submitted: sql`coalesce((select json_agg(s.due_on) from ${reportSubmissions} s where s.organization_id = ${orgId} and s.duty_id = "reporting_duties"."id"), '[]'::json)`.mapWith(
        (v) => parsedJson(v) as string[],
      ),
    })
    .from(reportingDuties)
    .where(and(eq(reportingDuties.organizationId, orgId), eq(reportingDuties.active, true), contractIds ? inArray(reportingDuties.contractId, contractIds.length ? [...contractIds] : [randomUUID()]) : undefined));
  const duties = rows.map((r) => r.duty);
  const done = new Set(rows.flatMap((r) => r.submitted.map((dueOn) => `${r.duty.id}|${dueOn}`)));
  const out: DutyAttention[] = [];
  for (const d of duties) {
    for (const dueOn of dutyDueDates(d, addDays(today, -HISTORY_DAYS), addDays(today, d.remindDaysBefore))) {
      const status = occurrenceStatus({ dueOn, remindDaysBefore: d.remindDaysBefore, submitted: done.has(`${d.id}|${dueOn}`) }, today);
      if (status === "overdue" || status === "due_soon") out.push({ dutyId: d.id, contractId: d.contractId, title: d.title, dueOn, status });
    }
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
}

async function loadDuty(tx: Tx, orgId: string, contractId: string, dutyId: string, lock = false) {
  if (!UUID.test(dutyId)) throw new AppError("not_found");
  const query = tx
    .select()
    .from(reportingDuties)
    .where(and(eq(reportingDuties.organizationId, orgId), eq(reportingDuties.contractId, contractId), eq(reportingDuties.id, dutyId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  return row;
}

const auditView = (d: DutyRow) => ({ title: d.title, recurrence: d.recurrence, firstDueOn: d.firstDueOn, remindDaysBefore: d.remindDaysBefore, active: d.active });

/** A new duty; the form's key becomes its id, so a double submit creates one. */
export async function createDuty(ctx: MemberContext, contractId: string, input: DutyInput & { key: string }) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const [row] = await tx
      .insert(reportingDuties)
      .values({ id: input.key, organizationId: ctx.org.id, contractId, title: input.title, recurrence: input.recurrence, firstDueOn: input.firstDueOn, remindDaysBefore: input.remindDaysBefore, createdBy: ctx.user.id })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [existing] = await tx.select().from(reportingDuties).where(and(eq(reportingDuties.organizationId, ctx.org.id), eq(reportingDuties.id, input.key)));
      if (!existing || existing.contractId !== contractId) throw new AppError("conflict", "errors.stale");
      return existing;
    }
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "reporting_duty.created", entityType: "reporting_duty", entityId: row.id, after: { contractId, ...auditView(row) }, ip: ctx.ip });
    return row;
  });
}

export async function updateDuty(ctx: MemberContext, contractId: string, input: DutyInput & { dutyId: string; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const before = await loadDuty(tx, ctx.org.id, contractId, input.dutyId, true);
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    const [after] = await tx
      .update(reportingDuties)
      .set({ title: input.title, recurrence: input.recurrence, firstDueOn: input.firstDueOn, remindDaysBefore: input.remindDaysBefore, version: before.version + 1 })
      .where(and(eq(reportingDuties.organizationId, ctx.org.id), eq(reportingDuties.id, before.id)))
      .returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "reporting_duty.updated", entityType: "reporting_duty", entityId: before.id, before: auditView(before), after: auditView(after), ip: ctx.ip });
    return after;
  });
}

/** Deactivate (no more due dates or reminders; the submitted reports stay) or activate again. */
export async function setDutyActive(ctx: MemberContext, contractId: string, input: { dutyId: string; version: number }, active: boolean) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const before = await loadDuty(tx, ctx.org.id, contractId, input.dutyId, true);
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    const [after] = await tx
      .update(reportingDuties)
      .set({ active, version: before.version + 1 })
      .where(and(eq(reportingDuties.organizationId, ctx.org.id), eq(reportingDuties.id, before.id)))
      .returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: active ? "reporting_duty.activated" : "reporting_duty.deactivated", entityType: "reporting_duty", entityId: before.id, before: { active: before.active }, after: { active }, ip: ctx.ip });
    return after;
  });
}

export type ReportUpload = Upload;

/**
 * Mark a due date submitted, with the report attached. One submission per due
 * date: a double submit answers with the first and stores nothing more. The file
 * is written after the row won its place, as with registration evidence.
 */
export async function submitReport(ctx: MemberContext, contractId: string, input: { dutyId: string; dueOn: string; submittedOn: string; note: string | null }, upload: ReportUpload | null) {
  const report = checkOptionalUpload(upload, "report");
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const duty = await loadDuty(tx, ctx.org.id, contractId, input.dutyId);
    if (!isDutyDueDate(duty, input.dueOn)) throw new AppError("invalid", "duties.errors.notADueDate", "dueOn");
    const [row] = await tx
      .insert(reportSubmissions)
      .values({ organizationId: ctx.org.id, dutyId: duty.id, dueOn: input.dueOn, submittedOn: input.submittedOn, note: input.note, createdBy: ctx.user.id })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [existing] = await tx
        .select()
        .from(reportSubmissions)
        .where(and(eq(reportSubmissions.organizationId, ctx.org.id), eq(reportSubmissions.dutyId, duty.id), eq(reportSubmissions.dueOn, input.dueOn)));
      return { submission: existing, created: false };
    }
    let fileId: string | null = null;
    if (report) {
      fileId = await storeFile(tx, { organizationId: ctx.org.id, userId: ctx.user.id }, report);
      await tx.update(reportSubmissions).set({ fileId }).where(eq(reportSubmissions.id, row.id));
    }
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "reporting_duty.submitted",
      entityType: "reporting_duty",
      entityId: duty.id,
      after: { dueOn: input.dueOn, submittedOn: input.submittedOn, note: input.note, report: report ? { filename: report.filename, sha256: report.sha256 } : null },
      ip: ctx.ip,
    });
    return { submission: { ...row, fileId }, created: true };
  });
}

/**
 * The report attached to a due date, for download: null when the date has none
 * (the duty itself must be this contract's, else "not found").
 */
export async function readReport(ctx: MemberContext, contractId: string, dutyId: string, dueOn: string | null) {
  const found = await withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const duty = await loadDuty(tx, ctx.org.id, contractId, dutyId);
    if (!dueOn) return null;
    const [row] = await tx
      .select({ file: files })
      .from(reportSubmissions)
      .innerJoin(files, and(eq(files.id, reportSubmissions.fileId), eq(files.organizationId, ctx.org.id)))
      .where(and(eq(reportSubmissions.organizationId, ctx.org.id), eq(reportSubmissions.dutyId, duty.id), eq(reportSubmissions.dueOn, dueOn)));
    return row?.file ?? null;
  });
  if (!found) return null;
  return readStoredFile(found);
}
