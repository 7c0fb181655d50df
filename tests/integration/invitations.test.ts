import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, invitations, memberships, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import { hashToken } from "~/modules/auth/tokens.server";
import * as invitation from "~/routes/invitation";
import * as inviteRoute from "~/routes/c.$org.people.invite";
import * as people from "~/routes/c.$org.people._index";
import * as login from "~/routes/login";
import { PASSWORD, addMember, createUser, get, linkToken, mailsTo, orgWithChair, post, rowCounts, setCookieValue, uniqueEmail } from "../helpers/app";

const invitationsTo = (organizationId: string, email: string) =>
  withSystem((tx) => tx.select().from(invitations).where(and(eq(invitations.organizationId, organizationId), eq(invitations.email, email))));

async function sendInvite(slug: string, cookie: string, email: string, role = "member") {
  return post(inviteRoute.action, `/c/${slug}/people/invite`, { email, role }, { cookie, params: { org: slug } });
}

describe("invitations", () => {
  it("invite writes an invitation, an outbox message and an audit row; a double submit keeps one", async () => {
    const { chair, org } = await orgWithChair();
    const email = uniqueEmail("invitee");
    const before = await rowCounts();
    const res = await sendInvite(org.slug, chair.cookie, email.toUpperCase(), "member");
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}/people?invited=${encodeURIComponent(email)}`);
    const again = await sendInvite(org.slug, chair.cookie, email, "member");
    expect(again.status).toBe(302);
    const rows = await invitationsTo(org.id, email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: "member", invitedBy: chair.id, sentCount: 1, acceptedAt: null, revokedAt: null });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].organizationId).toBe(org.id);
    const token = await linkToken(email, "/invitation");
    expect(rows[0].tokenHash).toBe(hashToken(token));
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "invitation.created"))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: chair.id, entityId: rows[0].id, after: { email, role: "member" } });
    const after = await rowCounts();
    expect(after.invitations).toBe(before.invitations + 1);
    expect(after.outbox).toBe(before.outbox + 1);
    expect(after.audit_log).toBe(before.audit_log + 1);

    const list = await get(people.loader, `/c/${org.slug}/people`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(list.data.invitations).toEqual([expect.objectContaining({ email, role: "member", sentCount: 1, expired: false })]);
  });

  it("refuses an invalid address with 400 and an existing member with 409, writing nothing", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const bad = await sendInvite(org.slug, chair.cookie, "nope");
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.email).toEqual(["errors.email"]);
    const member = await sendInvite(org.slug, chair.cookie, chair.email);
    expect(member.status).toBe(409);
    expect(member.data.result.error.email).toEqual(["people.errors.alreadyMember"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("office staff may invite members but not board roles", async () => {
    const { org } = await orgWithChair();
    const staff = await createUser();
    await addMember(org.id, staff.id, "office_staff");
    const before = await rowCounts();
    const board = await sendInvite(org.slug, staff.cookie, uniqueEmail(), "treasurer");
    expect(board.status).toBe(403);
    expect(board.data.result.error).toEqual({ role: ["people.errors.cannotAssignRole"] });
    expect(await rowCounts()).toEqual(before);
    const ok = await sendInvite(org.slug, staff.cookie, uniqueEmail(), "member");
    expect(ok.status).toBe(302);
    const roles = await get(inviteRoute.loader, `/c/${org.slug}/people/invite`, { cookie: staff.cookie, params: { org: org.slug } });
    expect(roles.data.roles).not.toContain("chair");
    expect(roles.data.roles).toContain("member");
  });

  it("resend gives a new link (the old one stops working) and bumps sent_count; revoke closes it", async () => {
    const { chair, org } = await orgWithChair();
    const email = uniqueEmail();
    await sendInvite(org.slug, chair.cookie, email);
    const oldToken = await linkToken(email, "/invitation");
    const [inv] = await invitationsTo(org.id, email);

    const resent = await post(people.action, `/c/${org.slug}/people`, { intent: "resend", invitationId: inv.id }, { cookie: chair.cookie, params: { org: org.slug } });
    expect(resent.status).toBe(200);
    expect(resent.data).toEqual({ result: undefined, done: "resent" });
    const newToken = await linkToken(email, "/invitation");
    expect(newToken).not.toBe(oldToken);
    const [after] = await invitationsTo(org.id, email);
    expect(after.sentCount).toBe(2);
    expect(after.tokenHash).toBe(hashToken(newToken));
    expect(await mailsTo(email)).toHaveLength(2);

    const oldPage = await get(invitation.loader, `/invitation?token=${oldToken}`);
    expect(oldPage.data.invitation).toBeNull();
    const before = await rowCounts();
    const oldAccept = await post(invitation.action, `/invitation?token=${oldToken}`, { intent: "create", name: "Old", password: PASSWORD });
    expect(oldAccept.status).toBe(400);
    expect(oldAccept.data.result.error[""]).toEqual(["people.errors.invitationInvalid"]);
    expect(await rowCounts()).toEqual(before);

    const revoked = await post(people.action, `/c/${org.slug}/people`, { intent: "revoke", confirmed: "1", invitationId: inv.id }, { cookie: chair.cookie, params: { org: org.slug } });
    expect(revoked.data).toEqual({ result: undefined, done: "revoked" });
    const [closed] = await invitationsTo(org.id, email);
    expect(closed.revokedAt).toBeInstanceOf(Date);
    expect((await get(invitation.loader, `/invitation?token=${newToken}`)).data.invitation.state).toBe("revoked");
    const refused = await post(invitation.action, `/invitation?token=${newToken}`, { intent: "create", name: "New", password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.data.result.error[""]).toEqual(["people.errors.invitationInvalid"]);
    // A revoked invitation cannot be resent or revoked again.
    const again = await post(people.action, `/c/${org.slug}/people`, { intent: "resend", invitationId: inv.id }, { cookie: chair.cookie, params: { org: org.slug } });
    expect(again.status).toBe(409);
    const audits = await withSystem((tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, inv.id)).orderBy(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["invitation.created", "invitation.resent", "invitation.revoked"]);
  });

  it("accepting as a new account creates a confirmed user and membership, logs in, and works once", async () => {
    const { chair, org } = await orgWithChair();
    const email = uniqueEmail("newbie");
    await sendInvite(org.slug, chair.cookie, email, "secretary");
    const token = await linkToken(email, "/invitation");

    const before = await rowCounts();
    const page = await get(invitation.loader, `/invitation?token=${token}`);
    expect(page.data.invitation).toMatchObject({ email, role: "secretary", state: "open", hasAccount: false, org: { slug: org.slug } });
    expect(await rowCounts()).toEqual(before);

    const short = await post(invitation.action, `/invitation?token=${token}`, { intent: "create", name: "Nieuw", password: "short" });
    expect(short.status).toBe(400);
    expect(short.data.result.error.password).toEqual(["errors.passwordTooShort"]);
    expect(await rowCounts()).toEqual(before);

    // An English browser: the new account keeps the language it was created in.
    const res = await post(invitation.action, `/invitation?token=${token}`, { intent: "create", name: "Nieuw Lid", password: PASSWORD }, { headers: { "Accept-Language": "en-GB,en;q=0.9" } });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}`);
    expect(setCookieValue(res, "koepel_session")).toMatch(/^[a-z2-7]{32}$/);
    const [user] = await withSystem((tx) => tx.select().from(users).where(eq(users.email, email)));
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.name).toBe("Nieuw Lid");
    expect(user.locale).toBe("en");
    const [m] = await withSystem((tx) => tx.select().from(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, user.id))));
    expect(m.role).toBe("secretary");
    const [inv] = await invitationsTo(org.id, email);
    expect(inv.acceptedBy).toBe(user.id);
    expect(inv.acceptedAt).toBeInstanceOf(Date);
    expect((await post(login.action, "/login", { email, password: PASSWORD })).status).toBe(302);

    const mid = await rowCounts();
    const twice = await post(invitation.action, `/invitation?token=${token}`, { intent: "create", name: "Again", password: PASSWORD });
    expect(twice.status).toBe(400);
    expect(await rowCounts()).toEqual(mid);
    expect((await get(invitation.loader, `/invitation?token=${token}`)).data.invitation.state).toBe("accepted");
  });

  it("accepting while logged in links the existing account", async () => {
    const { chair, org } = await orgWithChair();
    const existing = await createUser();
    await sendInvite(org.slug, chair.cookie, existing.email, "member");
    const token = await linkToken(existing.email, "/invitation");
    const page = await get(invitation.loader, `/invitation?token=${token}`, { cookie: existing.cookie });
    expect(page.data.invitation.hasAccount).toBe(true);
    expect(page.data.user).toEqual({ name: existing.name, email: existing.email });
    const usersBefore = (await rowCounts()).users;
    const res = await post(invitation.action, `/invitation?token=${token}`, { intent: "link" }, { cookie: existing.cookie });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}`);
    expect((await rowCounts()).users).toBe(usersBefore);
    const [m] = await withSystem((tx) => tx.select().from(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, existing.id))));
    expect(m.role).toBe("member");
  });

  it("creating a new account for an address that already has one is refused with 409", async () => {
    const { chair, org } = await orgWithChair();
    const existing = await createUser();
    await sendInvite(org.slug, chair.cookie, existing.email);
    const token = await linkToken(existing.email, "/invitation");
    const before = await rowCounts();
    const res = await post(invitation.action, `/invitation?token=${token}`, { intent: "create", name: "Dup", password: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.data.result.error[""]).toEqual(["people.errors.accountExists"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("an expired invitation is refused and writes nothing", async () => {
    const { chair, org } = await orgWithChair();
    const email = uniqueEmail();
    await sendInvite(org.slug, chair.cookie, email);
    const token = await linkToken(email, "/invitation");
    await withSystem((tx) => tx.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.tokenHash, hashToken(token))));
    expect((await get(invitation.loader, `/invitation?token=${token}`)).data.invitation.state).toBe("expired");
    const before = await rowCounts();
    const res = await post(invitation.action, `/invitation?token=${token}`, { intent: "create", name: "Late", password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.data.result.error[""]).toEqual(["people.errors.invitationInvalid"]);
    const linked = await createUser();
    const link = await post(invitation.action, `/invitation?token=${token}`, { intent: "link" }, { cookie: linked.cookie });
    expect(link.status).toBe(400);
    const after = await rowCounts();
    expect({ ...after, users: after.users - 1, sessions: after.sessions - 1 }).toEqual(before); // only the helper's user
  });
});
