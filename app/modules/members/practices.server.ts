import { agbProviderType, effectiveStatus, redactPerson, sortRows, todayInAmsterdam, type SortState } from "@koepel/rules";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { agbCodes, memberPractices, members, practices } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { groupsFor } from "./members.server";
import type { PracticeInput } from "./schemas";

/** Practices with their therapists and business AGB code. */
export const PRACTICE_SORT_KEYS = ["name", "city", "therapists"] as const;
export type PracticeSortKey = (typeof PRACTICE_SORT_KEYS)[number];

/** Every practice (a few dozen at most, so not paged), in the asked order with the id as tie-break. */
export async function listPractices(ctx: MemberContext, sort: SortState<PracticeSortKey> = { key: "name", dir: "asc" }) {
  return withTenant(ctx.org.id, async (tx) => {
    const rows = await tx
      .select({
        id: practices.id,
        name: practices.name,
        city: practices.city,
        website: practices.website,
        agbCode: sql<string | null>`(select a.code from agb_codes a where a.practice_id = ${practices.id} and a.kind = 'business' order by a.code limit 1)`,
        therapists: sql<number>`(select count(*)::int from member_practices mp where mp.practice_id = ${practices.id})`,
      })
      .from(practices)
      .where(eq(practices.organizationId, ctx.org.id))
      .orderBy(asc(practices.name));
    const groups = groupsFor(ctx);
    const sorted = sortRows(rows, (r) => r[sort.key], sort.dir, (r) => r.id);
    return sorted.map(({ therapists, ...r }) => ({ ...redactPerson(r, groups), therapists }));
  });
}

async function loadPractice(tx: Tx, ctx: MemberContext, id: string, lock = false) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found");
  const q = tx.select().from(practices).where(and(eq(practices.id, id), eq(practices.organizationId, ctx.org.id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * One practice. A therapist's practice is often their home: its street address,
 * KvK, IBAN and AGB go by the field-visibility rule like the therapist's own
 * contact details and identifiers (board and office staff; decision 017).
 */
export async function getPractice(ctx: MemberContext, id: string) {
  const groups = groupsFor(ctx);
  const full = groups.has("contact") && groups.has("identifiers");
  return withTenant(ctx.org.id, async (tx) => {
    const p = await loadPractice(tx, ctx, id);
    const [agb] = await tx.select({ code: agbCodes.code }).from(agbCodes).where(and(eq(agbCodes.organizationId, ctx.org.id), eq(agbCodes.practiceId, p.id), eq(agbCodes.kind, "business")));
    const linked = await tx
      .select({ id: members.id, name: members.name, status: members.status, leavesOn: members.leavesOn })
      .from(memberPractices)
      .innerJoin(members, eq(members.id, memberPractices.memberId))
      .where(and(eq(memberPractices.organizationId, ctx.org.id), eq(memberPractices.practiceId, p.id)))
      .orderBy(asc(members.name));
    // Peers see current members only, as in the directory.
    const today = todayInAmsterdam();
    const therapists = linked.filter((m) => groups.has("membership") || effectiveStatus(m, today) === "member").map((m) => ({ id: m.id, name: m.name }));
    const record = {
      id: p.id,
      name: p.name,
      street: p.street,
      houseNumber: p.houseNumber,
      postcode: p.postcode,
      city: p.city,
      website: p.website,
      version: p.version,
      kvkNumber: p.kvkNumber,
      establishmentNumber: p.establishmentNumber,
      iban: p.iban,
      agbCode: agb?.code ?? null,
      agbProviderType: agb ? agbProviderType(agb.code) : null,
    };
    return { practice: redactPerson(record, groups), therapists, full };
  });
}

async function setBusinessAgb(tx: Tx, ctx: MemberContext, practiceId: string, code: string | null) {
  const [current] = await tx.select().from(agbCodes).where(and(eq(agbCodes.organizationId, ctx.org.id), eq(agbCodes.practiceId, practiceId), eq(agbCodes.kind, "business")));
  if ((current?.code ?? null) === code) return;
  if (code) {
    const [taken] = await tx.select({ id: agbCodes.id }).from(agbCodes).where(and(eq(agbCodes.organizationId, ctx.org.id), eq(agbCodes.code, code)));
    if (taken) throw new AppError("conflict", "agb.errors.taken", "agbCode");
  }
  if (current) await tx.delete(agbCodes).where(eq(agbCodes.id, current.id));
  if (code) await tx.insert(agbCodes).values({ organizationId: ctx.org.id, code, kind: "business", practiceId });
}

function taken(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", "agb.errors.taken", "agbCode");
  throw error;
}

const columns = (input: PracticeInput) => ({
  name: input.name,
  kvkNumber: input.kvkNumber,
  establishmentNumber: input.establishmentNumber,
  street: input.street || null,
  houseNumber: input.houseNumber || null,
  postcode: input.postcode,
  city: input.city || null,
  website: input.website || null,
  iban: input.iban,
});

/** A new practice; `memberId` links the member it was made for (from their page). */
export async function createPractice(ctx: MemberContext, input: PracticeInput, memberId?: string) {
  return withTenant(ctx.org.id, async (tx) => {
    let member: { id: string } | undefined;
    if (memberId) {
      [member] = await tx.select({ id: members.id }).from(members).where(and(eq(members.id, memberId), eq(members.organizationId, ctx.org.id)));
      if (!member) throw new AppError("not_found");
    }
    const [p] = await tx.insert(practices).values({ organizationId: ctx.org.id, ...columns(input) }).returning();
    await setBusinessAgb(tx, ctx, p.id, input.agbCode);
    if (member) await tx.insert(memberPractices).values({ organizationId: ctx.org.id, memberId: member.id, practiceId: p.id });
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "practice.created", entityType: "practice", entityId: p.id, after: { ...columns(input), agbCode: input.agbCode, memberId: member?.id ?? null }, ip: ctx.ip });
    return p;
  }).catch(taken);
}

export async function updatePractice(ctx: MemberContext, id: string, input: PracticeInput & { version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const before = await loadPractice(tx, ctx, id, true);
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    await tx.update(practices).set({ ...columns(input), version: before.version + 1 }).where(eq(practices.id, id));
    await setBusinessAgb(tx, ctx, id, input.agbCode);
    const { organizationId: _o, createdAt: _c, version: _v, id: _i, ...old } = before;
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "practice.updated", entityType: "practice", entityId: id, before: old, after: { ...columns(input), agbCode: input.agbCode }, ip: ctx.ip });
  }).catch(taken);
}
