import { headcount, normalizeKvk, normalizeSlug, todayInAmsterdam, type Role } from "@koepel/rules";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { invitations, memberships, organizations } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import type { MemberContext, UserContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { ensureRegistrationTypes } from "../registrations/registrations.server";
import { ensureMemberRecord } from "../members/members.server";
import { headcountColumn } from "../members/headcount.server";
import type { legalForms } from "./schemas";

type LegalForm = (typeof legalForms)[number];

/** The cooperatives a user belongs to, for the switcher and the start page. */
export async function listMyOrganizations(userId: string) {
  return withSystem((tx) =>
    tx
      .select({ slug: organizations.slug, name: organizations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organizations.name)),
  );
}

/**
 * A new cooperative, with its creator as chair: every cooperative starts with one
 * board member and can never lose the last one.
 */
export async function createOrganization(
  ctx: UserContext,
  input: { name: string; legalForm: LegalForm; kvkNumber: string; slug: string },
) {
  const slug = normalizeSlug(input.slug);
  return withSystem(async (tx) => {
    const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
    if (taken) throw new AppError("conflict", "org.errors.slugTaken", "slug");
    const [org] = await tx
      .insert(organizations)
      .values({ name: input.name.trim(), legalForm: input.legalForm, kvkNumber: normalizeKvk(input.kvkNumber), slug })
      .returning();
    await ensureRegistrationTypes(tx, org.id);
    const [membership] = await tx.insert(memberships).values({ organizationId: org.id, userId: ctx.user.id, role: "chair" }).returning();
    await audit(tx, { organizationId: org.id, actorUserId: ctx.user.id, action: "organization.created", entityType: "organization", entityId: org.id, after: org, ip: ctx.ip });
    await audit(tx, { organizationId: org.id, actorUserId: ctx.user.id, action: "membership.created", entityType: "membership", entityId: membership.id, after: membership, ip: ctx.ip });
    await ensureMemberRecord(tx, { organizationId: org.id, userId: ctx.user.id, role: "chair", ip: ctx.ip });
    return org;
  });
}

/** The dashboard's figures for this still young cooperative. */
export async function organizationSummary(ctx: MemberContext) {
  return withTenant(ctx.org.id, async (tx) => {
    // One statement: the counts ride along with the organization's row.
    const [org] = await tx
      .select({
        createdAt: organizations.createdAt,
        people: sql<number>`(${tx.select({ n: count() }).from(memberships).where(eq(memberships.organizationId, ctx.org.id))})`.mapWith(Number),
        openInvitations: sql<number>`(${tx
          .select({ n: count() })
          .from(invitations)
          .where(and(eq(invitations.organizationId, ctx.org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))})`.mapWith(Number),
        // Who counts (decision 025), riding along in the same statement.
        headcount: headcountColumn(ctx.org.id),
      })
      .from(organizations)
      .where(eq(organizations.id, ctx.org.id));
    // people: accounts with a role here (logins); headcount: the member records by who counts.
    return { people: org.people, headcount: headcount(org.headcount, todayInAmsterdam()), openInvitations: org.openInvitations, createdAt: org.createdAt.toISOString() };
  });
}

/**
 * The board corrects the cooperative's name, legal form or KvK number. The URL
 * name stays: links in mail and bookmarks keep working. A stale version is a 409.
 */
export async function updateOrganization(
  ctx: MemberContext,
  input: { name: string; legalForm: LegalForm; kvkNumber: string; version: number },
) {
  return withTenant(ctx.org.id, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, ctx.org.id)).for("update");
    if (!before) throw new AppError("not_found");
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    const [after] = await tx
      .update(organizations)
      .set({ name: input.name.trim(), legalForm: input.legalForm, kvkNumber: normalizeKvk(input.kvkNumber), version: before.version + 1 })
      .where(eq(organizations.id, ctx.org.id))
      .returning();
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "organization.updated",
      entityType: "organization",
      entityId: ctx.org.id,
      before: { name: before.name, legalForm: before.legalForm, kvkNumber: before.kvkNumber },
      after: { name: after.name, legalForm: after.legalForm, kvkNumber: after.kvkNumber },
      ip: ctx.ip,
    });
    return after;
  });
}

/** Which roles must use two-factor authentication in this cooperative (board only, version-checked). */
export async function setTwoFactorRoles(ctx: MemberContext, input: { roles: Role[]; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, ctx.org.id)).for("update");
    if (!before) throw new AppError("not_found");
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    const roles = [...new Set(input.roles)];
    await tx.update(organizations).set({ twoFactorRoles: roles, version: before.version + 1 }).where(eq(organizations.id, ctx.org.id));
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "organization.two_factor_roles_changed",
      entityType: "organization",
      entityId: ctx.org.id,
      before: { twoFactorRoles: before.twoFactorRoles },
      after: { twoFactorRoles: roles },
      ip: ctx.ip,
    });
  });
}

export async function twoFactorRolesOf(ctx: MemberContext): Promise<Role[]> {
  return withTenant(ctx.org.id, async (tx) => {
    const [row] = await tx.select({ roles: organizations.twoFactorRoles }).from(organizations).where(eq(organizations.id, ctx.org.id));
    return row?.roles ?? [];
  });
}
