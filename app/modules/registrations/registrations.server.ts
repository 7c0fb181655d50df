import {
  BUILTIN_REGISTRATION_TYPES,
  memberRegistrationState,
  numberMatches,
  registrationState,
  todayInAmsterdam,
  validUntilFromCycle,
  visibleGroups,
  type MemberRegistrationState,
  groupBy,
  requiresRegistration,
  memberTypeForRole,
} from "@koepel/rules";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { files, members, organizations, registrations, registrationTypes, users } from "~db/schema";
import { withTenant } from "~db/tenant";
import { AppError } from "~/lib/errors";
import type { MemberContext } from "~/lib/guard.server";
import { isLng } from "~/i18n";
import { audit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { renderAreaMail } from "~/modules/mail/templates.server";
import { ensureMemberRecord, getMyMemberId } from "~/modules/members/members.server";
import { env } from "~/lib/env.server";
import { checkOptionalUpload, readStoredFile, storeFile, type CheckedUpload, type Upload } from "~/modules/files/uploads.server";
import type { RegistrationInput } from "./schemas";

/**
 * The built-in types for one cooperative. Idempotent (unique on organization +
 * code), so creating a cooperative, the demo seed and the migration for existing
 * cooperatives can all call it.
 */
export async function ensureRegistrationTypes(tx: Tx, organizationId: string) {
  await tx
    .insert(registrationTypes)
    .values(
      BUILTIN_REGISTRATION_TYPES.map((t) => ({
        organizationId,
        code: t.code,
        subject: t.subject,
        cycleMonths: t.cycleMonths,
        pointsRequired: t.pointsRequired,
        numberPattern: t.numberPattern,
        required: t.required,
      })),
    )
    .onConflictDoNothing();
}

/** The registration mails' texts (registrations.json). */
export const REGISTRATION_MAILS = {
  reminder: { subject: "registrations.mail.reminder.subject", body: "registrations.mail.reminder.body" },
  organizationReminder: { subject: "registrations.mail.organizationReminder.subject", body: "registrations.mail.organizationReminder.body" },
  rejected: { subject: "registrations.mail.rejected.subject", body: "registrations.mail.rejected.body" },
  digest: { subject: "registrations.mail.digest.subject", body: "registrations.mail.digest.body" },
};

export type RegistrationTypeRow = typeof registrationTypes.$inferSelect;
/** Ids from the URL are checked before they reach a uuid column (a malformed one is "not found", not a 500). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


async function typesOf(tx: Tx, orgId: string) {
  return tx.select().from(registrationTypes).where(eq(registrationTypes.organizationId, orgId)).orderBy(asc(registrationTypes.createdAt), asc(registrationTypes.code), asc(registrationTypes.name));
}

/** Row shape the pages show, with its state today. */
function present(reg: typeof registrations.$inferSelect, today: string) {
  return {
    id: reg.id,
    memberId: reg.memberId,
    typeId: reg.typeId,
    number: reg.number,
    issuedOn: reg.issuedOn,
    validUntil: reg.validUntil,
    points: reg.points,
    hasEvidence: reg.evidenceFileId !== null,
    verification: reg.verification,
    verifiedAt: reg.verifiedAt?.toISOString() ?? null,
    rejectionReason: reg.rejectionReason,
    supersedesId: reg.supersedesId,
    version: reg.version,
    createdAt: reg.createdAt.toISOString(),
    state: registrationState(reg, today),
  };
}
export type RegistrationView = ReturnType<typeof present>;

const typeView = (t: RegistrationTypeRow) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  subject: t.subject,
  cycleMonths: t.cycleMonths,
  pointsRequired: t.pointsRequired,
  numberPattern: t.numberPattern,
  required: t.required,
  active: t.active,
  version: t.version,
});
export type RegistrationTypeView = ReturnType<typeof typeView>;

// ---------------------------------------------------------------------------
// Evidence upload

export type Evidence = Upload;

/**
 * Insert a registration; a second submit of the same form (same id) returns the
 * first one. The file is written to storage inside the transaction, after the
 * row won its id: if the transaction then fails, an orphan file may remain on
 * disk, never a row pointing at nothing.
 */
async function insertRegistration(
  tx: Tx,
  ctx: MemberContext,
  input: RegistrationInput,
  owner: { memberId: string | null; subject: "member" | "organization"; verifiedByCreator: boolean },
  evidence: CheckedUpload | null,
) {
  const orgId = ctx.org.id;
  const [type] = await tx.select().from(registrationTypes).where(and(eq(registrationTypes.organizationId, orgId), eq(registrationTypes.id, input.typeId)));
  if (!type || type.subject !== owner.subject || !type.active) throw new AppError("invalid", "registrations.errors.type", "typeId");
  if (input.supersedesId) {
    const [previous] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.organizationId, orgId), eq(registrations.id, input.supersedesId)));
    if (!previous || previous.memberId !== owner.memberId || previous.typeId !== type.id) throw new AppError("not_found");
  }
  const number = input.number ? input.number.replace(/\s+/g, "") : null;
  if (number && !numberMatches(type.numberPattern, number)) throw new AppError("invalid", type.code === "big" ? "registrations.errors.bigNumber" : "registrations.errors.number", "number");
  const validUntil = input.validUntil ?? validUntilFromCycle(input.issuedOn, type.cycleMonths);
  if (validUntil && validUntil < input.issuedOn) throw new AppError("invalid", "registrations.errors.validUntilBeforeIssue", "validUntil");
  const points = type.pointsRequired === null ? null : (input.points ?? null);
  const now = new Date();
  const [inserted] = await tx
    .insert(registrations)
    .values({
      id: input.id,
      organizationId: orgId,
      memberId: owner.memberId,
      typeId: type.id,
      number,
      issuedOn: input.issuedOn,
      validUntil,
      points,
      supersedesId: input.supersedesId ?? null,
      createdBy: ctx.user.id,
      ...(owner.verifiedByCreator ? { verification: "verified" as const, verifiedBy: ctx.user.id, verifiedAt: now } : {}),
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    // The same form again (double submit): answer with the first one.
    const [existing] = await tx.select().from(registrations).where(and(eq(registrations.organizationId, orgId), eq(registrations.id, input.id)));
    if (!existing || existing.memberId !== owner.memberId) throw new AppError("conflict", "errors.stale");
    return existing;
  }
  let evidenceFileId: string | null = null;
  if (evidence) {
    evidenceFileId = await storeFile(tx, { organizationId: orgId, userId: ctx.user.id }, evidence);
    await tx.update(registrations).set({ evidenceFileId }).where(eq(registrations.id, inserted.id));
  }
  const after = { ...inserted, evidenceFileId };
  await audit(tx, {
    organizationId: orgId,
    actorUserId: ctx.user.id,
    action: "registration.created",
    entityType: "registration",
    entityId: inserted.id,
    after: { memberId: after.memberId, type: type.code ?? type.name, number, issuedOn: after.issuedOn, validUntil, points, verification: after.verification, supersedesId: after.supersedesId, evidence: evidence ? { filename: evidence.filename, sha256: evidence.sha256 } : null },
    ip: ctx.ip,
  });
  return after;
}

// ---------------------------------------------------------------------------
// The member's own registrations (profile:self)

export async function getMyRegistrations(ctx: MemberContext, today = todayInAmsterdam()) {
  const memberId = await getMyMemberId(ctx); // read only: no record is made on GET
  return withTenant(ctx.org.id, async (tx) => {
    const me = { id: memberId };
    const types = (await typesOf(tx, ctx.org.id)).filter((t) => t.subject === "member");
    const regs = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.organizationId, ctx.org.id), eq(registrations.memberId, me.id)))
      .orderBy(desc(registrations.createdAt));
    // Office staff are not required to hold any (who counts, decision 025); their record's
    // type follows their role (memberTypeForRole), so the role answers without a query.
    const required = requiresRegistration({ type: memberTypeForRole(ctx.role) });
    const requiredIds = required ? types.filter((t) => t.required && t.active).map((t) => t.id) : [];
    return {
      memberId: me.id,
      types: types.map(typeView),
      registrations: regs.map((r) => present(r, today)),
      state: memberRegistrationState(requiredIds, regs, today),
      missingTypeIds: requiredIds.filter((id) => !regs.some((r) => r.typeId === id && r.verification !== "rejected")),
    };
  });
}

/** A member adds or renews one of their own registrations; it waits for the board's verification. */
export async function createMyRegistration(ctx: MemberContext, input: RegistrationInput, upload: Evidence | null) {
  const evidence = checkOptionalUpload(upload, "evidence");
  return withTenant(ctx.org.id, async (tx) => {
    const me = await ensureMemberRecord(tx, { organizationId: ctx.org.id, userId: ctx.user.id, role: ctx.role, ip: ctx.ip });
    return insertRegistration(tx, ctx, input, { memberId: me.id, subject: "member", verifiedByCreator: false }, evidence);
  });
}

// ---------------------------------------------------------------------------
// The board: verification queue, the cooperative's own registrations, a member's tab

export async function getVerificationOverview(ctx: MemberContext, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const types = await typesOf(tx, ctx.org.id);
    const pending = await tx
      .select({ reg: registrations, memberName: members.name })
      .from(registrations)
      .innerJoin(members, and(eq(members.id, registrations.memberId), eq(members.organizationId, ctx.org.id)))
      .where(and(eq(registrations.organizationId, ctx.org.id), eq(registrations.verification, "pending")))
      .orderBy(asc(registrations.createdAt));
    const own = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.organizationId, ctx.org.id), isNull(registrations.memberId)))
      .orderBy(desc(registrations.createdAt));
    return {
      types: types.map(typeView),
      pending: pending.map((p) => ({ ...present(p.reg, today), memberName: p.memberName })),
      own: own.map((r) => present(r, today)),
    };
  });
}

/** The cooperative's own certificate (HKZ). The board enters it, so it counts as verified by the one who did. */
export async function createOrganizationRegistration(ctx: MemberContext, input: RegistrationInput, upload: Evidence | null) {
  const evidence = checkOptionalUpload(upload, "evidence");
  return withTenant(ctx.org.id, (tx) => insertRegistration(tx, ctx, input, { memberId: null, subject: "organization", verifiedByCreator: true }, evidence));
}

/** One member's registrations for their page; 404 for a member of another cooperative. */
export async function getMemberRegistrations(ctx: MemberContext, memberId: string, today = todayInAmsterdam()) {
  if (!UUID.test(memberId)) throw new AppError("not_found");
  return withTenant(ctx.org.id, async (tx) => {
    const [row] = await tx.select({ id: members.id, name: members.name, userId: members.userId }).from(members).where(and(eq(members.organizationId, ctx.org.id), eq(members.id, memberId)));
    if (!row) throw new AppError("not_found");
    // The route asks members:records already; the field rule is checked here too, so no
    // other caller hands a peer someone's registrations (decision 017).
    if (!visibleGroups(ctx.role, row.userId !== null && row.userId === ctx.user.id).has("registrations")) throw new AppError("not_found");
    const member = { id: row.id, name: row.name };
    const types = (await typesOf(tx, ctx.org.id)).filter((t) => t.subject === "member");
    const regs = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.organizationId, ctx.org.id), eq(registrations.memberId, member.id)))
      .orderBy(desc(registrations.createdAt));
    const requiredIds = types.filter((t) => t.required && t.active).map((t) => t.id);
    return { member, types: types.map(typeView), registrations: regs.map((r) => present(r, today)), state: memberRegistrationState(requiredIds, regs, today) };
  });
}

async function lockForVerdict(tx: Tx, ctx: MemberContext, input: { registrationId: string; version: number }, memberId?: string) {
  const [reg] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.organizationId, ctx.org.id), eq(registrations.id, input.registrationId)))
    .for("update");
  if (!reg || (memberId !== undefined && reg.memberId !== memberId)) throw new AppError("not_found");
  if (reg.version !== input.version) throw new AppError("conflict", "errors.stale");
  if (reg.verification !== "pending") throw new AppError("conflict", "registrations.errors.alreadyDecided");
  return reg;
}

/** The board confirms a registration: who and when are recorded. `memberId` limits it to one member's page. */
export async function verifyRegistration(ctx: MemberContext, input: { registrationId: string; version: number }, memberId?: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const reg = await lockForVerdict(tx, ctx, input, memberId);
    const [after] = await tx
      .update(registrations)
      .set({ verification: "verified", verifiedBy: ctx.user.id, verifiedAt: new Date(), rejectionReason: null, version: reg.version + 1 })
      .where(eq(registrations.id, reg.id))
      .returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "registration.verified", entityType: "registration", entityId: reg.id, before: { verification: reg.verification }, after: { verification: after.verification }, ip: ctx.ip });
    return after;
  });
}

/** The board rejects a registration with a reason; the member is told by email, in their language. */
export async function rejectRegistration(ctx: MemberContext, input: { registrationId: string; version: number; reason: string }, memberId?: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const reg = await lockForVerdict(tx, ctx, input, memberId);
    const reason = input.reason.trim();
    const [after] = await tx
      .update(registrations)
      .set({ verification: "rejected", verifiedBy: ctx.user.id, verifiedAt: new Date(), rejectionReason: reason, version: reg.version + 1 })
      .where(eq(registrations.id, reg.id))
      .returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "registration.rejected", entityType: "registration", entityId: reg.id, before: { verification: reg.verification }, after: { verification: after.verification, reason }, ip: ctx.ip });
    if (reg.memberId) {
      const recipient = await memberRecipient(tx, ctx.org.id, reg.memberId);
      const [type] = await tx.select().from(registrationTypes).where(eq(registrationTypes.id, reg.typeId));
      if (recipient) {
        const mail = await renderAreaMail(recipient.locale, REGISTRATION_MAILS.rejected, {
          name: recipient.name,
          organization: ctx.org.name,
          type: await typeName(recipient.locale, type),
          reason,
          link: `${env.appUrl}/c/${ctx.org.slug}/me/registrations`,
        });
        await enqueueMail(tx, { organizationId: ctx.org.id, to: recipient.email, ...mail });
      }
    }
    return after;
  });
}

/** Where a member's mail goes: their account's address and language, else the address on the member record. */
export async function memberRecipient(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select({ name: members.name, memberEmail: members.email, userEmail: users.email, locale: users.locale })
    .from(members)
    .leftJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, orgId), eq(members.id, memberId)));
  const email = row?.userEmail ?? row?.memberEmail;
  if (!row || !email) return null;
  return { name: row.name, email: email.toLowerCase(), locale: isLng(row.locale) ? row.locale : ("nl" as const) };
}

export async function typeName(lng: "nl" | "en", type: Pick<RegistrationTypeRow, "code" | "name">) {
  if (!type.code) return type.name ?? "";
  const { fixedT } = await import("~/lib/i18n.server");
  return (await fixedT(lng))(`registrations.types.${type.code}`);
}

// ---------------------------------------------------------------------------
// Evidence download: the member themself and the board only

export async function readEvidence(ctx: MemberContext, registrationId: string) {
  if (!UUID.test(registrationId)) throw new AppError("not_found");
  const found = await withTenant(ctx.org.id, async (tx) => {
    const [row] = await tx
      .select({ reg: registrations, file: files, memberUserId: members.userId })
      .from(registrations)
      .innerJoin(files, and(eq(files.id, registrations.evidenceFileId), eq(files.organizationId, ctx.org.id)))
      .leftJoin(members, eq(members.id, registrations.memberId))
      .where(and(eq(registrations.organizationId, ctx.org.id), eq(registrations.id, registrationId)));
    // Someone else's evidence is "not found", not "forbidden": its existence is not revealed.
    if (!row) throw new AppError("not_found");
    const own = row.memberUserId !== null && row.memberUserId === ctx.user.id;
    if (!own && !ctx.can("credentials:verify")) throw new AppError("not_found");
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "registration.evidence_read", entityType: "registration", entityId: row.reg.id, after: { fileId: row.file.id, filename: row.file.filename }, ip: ctx.ip });
    return row.file;
  });
  return readStoredFile(found);
}

/** Every registration of the cooperative with its member and state today, for the board's CSV export. */
export async function listAllRegistrations(ctx: MemberContext, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const rows = await tx
      .select({ reg: registrations, type: registrationTypes, memberName: members.name })
      .from(registrations)
      .innerJoin(registrationTypes, eq(registrationTypes.id, registrations.typeId))
      .leftJoin(members, eq(members.id, registrations.memberId))
      .where(eq(registrations.organizationId, ctx.org.id))
      .orderBy(asc(members.name), asc(registrations.validUntil));
    return rows.map((r) => ({ ...present(r.reg, today), memberName: r.memberName, type: { code: r.type.code, name: r.type.name } }));
  });
}

// ---------------------------------------------------------------------------
// State per member, for the member directory

/**
 * Every member's registration state today (worst over the cooperative's
 * required, active types; see memberRegistrationState), keyed by member id.
 * The member directory shows and filters on it.
 */
export async function registrationStatesByMember(ctx: MemberContext, today = todayInAmsterdam()): Promise<Map<string, MemberRegistrationState>> {
  return withTenant(ctx.org.id, (tx) => registrationStatesIn(tx, ctx.org.id, today));
}

/** registrationStatesByMember inside a transaction, for some members only when ids are given (a page of the directory). */
export async function registrationStatesIn(tx: Tx, orgId: string, today: string, memberIds?: readonly string[]): Promise<Map<string, MemberRegistrationState>> {
  if (memberIds && memberIds.length === 0) return new Map();
  // The required types and the registrations in one statement: the types ride along as a json array.
  const regs = await tx
    .select({
      memberId: members.id,
      memberType: members.type,
      typeId: registrations.typeId,
      verification: registrations.verification,
      validUntil: registrations.validUntil,
      required: sql`(select coalesce(json_agg(rt.id), '[]'::json) from registration_types rt where rt.organization_id = ${orgId} and rt.subject = 'member' and rt.required and rt.active)`.mapWith((v) => (typeof v === "string" ? JSON.parse(v) : v) as string[]),
    })
    .from(members)
    .leftJoin(registrations, and(eq(registrations.memberId, members.id), eq(registrations.organizationId, orgId)))
    .where(and(eq(members.organizationId, orgId), memberIds ? inArray(members.id, [...memberIds]) : undefined));
  const requiredIds = regs[0]?.required ?? [];
  const byMember = groupBy(
    regs.filter((r) => r.typeId !== null),
    (r) => r.memberId,
  );
  const states = new Map<string, MemberRegistrationState>();
  // Office staff hold no required registrations (who counts, decision 025): no state, so
  // never a red "missing" nor a match for the "missing" filter.
  for (const r of regs) if (!states.has(r.memberId) && requiresRegistration({ type: r.memberType })) states.set(r.memberId, memberRegistrationState(requiredIds, (byMember.get(r.memberId) ?? []) as { typeId: string; verification: (typeof regs)[number]["verification"] & string; validUntil: string | null }[], today));
  return states;
}

// ---------------------------------------------------------------------------
// Types and the reminder ladder (board)

export async function getTypesSettings(ctx: MemberContext) {
  return withTenant(ctx.org.id, async (tx) => {
    const [org] = await tx.select({ reminderDays: organizations.reminderDays, version: organizations.version }).from(organizations).where(eq(organizations.id, ctx.org.id));
    return { types: (await typesOf(tx, ctx.org.id)).map(typeView), reminderDays: org.reminderDays, orgVersion: org.version };
  });
}

export async function updateRegistrationType(ctx: MemberContext, input: { typeId: string; version: number; required: boolean; active: boolean; cycleMonths?: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const [before] = await tx
      .select()
      .from(registrationTypes)
      .where(and(eq(registrationTypes.organizationId, ctx.org.id), eq(registrationTypes.id, input.typeId)))
      .for("update");
    if (!before) throw new AppError("not_found");
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    const changes = { required: input.required, active: input.active, cycleMonths: input.cycleMonths && input.cycleMonths > 0 ? input.cycleMonths : null };
    const [after] = await tx.update(registrationTypes).set({ ...changes, version: before.version + 1 }).where(eq(registrationTypes.id, before.id)).returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "registration_type.updated", entityType: "registration_type", entityId: before.id, before: { required: before.required, active: before.active, cycleMonths: before.cycleMonths }, after: changes, ip: ctx.ip });
    return after;
  });
}

export async function addRegistrationType(ctx: MemberContext, input: { name: string; subject: "member" | "organization"; cycleMonths?: number; pointsRequired?: number; required: boolean }) {
  return withTenant(ctx.org.id, async (tx) => {
    const name = input.name.trim();
    const [taken] = await tx
      .select({ id: registrationTypes.id })
      .from(registrationTypes)
      .where(and(eq(registrationTypes.organizationId, ctx.org.id), sql`lower(${registrationTypes.name}) = ${name.toLowerCase()}`));
    if (taken) throw new AppError("conflict", "registrations.errors.typeExists", "name");
    const [created] = await tx
      .insert(registrationTypes)
      .values({ organizationId: ctx.org.id, name, subject: input.subject, cycleMonths: input.cycleMonths || null, pointsRequired: input.pointsRequired || null, required: input.required })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError("conflict", "registrations.errors.typeExists", "name");
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "registration_type.created", entityType: "registration_type", entityId: created.id, after: created, ip: ctx.ip });
    return created;
  });
}

export async function updateReminderDays(ctx: MemberContext, input: { reminderDays: number[]; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, ctx.org.id)).for("update");
    if (!before) throw new AppError("not_found");
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    await tx.update(organizations).set({ reminderDays: input.reminderDays, version: before.version + 1 }).where(eq(organizations.id, ctx.org.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "organization.reminder_days_updated", entityType: "organization", entityId: ctx.org.id, before: { reminderDays: before.reminderDays }, after: { reminderDays: input.reminderDays }, ip: ctx.ip });
  });
}
