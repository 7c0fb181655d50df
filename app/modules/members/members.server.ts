import {
  agbProviderType,
  agbWarning,
  effectiveStatus,
  FIELD_GROUPS,
  memberTypeForRole,
  redactPerson,
  resignationEffectiveDate,
  roleForMemberType,
  todayInAmsterdam,
  visibleGroups,
  type FieldGroup,
  groupBy,
  pageOf,
  PAGE_SIZE,
  type MemberStatus,
  type MemberType,
  type Role,
  type SortState,
} from "@koepel/rules";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { agbCodes, memberPractices, memberProblemAreas, memberStatusHistory, members, organizations, practices, problemAreas, users } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { invite } from "../people/people.server";
import { registrationStatesIn } from "../registrations/registrations.server";
import type { DirectoryFilter, ProfileInput } from "./schemas";

type Member = typeof members.$inferSelect;

/** SQL for the status on `today`: a resignation turns into "left" on its date (see effectiveStatus). */
export const statusOn = (today: string) =>
  sql<MemberStatus>`case when ${members.status} <> 'left' and ${members.leavesOn} is not null and ${members.leavesOn} <= ${today} then 'left'::member_status else ${members.status} end`;

async function history(tx: Tx, ctx: { orgId: string; userId: string | null }, memberId: string, status: MemberStatus, effectiveOn: string, reason?: string | null) {
  await tx.insert(memberStatusHistory).values({ organizationId: ctx.orgId, memberId, status, effectiveOn, reason: reason ?? null, recordedBy: ctx.userId });
}

/**
 * Every person with a membership has a member record (issue 4). Called where a
 * membership comes into being (new cooperative, accepted invitation): a record
 * the board made beforehand with the same address is linked to the account;
 * otherwise one is created with the type the role implies and status "member".
 * Idempotent, so it is safe to call twice. Runs in the caller's transaction.
 */
export async function ensureMemberRecord(tx: Tx, input: { organizationId: string; userId: string; role: Role; actorUserId?: string | null; ip?: string | null }) {
  const [linked] = await tx.select().from(members).where(and(eq(members.organizationId, input.organizationId), eq(members.userId, input.userId)));
  if (linked) return linked;
  const [user] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, input.userId));
  const email = user.email.toLowerCase();
  const [byEmail] = await tx
    .select()
    .from(members)
    .where(and(eq(members.organizationId, input.organizationId), sql`lower(${members.email}) = ${email}`, isNull(members.userId)))
    .for("update");
  if (byEmail) {
    const [after] = await tx.update(members).set({ userId: input.userId, version: byEmail.version + 1, updatedAt: new Date() }).where(eq(members.id, byEmail.id)).returning();
    await audit(tx, { organizationId: input.organizationId, actorUserId: input.actorUserId ?? input.userId, action: "member.linked", entityType: "member", entityId: byEmail.id, after: { userId: input.userId }, ip: input.ip });
    return after;
  }
  const today = todayInAmsterdam();
  const [created] = await tx
    .insert(members)
    .values({ organizationId: input.organizationId, userId: input.userId, name: user.name, email, type: memberTypeForRole(input.role), status: "member", joinedOn: today })
    .returning();
  await history(tx, { orgId: input.organizationId, userId: input.actorUserId ?? input.userId }, created.id, "member", today);
  await audit(tx, { organizationId: input.organizationId, actorUserId: input.actorUserId ?? input.userId, action: "member.created", entityType: "member", entityId: created.id, after: { name: created.name, type: created.type, status: created.status, via: "membership" }, ip: input.ip });
  return created;
}

/**
 * What the signed-in person sees of someone's record (the field-visibility rule,
 * decision 017). `subjectUserId`: the account the record belongs to, if any; a
 * person sees all of their own. Lists show everyone as to another person.
 */
export const groupsFor = (ctx: MemberContext, subjectUserId: string | null = null) => visibleGroups(ctx.role, subjectUserId !== null && subjectUserId === ctx.user.id);
const seesAll = (groups: ReadonlySet<FieldGroup>) => FIELD_GROUPS.every((g) => groups.has(g));

/** Contact and business details are for the board and office staff; peers see the professional profile. */
export const seesContactDetails = (ctx: MemberContext) => seesAll(groupsFor(ctx));

export function directoryWhere(ctx: MemberContext, filter: DirectoryFilter, today: string): SQL[] {
  const where: SQL[] = [eq(members.organizationId, ctx.org.id)];
  const groups = groupsFor(ctx);
  // Peers look each other up for referrals: only current members, never prospective or former ones.
  if (!groups.has("membership")) where.push(sql`${statusOn(today)} = 'member'`);
  if (filter.status) where.push(sql`${statusOn(today)} = ${filter.status}`);
  if (filter.type) where.push(eq(members.type, filter.type));
  if (filter.discipline) where.push(sql`${filter.discipline} = any(${members.disciplines})`);
  if (filter.municipality) where.push(sql`exists (select 1 from unnest(${members.municipalities}) m where lower(m) = lower(${filter.municipality}))`);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Searching a field one may not see would reveal it one guess at a time.
    const by = [sql`lower(${members.name}) like ${like}`];
    if (groups.has("contact")) by.push(sql`lower(coalesce(${members.email}, '')) like ${like}`);
    if (groups.has("identifiers")) by.push(sql`exists (select 1 from agb_codes a where a.member_id = ${members.id} and a.code like ${like})`);
    where.push(sql`(${sql.join(by, sql` or `)})`);
  }
  return where;
}

export type DirectoryRow = Awaited<ReturnType<typeof listMembers>>[number];

/** The directory's sortable columns; status and type only for whoever sees them (decision 024). */
export const MEMBER_SORT_KEYS = ["name", "waitingWeeks", "status", "type"] as const;
export type MemberSortKey = (typeof MEMBER_SORT_KEYS)[number];
export const MEMBER_DEFAULT_SORT: SortState<MemberSortKey> = { key: "name", dir: "asc" };

/** The keys a person may sort on: sorting on a hidden field would reveal it by the order. */
export const memberSortKeys = (ctx: MemberContext): readonly MemberSortKey[] => (groupsFor(ctx).has("membership") ? MEMBER_SORT_KEYS : ["name", "waitingWeeks"]);

/**
 * The asked column (empty values last either way), then name, then id: a total order,
 * so pages never overlap or skip whatever the column.
 */
function directoryOrder(sort: SortState<MemberSortKey>, today: string): SQL[] {
  const by = { name: sql`${members.name}`, waitingWeeks: sql`${members.waitingWeeks}`, status: statusOn(today), type: sql`${members.type}` }[sort.key];
  const first = sort.dir === "desc" ? sql`${by} desc nulls last` : sql`${by} asc nulls last`;
  return sort.key === "name" ? [first, sort.dir === "desc" ? desc(members.id) : asc(members.id)] : [first, asc(members.name), asc(members.id)];
}

/**
 * The directory's rows in one transaction: the members matching the filters, their
 * registration state (board and office staff) and AGB codes. With `page` and no
 * registration filter the database pages (LIMIT/OFFSET, the total beside each row);
 * the registration filter is computed per member by the rules, so it pages after.
 */
async function directory(ctx: MemberContext, filter: DirectoryFilter, page?: number, sort = MEMBER_DEFAULT_SORT) {
  const today = todayInAmsterdam();
  const groups = groupsFor(ctx);
  const order = directoryOrder(memberSortKeys(ctx).includes(sort.key) ? sort : MEMBER_DEFAULT_SORT, today);
  return withTenant(ctx.org.id, async (tx) => {
    const sqlPaged = page !== undefined && !(groups.has("registrations") && filter.registration);
    const wanted = Math.max(1, page ?? 1);
    const select = (limit?: number, offset = 0) => {
      const q = tx
        .select({
          id: members.id,
          name: members.name,
          email: members.email,
          phone: members.phone,
          type: members.type,
          status: statusOn(today),
          joinedOn: members.joinedOn,
          leavesOn: members.leavesOn,
          disciplines: members.disciplines,
          ageRanges: members.ageRanges,
          municipalities: members.municipalities,
          capacityHoursPerWeek: members.capacityHoursPerWeek,
          waitingWeeks: members.waitingWeeks,
          hasAccount: sql<boolean>`${members.userId} is not null`,
          total: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(members)
        .where(and(...directoryWhere(ctx, filter, today)))
        .orderBy(...order);
      return limit === undefined ? q : q.limit(limit).offset(offset);
    };
    let rows = sqlPaged ? await select(PAGE_SIZE, (wanted - 1) * PAGE_SIZE) : await select();
    let paging = pageOf(rows[0]?.total ?? 0, wanted);
    if (sqlPaged && rows.length === 0 && wanted > 1) {
      // Past the last page (a link kept while rows went away): the last page instead.
      const [first] = await select(1);
      paging = pageOf(first?.total ?? 0, wanted);
      if (first) rows = await select(PAGE_SIZE, paging.offset);
    }
    // The registration state of the rows needed only (all of them to filter on it).
    const states = groups.has("registrations") ? await registrationStatesIn(tx, ctx.org.id, today, filter.registration ? undefined : rows.map((r) => r.id)) : null;
    let kept = states && filter.registration ? rows.filter((r) => states.get(r.id) === filter.registration) : rows;
    if (page !== undefined && !sqlPaged) {
      paging = pageOf(kept.length, wanted);
      kept = kept.slice(paging.offset, paging.offset + paging.size);
    }
    if (page === undefined) paging = pageOf(kept.length, 1, Math.max(1, kept.length));
    const ids = kept.map((r) => r.id);
    const codes = groups.has("identifiers") && ids.length ? await tx.select({ memberId: agbCodes.memberId, code: agbCodes.code }).from(agbCodes).where(and(eq(agbCodes.organizationId, ctx.org.id), inArray(agbCodes.memberId, ids))) : [];
    const codesBy = groupBy(codes, (c) => c.memberId);
    // Hidden fields leave the row here, so the page, its .data and the CSV never carry them.
    const list = kept.map(({ total: _total, ...r }) =>
      redactPerson({ ...r, registrationState: states?.get(r.id) ?? null, agbCodes: (codesBy.get(r.id) ?? []).map((c) => c.code) }, groups),
    );
    return { list, paging };
  });
}

/** The member directory with its filters, every row (the CSV export). */
export async function listMembers(ctx: MemberContext, filter: DirectoryFilter) {
  return (await directory(ctx, filter)).list;
}

/** The fields the directory page shows; the rest of a row stays on the server. */
const PAGE_FIELDS = ["id", "name", "disciplines", "municipalities", "waitingWeeks", "status", "leavesOn", "type", "registrationState", "email"] as const;

// The redacted row's type already marks hidden fields optional; pick keeps that.
function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (key in row) out[key] = row[key];
  return out;
}

/** One page of the directory (`page` from the URL), with only the fields the page shows. */
export async function listMembersPage(ctx: MemberContext, filter: DirectoryFilter, page: number, sort?: SortState<MemberSortKey>) {
  const { list, paging } = await directory(ctx, filter, page, sort);
  return {
    paging: { page: paging.page, pages: paging.pages, total: paging.total, from: paging.from, to: paging.to },
    // Picked from the redacted row: a field it left out stays out (no `email: undefined`).
    members: list.map((m) => pick(m, PAGE_FIELDS)),
  };
}

/** The municipalities members serve, for the directory's filter. */
export async function listMunicipalities(ctx: MemberContext) {
  return withTenant(ctx.org.id, async (tx) => {
    const name = sql<string>`unnest(${members.municipalities})`;
    const rows = await tx.selectDistinct({ name }).from(members).where(eq(members.organizationId, ctx.org.id)).orderBy(sql`1`);
    return rows.map((r) => r.name);
  });
}

async function loadMember(tx: Tx, ctx: MemberContext, memberId: string, lock = false) {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError("not_found");
  const query = tx.select().from(members).where(and(eq(members.id, memberId), eq(members.organizationId, ctx.org.id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  return row;
}

function checkVersion(row: { version: number }, version: number) {
  if (row.version !== version) throw new AppError("conflict", "errors.stale");
}

/** A member's page: the profile for everyone who may see the directory, the rest for the board. */
export async function getMember(ctx: MemberContext, memberId: string) {
  const today = todayInAmsterdam();
  return withTenant(ctx.org.id, async (tx) => {
    const m = await loadMember(tx, ctx, memberId);
    const status = effectiveStatus(m, today);
    const groups = groupsFor(ctx, m.userId);
    // A peer may open only a current member's page, as in the directory.
    if (!groups.has("membership") && status !== "member") throw new AppError("not_found");
    const areas = await tx
      .select({ id: problemAreas.id, name: problemAreas.name })
      .from(memberProblemAreas)
      .innerJoin(problemAreas, eq(problemAreas.id, memberProblemAreas.problemAreaId))
      .where(and(eq(memberProblemAreas.organizationId, ctx.org.id), eq(memberProblemAreas.memberId, m.id)))
      .orderBy(asc(problemAreas.name));
    const linkedPractices = await tx
      .select({ id: practices.id, name: practices.name, city: practices.city, website: practices.website })
      .from(memberPractices)
      .innerJoin(practices, eq(practices.id, memberPractices.practiceId))
      .where(and(eq(memberPractices.organizationId, ctx.org.id), eq(memberPractices.memberId, m.id)))
      .orderBy(asc(practices.name));
    const profile = redactPerson({
      id: m.id,
      name: m.name,
      type: m.type,
      status,
      leavesOn: status === "left" ? null : m.leavesOn,
      disciplines: m.disciplines,
      ageRanges: m.ageRanges,
      municipalities: m.municipalities,
      languages: m.languages,
      capacityHoursPerWeek: m.capacityHoursPerWeek,
      waitingWeeks: m.waitingWeeks,
      version: m.version,
      problemAreas: areas,
      practices: linkedPractices,
    }, groups);
    // The administration is all or nothing: whoever misses one of its groups gets none of it.
    const isOwn = m.userId !== null && m.userId === ctx.user.id;
    if (!seesAll(groups)) return { profile, admin: null, isOwn };
    const codes = await tx
      .select({ id: agbCodes.id, code: agbCodes.code })
      .from(agbCodes)
      .where(and(eq(agbCodes.organizationId, ctx.org.id), eq(agbCodes.memberId, m.id)))
      .orderBy(asc(agbCodes.code));
    const statusHistory = await tx
      .select({ status: memberStatusHistory.status, effectiveOn: memberStatusHistory.effectiveOn, reason: memberStatusHistory.reason, recordedAt: memberStatusHistory.recordedAt, by: users.name })
      .from(memberStatusHistory)
      .leftJoin(users, eq(users.id, memberStatusHistory.recordedBy))
      .where(and(eq(memberStatusHistory.organizationId, ctx.org.id), eq(memberStatusHistory.memberId, m.id)))
      .orderBy(asc(memberStatusHistory.recordedAt));
    return {
      profile,
      isOwn,
      admin: {
        email: m.email,
        phone: m.phone,
        hasAccount: m.userId !== null,
        joinedOn: m.joinedOn,
        storedStatus: m.status,
        resignationRequestedOn: m.resignationRequestedOn,
        leaveReason: m.leaveReason,
        agbCodes: codes.map((c) => ({ ...c, providerType: agbProviderType(c.code), warning: agbWarning(c.code, m.disciplines) })),
        history: statusHistory,
      },
    };
  });
}

/** The signed-in person's own record; created on first visit for a membership that has none yet. */
export async function getMyMemberId(ctx: MemberContext) {
  // Read only (no state change on GET): every membership gets its record when it is
  // made (cooperative creation, invitation) or by the backfill migration.
  return withTenant(ctx.org.id, async (tx) => {
    const [mine] = await tx.select({ id: members.id }).from(members).where(and(eq(members.organizationId, ctx.org.id), eq(members.userId, ctx.user.id)));
    if (!mine) throw new AppError("not_found");
    return mine.id;
  });
}

/** The cooperative's problem-area list, for the profile forms and the settings page. */
export async function listProblemAreas(ctx: MemberContext) {
  return withTenant(ctx.org.id, (tx) =>
    tx.select({ id: problemAreas.id, name: problemAreas.name }).from(problemAreas).where(eq(problemAreas.organizationId, ctx.org.id)).orderBy(asc(problemAreas.name)),
  );
}

async function writeProfile(tx: Tx, ctx: MemberContext, before: Member, input: ProfileInput, extra: Partial<Pick<Member, "name" | "email" | "phone" | "type">> = {}) {
  checkVersion(before, input.version);
  // Every problem area named in the form must be this cooperative's (404 otherwise).
  const areaIds = [...new Set(input.problemAreaIds)];
  if (areaIds.length) {
    const found = await tx.select({ id: problemAreas.id }).from(problemAreas).where(and(eq(problemAreas.organizationId, ctx.org.id), inArray(problemAreas.id, areaIds)));
    if (found.length !== areaIds.length) throw new AppError("not_found");
  }
  const changes = {
    disciplines: input.disciplines,
    ageRanges: input.ageRanges,
    municipalities: input.municipalities,
    languages: input.languages,
    capacityHoursPerWeek: input.capacityHoursPerWeek ?? null,
    waitingWeeks: input.waitingWeeks ?? null,
    ...extra,
  };
  const [after] = await tx.update(members).set({ ...changes, version: before.version + 1, updatedAt: new Date() }).where(eq(members.id, before.id)).returning();
  await tx.delete(memberProblemAreas).where(and(eq(memberProblemAreas.organizationId, ctx.org.id), eq(memberProblemAreas.memberId, before.id)));
  if (areaIds.length) await tx.insert(memberProblemAreas).values(areaIds.map((problemAreaId) => ({ organizationId: ctx.org.id, memberId: before.id, problemAreaId })));
  const beforeValues = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof Member]]));
  await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member.profile_updated", entityType: "member", entityId: before.id, before: beforeValues, after: { ...changes, problemAreaIds: areaIds }, ip: ctx.ip });
  return after;
}

function emailTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", "members.errors.emailTaken", "email");
  throw error;
}

/** The member keeps up their own profile (profile:self). */
export async function updateOwnProfile(ctx: MemberContext, input: ProfileInput) {
  return withTenant(ctx.org.id, async (tx) => {
    const mine = await ensureMemberRecord(tx, { organizationId: ctx.org.id, userId: ctx.user.id, role: ctx.role, ip: ctx.ip });
    const [locked] = await tx.select().from(members).where(eq(members.id, mine.id)).for("update");
    return writeProfile(tx, ctx, locked, input);
  });
}

/** The board edits a member's profile and contact details (members:write). */
export async function updateMember(ctx: MemberContext, memberId: string, input: ProfileInput & { name: string; email?: string; phone?: string; type: MemberType }) {
  return withTenant(ctx.org.id, async (tx) => {
    const before = await loadMember(tx, ctx, memberId, true);
    if (input.email && input.email !== before.email?.toLowerCase()) {
      const [other] = await tx.select({ id: members.id }).from(members).where(and(eq(members.organizationId, ctx.org.id), sql`lower(${members.email}) = ${input.email}`));
      if (other) throw new AppError("conflict", "members.errors.emailTaken", "email");
    }
    return writeProfile(tx, ctx, before, input, { name: input.name, email: input.email ?? null, phone: input.phone || null, type: input.type });
  }).catch(emailTaken);
}

/**
 * The board records a prospective member (aspirant-lid), with or without an
 * account. A double submit finds the address taken and creates nothing more.
 */
export async function createMember(ctx: MemberContext, input: { name: string; email: string; phone?: string; type: MemberType }) {
  return withTenant(ctx.org.id, async (tx) => {
    const [existing] = await tx.select({ id: members.id }).from(members).where(and(eq(members.organizationId, ctx.org.id), sql`lower(${members.email}) = ${input.email}`));
    if (existing) throw new AppError("conflict", "members.errors.emailTaken", "email");
    // Someone who already has an account in this cooperative is linked at once.
    const [account] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    const today = todayInAmsterdam();
    const [created] = await tx
      .insert(members)
      .values({ organizationId: ctx.org.id, userId: account?.id ?? null, name: input.name, email: input.email, phone: input.phone || null, type: input.type, status: "prospective" })
      .returning();
    await history(tx, { orgId: ctx.org.id, userId: ctx.user.id }, created.id, "prospective", today);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member.created", entityType: "member", entityId: created.id, after: { name: created.name, email: created.email, type: created.type, status: created.status }, ip: ctx.ip });
    return created;
  }).catch(emailTaken);
}

/** Prospective -> member from a date (the board's admission decision). */
export async function admitMember(ctx: MemberContext, memberId: string, input: { joinedOn: string; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const before = await loadMember(tx, ctx, memberId, true);
    checkVersion(before, input.version);
    if (before.status !== "prospective") throw new AppError("conflict", "members.errors.notProspective");
    await tx.update(members).set({ status: "member", joinedOn: input.joinedOn, version: before.version + 1, updatedAt: new Date() }).where(eq(members.id, before.id));
    await history(tx, { orgId: ctx.org.id, userId: ctx.user.id }, before.id, "member", input.joinedOn);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member.admitted", entityType: "member", entityId: before.id, before: { status: before.status }, after: { status: "member", joinedOn: input.joinedOn }, ip: ctx.ip });
  });
}

/**
 * The board records a resignation. It takes effect on the date the statutes give
 * (resignationEffectiveDate); until then the member shows "leaves on <date>", and
 * from that day the status reads "left" (computed on read: no job has to run).
 */
export async function recordResignation(ctx: MemberContext, memberId: string, input: { requestedOn: string; reason?: string; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const before = await loadMember(tx, ctx, memberId, true);
    checkVersion(before, input.version);
    if (effectiveStatus(before, todayInAmsterdam()) === "left") throw new AppError("conflict", "members.errors.alreadyLeft");
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, ctx.org.id));
    const leavesOn = resignationEffectiveDate(input.requestedOn, { atYearEnd: org.resignationAtYearEnd, noticeWeeks: org.resignationNoticeWeeks, financialYearEndMonth: org.financialYearEndMonth });
    await tx
      .update(members)
      .set({ resignationRequestedOn: input.requestedOn, leavesOn, leaveReason: input.reason || null, version: before.version + 1, updatedAt: new Date() })
      .where(eq(members.id, before.id));
    await history(tx, { orgId: ctx.org.id, userId: ctx.user.id }, before.id, "left", leavesOn, input.reason);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member.resignation_recorded", entityType: "member", entityId: before.id, before: { leavesOn: before.leavesOn }, after: { requestedOn: input.requestedOn, leavesOn, reason: input.reason ?? null }, ip: ctx.ip });
    return { leavesOn };
  });
}

/** Suspend a member, or lift the suspension. */
export async function setSuspended(ctx: MemberContext, memberId: string, input: { intent: "suspend" | "reinstate"; reason?: string; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const before = await loadMember(tx, ctx, memberId, true);
    checkVersion(before, input.version);
    const current = effectiveStatus(before, todayInAmsterdam());
    const next: MemberStatus = input.intent === "suspend" ? "suspended" : "member";
    if ((input.intent === "suspend" && current !== "member") || (input.intent === "reinstate" && current !== "suspended")) throw new AppError("conflict", "members.errors.statusChanged");
    const today = todayInAmsterdam();
    await tx.update(members).set({ status: next, version: before.version + 1, updatedAt: new Date() }).where(eq(members.id, before.id));
    await history(tx, { orgId: ctx.org.id, userId: ctx.user.id }, before.id, next, today, input.reason);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: input.intent === "suspend" ? "member.suspended" : "member.reinstated", entityType: "member", entityId: before.id, before: { status: before.status }, after: { status: next, reason: input.reason ?? null }, ip: ctx.ip });
  });
}

/**
 * Invite a member without an account, with the role their type implies. The
 * invitation goes through the people module; accepting it links this record by
 * its address (ensureMemberRecord).
 */
export async function inviteMember(ctx: MemberContext, memberId: string) {
  const m = await withTenant(ctx.org.id, (tx) => loadMember(tx, ctx, memberId));
  if (m.userId) throw new AppError("conflict", "members.errors.hasAccount");
  if (!m.email) throw new AppError("invalid", "members.errors.noEmail");
  return invite(ctx, { email: m.email, role: roleForMemberType(m.type) });
}

/** Add a personal AGB code; unique within the cooperative. Returns the provider-type warning, if any. */
export async function addMemberAgb(ctx: MemberContext, memberId: string, code: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const m = await loadMember(tx, ctx, memberId);
    await assertAgbFree(tx, ctx, code);
    const [row] = await tx.insert(agbCodes).values({ organizationId: ctx.org.id, code, kind: "personal", memberId: m.id }).returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "agb.added", entityType: "member", entityId: m.id, after: { code, kind: "personal" }, ip: ctx.ip });
    return { id: row.id, warning: agbWarning(code, m.disciplines) };
  }).catch(agbTaken);
}

async function assertAgbFree(tx: Tx, ctx: MemberContext, code: string) {
  const [taken] = await tx.select({ id: agbCodes.id }).from(agbCodes).where(and(eq(agbCodes.organizationId, ctx.org.id), eq(agbCodes.code, code)));
  if (taken) throw new AppError("conflict", "agb.errors.taken", "code");
}
function agbTaken(error: unknown): never {
  // Two people adding the same code at once: the unique key decides.
  if (isUniqueViolation(error)) throw new AppError("conflict", "agb.errors.taken", "code");
  throw error;
}

export async function removeMemberAgb(ctx: MemberContext, memberId: string, agbId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const m = await loadMember(tx, ctx, memberId);
    const [row] = await tx.delete(agbCodes).where(and(eq(agbCodes.id, agbId), eq(agbCodes.organizationId, ctx.org.id), eq(agbCodes.memberId, m.id))).returning();
    if (!row) throw new AppError("not_found");
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "agb.removed", entityType: "member", entityId: m.id, before: { code: row.code, kind: row.kind }, ip: ctx.ip });
  });
}

/** Link a member to a practice of this cooperative (or undo it). */
export async function setPracticeLink(ctx: MemberContext, memberId: string, input: { intent: "linkPractice" | "unlinkPractice"; practiceId: string }) {
  return withTenant(ctx.org.id, async (tx) => {
    const m = await loadMember(tx, ctx, memberId);
    const [p] = await tx.select({ id: practices.id }).from(practices).where(and(eq(practices.id, input.practiceId), eq(practices.organizationId, ctx.org.id)));
    if (!p) throw new AppError("not_found");
    if (input.intent === "linkPractice") {
      const inserted = await tx.insert(memberPractices).values({ organizationId: ctx.org.id, memberId: m.id, practiceId: p.id }).onConflictDoNothing().returning();
      if (inserted.length) await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member.practice_linked", entityType: "member", entityId: m.id, after: { practiceId: p.id }, ip: ctx.ip });
    } else {
      const removed = await tx.delete(memberPractices).where(and(eq(memberPractices.memberId, m.id), eq(memberPractices.practiceId, p.id))).returning();
      if (removed.length) await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "member.practice_unlinked", entityType: "member", entityId: m.id, before: { practiceId: p.id }, ip: ctx.ip });
    }
  });
}

/** The statutes settings on resignation, with the organization's version for the 409 check. */
export async function getMemberSettings(ctx: MemberContext) {
  return withTenant(ctx.org.id, async (tx) => {
    const [org] = await tx
      .select({ resignationAtYearEnd: organizations.resignationAtYearEnd, resignationNoticeWeeks: organizations.resignationNoticeWeeks, financialYearEndMonth: organizations.financialYearEndMonth, version: organizations.version })
      .from(organizations)
      .where(eq(organizations.id, ctx.org.id));
    return org;
  });
}

export async function updateMemberSettings(ctx: MemberContext, input: { resignationAtYearEnd: boolean; resignationNoticeWeeks: number; financialYearEndMonth: number; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, ctx.org.id)).for("update");
    checkVersion(before, input.version);
    const after = { resignationAtYearEnd: input.resignationAtYearEnd, resignationNoticeWeeks: input.resignationNoticeWeeks, financialYearEndMonth: input.financialYearEndMonth };
    await tx.update(organizations).set({ ...after, version: before.version + 1 }).where(eq(organizations.id, ctx.org.id));
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "organization.statutes_updated",
      entityType: "organization",
      entityId: ctx.org.id,
      before: { resignationAtYearEnd: before.resignationAtYearEnd, resignationNoticeWeeks: before.resignationNoticeWeeks, financialYearEndMonth: before.financialYearEndMonth },
      after,
      ip: ctx.ip,
    });
  });
}

function areaTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", "problemAreas.errors.taken", "name");
  throw error;
}

export async function addProblemArea(ctx: MemberContext, name: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const [taken] = await tx.select({ id: problemAreas.id }).from(problemAreas).where(and(eq(problemAreas.organizationId, ctx.org.id), sql`lower(${problemAreas.name}) = ${name.toLowerCase()}`));
    if (taken) throw new AppError("conflict", "problemAreas.errors.taken", "name");
    const [row] = await tx.insert(problemAreas).values({ organizationId: ctx.org.id, name }).returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "problem_area.added", entityType: "problem_area", entityId: row.id, after: { name }, ip: ctx.ip });
    return row;
  }).catch(areaTaken);
}

export async function renameProblemArea(ctx: MemberContext, id: string, name: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const [before] = await tx.select().from(problemAreas).where(and(eq(problemAreas.id, id), eq(problemAreas.organizationId, ctx.org.id)));
    if (!before) throw new AppError("not_found");
    const [taken] = await tx.select({ id: problemAreas.id }).from(problemAreas).where(and(eq(problemAreas.organizationId, ctx.org.id), sql`lower(${problemAreas.name}) = ${name.toLowerCase()}`, sql`${problemAreas.id} <> ${id}`));
    if (taken) throw new AppError("conflict", "problemAreas.errors.taken", "name");
    await tx.update(problemAreas).set({ name }).where(eq(problemAreas.id, id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "problem_area.renamed", entityType: "problem_area", entityId: id, before: { name: before.name }, after: { name }, ip: ctx.ip });
  }).catch(areaTaken);
}

/** Removing an area also takes it off every member's profile (cascade). */
export async function removeProblemArea(ctx: MemberContext, id: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const [row] = await tx.delete(problemAreas).where(and(eq(problemAreas.id, id), eq(problemAreas.organizationId, ctx.org.id))).returning();
    if (!row) throw new AppError("not_found");
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "problem_area.removed", entityType: "problem_area", entityId: id, before: { name: row.name }, ip: ctx.ip });
  });
}
