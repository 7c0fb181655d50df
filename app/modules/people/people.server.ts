import { canAssignRole, isBoardRole, leavesNoBoard, redactPerson, visibleGroups, type Role } from "@koepel/rules";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { invitations, memberships, organizations, users } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import type { MemberContext, UserContext } from "~/lib/guard.server";
import { env } from "~/lib/env.server";
import type { Lng } from "~/i18n";
import { fixedT } from "~/lib/i18n.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { findUserByEmail, normalizeEmail } from "../auth/accounts.server";
import { hashNewPassword } from "../auth/password.server";
import { generateToken, hashToken } from "../auth/tokens.server";
import { enqueueMail } from "../mail/outbox.server";
import { renderMail } from "../mail/templates.server";
import { ensureMemberRecord } from "../members/members.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The cooperative's people with their roles. The field-visibility rule (decision
 * 017) decides the rest: a member sees names and roles, no email address and no
 * membership dates; the board and office staff see everything.
 */
export async function listPeople(ctx: MemberContext) {
  const groups = visibleGroups(ctx.role);
  const rows = await withTenant(ctx.org.id, (tx) =>
    tx
      .select({ id: memberships.id, userId: users.id, name: users.name, email: users.email, role: memberships.role, version: memberships.version, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, ctx.org.id))
      .orderBy(asc(users.name)),
  );
  return rows.map((r) => redactPerson(r, groups));
}

/** Invitations not yet accepted or revoked; expired ones stay listed so they can be resent. */
export async function listOpenInvitations(ctx: MemberContext) {
  return withTenant(ctx.org.id, (tx) =>
    tx
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, sentCount: invitations.sentCount, createdAt: invitations.createdAt })
      .from(invitations)
      .where(and(eq(invitations.organizationId, ctx.org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(asc(invitations.email)),
  );
}

async function sendInvitationMail(tx: Tx, ctx: MemberContext, email: string, role: Role, token: string) {
  const t = await fixedT(ctx.user.locale);
  const mail = await renderMail(ctx.user.locale, "invitation", {
    inviter: ctx.user.name,
    organization: ctx.org.name,
    role: t(`roles.${role}`),
    link: `${env.appUrl}/invitation?token=${token}`,
  });
  await enqueueMail(tx, { to: email, organizationId: ctx.org.id, ...mail });
}

export async function invite(ctx: MemberContext, input: { email: string; role: Role }) {
  if (!canAssignRole(ctx.role, input.role)) throw new AppError("forbidden", "people.errors.cannotAssignRole", "role");
  const email = normalizeEmail(input.email);
  try {
    return await withTenant(ctx.org.id, async (tx) => {
      // Row-level security shows only this cooperative's people, so a hit means "already a member".
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organizationId, ctx.org.id), sql`lower(${users.email}) = ${email}`));
      if (member) throw new AppError("conflict", "people.errors.alreadyMember", "email");
      const [open] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.organizationId, ctx.org.id), sql`lower(${invitations.email}) = ${email}`, isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
      // A double submit, or inviting the same address again, keeps the one open invitation.
      if (open) return { invitation: open, created: false };
      const token = generateToken();
      const [invitation] = await tx
        .insert(invitations)
        .values({ organizationId: ctx.org.id, email, role: input.role, tokenHash: hashToken(token), invitedBy: ctx.user.id, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
        .returning();
      await sendInvitationMail(tx, ctx, email, input.role, token);
      await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "invitation.created", entityType: "invitation", entityId: invitation.id, after: { email, role: input.role }, ip: ctx.ip });
      return { invitation, created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "people.errors.alreadyInvited", "email");
    throw error;
  }
}

async function openInvitation(tx: Tx, ctx: MemberContext, id: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.organizationId, ctx.org.id)));
  if (!row) throw new AppError("not_found");
  if (row.acceptedAt || row.revokedAt) throw new AppError("conflict", "people.errors.invitationClosed");
  return row;
}

/** A fresh link (the old one stops working) and seven more days. */
export async function resendInvitation(ctx: MemberContext, id: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const row = await openInvitation(tx, ctx, id);
    if (!canAssignRole(ctx.role, row.role)) throw new AppError("forbidden", "people.errors.cannotAssignRole");
    const token = generateToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt, sentCount: row.sentCount + 1, version: row.version + 1 })
      .where(eq(invitations.id, id));
    await sendInvitationMail(tx, ctx, row.email, row.role, token);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "invitation.resent", entityType: "invitation", entityId: id, before: { expiresAt: row.expiresAt, sentCount: row.sentCount }, after: { expiresAt, sentCount: row.sentCount + 1 }, ip: ctx.ip });
  });
}

export async function revokeInvitation(ctx: MemberContext, id: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const row = await openInvitation(tx, ctx, id);
    if (!canAssignRole(ctx.role, row.role)) throw new AppError("forbidden", "people.errors.cannotAssignRole");
    await tx.update(invitations).set({ revokedAt: new Date(), version: row.version + 1 }).where(eq(invitations.id, id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "invitation.revoked", entityType: "invitation", entityId: id, before: { email: row.email, role: row.role }, ip: ctx.ip });
  });
}

async function loadForChange(tx: Tx, ctx: MemberContext, membershipId: string, version?: number) {
  // The whole cooperative's roles, locked, so two board members cannot both demote
  // "the other" last board member at the same moment.
  const all = await tx
    .select({ id: memberships.id, role: memberships.role, version: memberships.version, userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.organizationId, ctx.org.id))
    .for("update");
  const target = all.find((m) => m.id === membershipId);
  if (!target) throw new AppError("not_found");
  if (version !== undefined && target.version !== version) throw new AppError("conflict", "errors.stale");
  return { all, target };
}

export async function changeRole(ctx: MemberContext, input: { membershipId: string; role: Role; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const { all, target } = await loadForChange(tx, ctx, input.membershipId, input.version);
    if (!canAssignRole(ctx.role, input.role) || (isBoardRole(target.role) && !isBoardRole(ctx.role))) {
      throw new AppError("forbidden", "people.errors.cannotAssignRole", "role");
    }
    if (leavesNoBoard(all, target.id, input.role)) throw new AppError("conflict", "people.errors.lastBoard", "role");
    if (target.role === input.role) return;
    await tx.update(memberships).set({ role: input.role, version: target.version + 1 }).where(eq(memberships.id, target.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "membership.role_changed", entityType: "membership", entityId: target.id, before: { role: target.role }, after: { role: input.role }, ip: ctx.ip });
  });
}

export async function removePerson(ctx: MemberContext, input: { membershipId: string; version: number }) {
  return withTenant(ctx.org.id, async (tx) => {
    const { all, target } = await loadForChange(tx, ctx, input.membershipId, input.version);
    if (isBoardRole(target.role) && !isBoardRole(ctx.role)) throw new AppError("forbidden");
    if (leavesNoBoard(all, target.id, null)) throw new AppError("conflict", "people.errors.lastBoard");
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "membership.removed", entityType: "membership", entityId: target.id, before: { userId: target.userId, role: target.role }, ip: ctx.ip });
  });
}

/** What the invitation page shows before accepting. Looked up by token: the visitor is not a member yet. */
export async function findInvitation(token: string) {
  return withSystem(async (tx) => {
    const [row] = await tx
      .select({ invitation: invitations, org: { name: organizations.name, slug: organizations.slug } })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
      .where(eq(invitations.tokenHash, hashToken(token)));
    if (!row) return null;
    const { invitation } = row;
    const state = invitation.acceptedAt ? "accepted" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= new Date() ? "expired" : "open";
    const existingAccount = await findUserByEmail(tx, invitation.email);
    return { email: invitation.email, role: invitation.role, org: row.org, state, hasAccount: Boolean(existingAccount) } as const;
  });
}

/**
 * Accept an invitation: link the logged-in account, or create one for the invited
 * address (confirmed, since the link arrived there). The token works once.
 */
export async function acceptInvitation(
  token: string,
  who: { user: UserContext["user"] } | { name: string; password: string; locale?: Lng },
  ip?: string | null,
) {
  const passwordHash = "password" in who ? await hashNewPassword(who.password) : null;
  return withSystem(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
      .for("update");
    if (!row) throw new AppError("invalid", "people.errors.invitationInvalid");
    let userId: string;
    if ("user" in who) {
      userId = who.user.id;
    } else {
      if (await findUserByEmail(tx, row.email)) throw new AppError("conflict", "people.errors.accountExists");
      const [user] = await tx
        .insert(users)
        .values({ email: row.email, name: who.name.trim(), passwordHash, emailVerifiedAt: new Date(), locale: who.locale })
        .returning();
      await audit(tx, { actorUserId: user.id, action: "user.signed_up", entityType: "user", entityId: user.id, after: { email: user.email, name: user.name, via: "invitation" }, ip });
      userId = user.id;
    }
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, row.organizationId), eq(memberships.userId, userId)));
    if (!existing) {
      const [membership] = await tx.insert(memberships).values({ organizationId: row.organizationId, userId, role: row.role }).returning();
      await audit(tx, { organizationId: row.organizationId, actorUserId: userId, action: "membership.created", entityType: "membership", entityId: membership.id, after: { role: row.role, invitationId: row.id }, ip });
    }
    // Links the record the board made for this address, or creates one.
    await ensureMemberRecord(tx, { organizationId: row.organizationId, userId, role: existing?.role ?? row.role, ip });
    await tx.update(invitations).set({ acceptedAt: new Date(), acceptedBy: userId, version: row.version + 1 }).where(eq(invitations.id, row.id));
    await audit(tx, { organizationId: row.organizationId, actorUserId: userId, action: "invitation.accepted", entityType: "invitation", entityId: row.id, after: { acceptedBy: userId }, ip });
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, row.organizationId));
    return { userId, slug: org.slug };
  });
}
