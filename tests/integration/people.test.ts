import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, invitations, memberships } from "~db/schema";
import { withSystem } from "~db/tenant";
import * as csv from "~/routes/c.$org.people[.csv]";
import * as people from "~/routes/c.$org.people._index";
import * as person from "~/routes/c.$org.people.$membershipId";
import * as inviteRoute from "~/routes/c.$org.people.invite";
import { addMember, createUser, get, orgWithChair, post, rowCounts } from "../helpers/app";

const membership = async (id: string) => (await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.id, id))))[0];
/** Invitations are answered on the list; a person's role and removal on their own page (the id in the URL). */
const act = (slug: string, cookie: string, form: Record<string, string>) => {
  if (form.intent === "changeRole" || form.intent === "remove") {
    const { membershipId = "", ...rest } = form;
    return post(person.action, `/c/${slug}/people/${membershipId}`, rest, { cookie, params: { org: slug, membershipId } });
  }
  return post(people.action, `/c/${slug}/people`, form, { cookie, params: { org: slug } });
};

async function setup() {
  const { chair, org } = await orgWithChair();
  const [chairMembership] = await withSystem((tx) => tx.select().from(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, chair.id))));
  const alice = await createUser({ name: "Alice Aalbers" });
  const aliceM = await addMember(org.id, alice.id, "member");
  return { chair, org, chairM: chairMembership, alice, aliceM };
}

describe("people", () => {
  it("lists the cooperative's people with roles and versions", async () => {
    const { chair, org, alice, aliceM, chairM } = await setup();
    const res = await get(people.loader, `/c/${org.slug}/people`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ slug: org.slug, me: chairM.id, myRole: "chair", canManage: true, canInvite: true });
    expect(res.data.people).toHaveLength(2);
    expect(res.data.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: aliceM.id, userId: alice.id, email: alice.email, role: "member", version: 1 }),
        expect.objectContaining({ id: chairM.id, role: "chair" }),
      ]),
    );
    // A member sees the list but may not manage it, nor see invitations.
    const asMember = await get(people.loader, `/c/${org.slug}/people`, { cookie: alice.cookie, params: { org: org.slug } });
    expect(asMember.data).toMatchObject({ canManage: false, canInvite: false, invitations: [] });
  });

  it("exports CSV with semicolons", async () => {
    const { chair, org, alice } = await setup();
    const res = await get(csv.loader, `/c/${org.slug}/people.csv`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${org.slug}-people.csv"`);
    const text = String(res.data);
    expect(text.split(/\r?\n/)).toHaveLength(3);
    // Headers and values in the user's language (Dutch here), dates as 23-11-2026.
    const [header, ...rows] = text.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(header).toBe("Naam;E-mailadres;Rol;Sinds");
    expect(rows.find((r) => r.startsWith("Alice Aalbers;"))).toMatch(new RegExp(`^Alice Aalbers;${alice.email.replace(/[.+]/g, "\\$&")};Lid;\\d{2}-\\d{2}-\\d{4}$`));
  });

  it("a name that a spreadsheet would run as a formula is exported as text", async () => {
    const { chair, org } = await setup();
    const mallory = await createUser({ name: '=HYPERLINK("http://evil.example","klik")' });
    await addMember(org.id, mallory.id, "member");
    const res = await get(csv.loader, `/c/${org.slug}/people.csv`, { cookie: chair.cookie, params: { org: org.slug } });
    const line = String(res.data).split(/\r?\n/).find((l) => l.includes("HYPERLINK"))!;
    expect(line.startsWith(`"'=HYPERLINK(`)).toBe(true);
  });

  it("changes a role, bumps the version and audits before and after", async () => {
    const { chair, org, aliceM } = await setup();
    const res = await act(org.slug, chair.cookie, { intent: "changeRole", membershipId: aliceM.id, role: "treasurer", version: "1" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}/people`);
    expect(await membership(aliceM.id)).toMatchObject({ role: "treasurer", version: 2 });
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, aliceM.id), eq(auditLog.action, "membership.role_changed"))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ organizationId: org.id, actorUserId: chair.id, before: { role: "member" }, after: { role: "treasurer" } });
  });

  it("answers 409 for a stale version and writes nothing", async () => {
    const { chair, org, aliceM } = await setup();
    await act(org.slug, chair.cookie, { intent: "changeRole", membershipId: aliceM.id, role: "office_staff", version: "1" });
    const before = await rowCounts();
    const stale = await act(org.slug, chair.cookie, { intent: "changeRole", membershipId: aliceM.id, role: "secretary", version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.data.result.error[""]).toEqual(["errors.stale"]);
    expect(await membership(aliceM.id)).toMatchObject({ role: "office_staff", version: 2 });
    const staleRemove = await act(org.slug, chair.cookie, { intent: "remove", confirmed: "1", membershipId: aliceM.id, version: "1" });
    expect(staleRemove.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });

  it("the last board member can be neither demoted nor removed", async () => {
    const { chair, org, chairM } = await setup();
    const before = await rowCounts();
    const demote = await act(org.slug, chair.cookie, { intent: "changeRole", membershipId: chairM.id, role: "member", version: "1" });
    expect(demote.status).toBe(409);
    expect(demote.data.result.error.role).toEqual(["people.errors.lastBoard"]);
    const remove = await act(org.slug, chair.cookie, { intent: "remove", confirmed: "1", membershipId: chairM.id, version: "1" });
    expect(remove.status).toBe(409);
    expect(remove.data.result.error[""]).toEqual(["people.errors.lastBoard"]);
    expect(await membership(chairM.id)).toMatchObject({ role: "chair", version: 1 });
    expect(await rowCounts()).toEqual(before);
  });

  it("with a second board member the chair may step down, and then may no longer manage", async () => {
    const { chair, org, chairM, aliceM } = await setup();
    expect((await act(org.slug, chair.cookie, { intent: "changeRole", membershipId: aliceM.id, role: "secretary", version: "1" })).status).toBe(302);
    expect((await act(org.slug, chair.cookie, { intent: "changeRole", membershipId: chairM.id, role: "member", version: "1" })).status).toBe(302);
    expect(await membership(chairM.id)).toMatchObject({ role: "member", version: 2 });
    expect(await membership(aliceM.id)).toMatchObject({ role: "secretary", version: 2 });
    const bob = await createUser();
    const bobM = await addMember(org.id, bob.id, "member");
    const before = await rowCounts();
    const denied = await act(org.slug, chair.cookie, { intent: "remove", confirmed: "1", membershipId: bobM.id, version: "1" });
    expect(denied.status).toBe(403);
    // Someone outside the cooperative gets 404, not 403.
    const outsider = await createUser();
    const afterOutsider = await rowCounts();
    const notFound = await act(org.slug, outsider.cookie, { intent: "remove", confirmed: "1", membershipId: bobM.id, version: "1" });
    expect(notFound.status).toBe(404);
    expect(await rowCounts()).toEqual(afterOutsider);
    expect(afterOutsider.memberships).toBe(before.memberships);
    expect(await membership(bobM.id)).toBeDefined();
  });

  it("a member cannot change roles: 403 and nothing written", async () => {
    const { org, alice, chairM, aliceM } = await setup();
    const before = await rowCounts();
    const res = await act(org.slug, alice.cookie, { intent: "changeRole", membershipId: aliceM.id, role: "chair", version: "1" });
    expect(res.status).toBe(403);
    expect(res.thrown).toBe(true);
    expect(res.data).toEqual({ code: "forbidden", messageKey: "errors.forbidden" });
    const remove = await act(org.slug, alice.cookie, { intent: "remove", confirmed: "1", membershipId: chairM.id, version: "1" });
    expect(remove.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    expect(await membership(aliceM.id)).toMatchObject({ role: "member", version: 1 });
  });

  it("office staff cannot demote a board member", async () => {
    const { org, chairM } = await setup();
    const staff = await createUser();
    await addMember(org.id, staff.id, "office_staff");
    const before = await rowCounts();
    const res = await act(org.slug, staff.cookie, { intent: "changeRole", membershipId: chairM.id, role: "member", version: "1" });
    expect(res.status).toBe(403); // office_staff lacks people:manage
    expect(await rowCounts()).toEqual(before);
  });

  it("a membership id from another cooperative is not found", async () => {
    const a = await setup();
    const b = await setup();
    const before = await rowCounts();
    const res = await act(a.org.slug, a.chair.cookie, { intent: "changeRole", membershipId: b.aliceM.id, role: "secretary", version: "1" });
    expect(res.status).toBe(404);
    expect(await membership(b.aliceM.id)).toMatchObject({ role: "member", version: 1 });
    expect(await rowCounts()).toEqual(before);
  });

  it("a removed person is gone and the removal is audited", async () => {
    const { chair, org, aliceM, alice } = await setup();
    const res = await act(org.slug, chair.cookie, { intent: "remove", confirmed: "1", membershipId: aliceM.id, version: "1" });
    expect(res.status).toBe(302);
    expect(await membership(aliceM.id)).toBeUndefined();
    const [a] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, aliceM.id), eq(auditLog.action, "membership.removed"))));
    expect(a).toMatchObject({ organizationId: org.id, before: { userId: alice.id, role: "member" } });
    const gone = await get(people.loader, `/c/${org.slug}/people`, { cookie: alice.cookie, params: { org: org.slug } });
    expect(gone.status).toBe(404);
  });

  it("removing asks first: without confirmed nothing is written and the answer names what to re-post", async () => {
    const { chair, org, aliceM } = await setup();
    const before = await rowCounts();
    const ask = await act(org.slug, chair.cookie, { intent: "remove", membershipId: aliceM.id, version: "1" });
    expect(ask.status).toBe(200);
    // The person's page puts the id from its URL into the form it checks.
    expect(ask.data.confirm).toEqual({ intent: "remove", fields: [["intent", "remove"], ["version", "1"], ["membershipId", aliceM.id]] });
    expect(await rowCounts()).toEqual(before);
    expect(await membership(aliceM.id)).toMatchObject({ role: "member", version: 1 });
    // Re-posting those fields with confirmed=1 (the "Ja, ..." button) acts.
    const done = await act(org.slug, chair.cookie, { ...Object.fromEntries(ask.data.confirm.fields), confirmed: "1" });
    expect(done.status).toBe(302);
    expect(await membership(aliceM.id)).toBeUndefined();
  });

  it("confirming does not get round the permission check", async () => {
    const { org, alice, chairM } = await setup();
    const before = await rowCounts();
    const res = await act(org.slug, alice.cookie, { intent: "remove", confirmed: "1", membershipId: chairM.id, version: "1" });
    expect(res.status).toBe(403);
    const page = await post(person.action, `/c/${org.slug}/people/${chairM.id}`, { intent: "remove", confirmed: "1", version: "1" }, { cookie: alice.cookie, params: { org: org.slug, membershipId: chairM.id } });
    expect(page.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it("revoking an invitation asks first", async () => {
    const { chair, org } = await setup();
    await post(inviteRoute.action, `/c/${org.slug}/people/invite`, { email: "nieuw@example.test", role: "member" }, { cookie: chair.cookie, params: { org: org.slug } });
    const open = async () => (await withSystem((tx) => tx.select().from(invitations).where(eq(invitations.organizationId, org.id)))).filter((i) => !i.revokedAt);
    const [inv] = await open();
    const ask = await act(org.slug, chair.cookie, { intent: "revoke", invitationId: inv!.id });
    expect(ask.data.confirm).toMatchObject({ intent: "revoke" });
    expect(await open()).toHaveLength(1);
    const done = await act(org.slug, chair.cookie, { intent: "revoke", invitationId: inv!.id, confirmed: "1" });
    expect(done.data).toEqual({ result: undefined, done: "revoked" });
    expect(await open()).toHaveLength(0);
  });

  describe("the per-person page", () => {
    const at = (slug: string, id: string, cookie: string, form: Record<string, string>) => post(person.action, `/c/${slug}/people/${id}`, form, { cookie, params: { org: slug, membershipId: id } });

    it("shows one person to the board, and is not for members", async () => {
      const { chair, org, alice, aliceM } = await setup();
      const res = await get(person.loader, `/c/${org.slug}/people/${aliceM.id}`, { cookie: chair.cookie, params: { org: org.slug, membershipId: aliceM.id } });
      expect(res.data.person).toMatchObject({ id: aliceM.id, name: "Alice Aalbers", role: "member", version: 1 });
      expect((await get(person.loader, `/c/${org.slug}/people/${aliceM.id}`, { cookie: alice.cookie, params: { org: org.slug, membershipId: aliceM.id } })).status).toBe(403);
    });

    it("changes the role and goes back to the list with a toast", async () => {
      const { chair, org, aliceM } = await setup();
      const res = await at(org.slug, aliceM.id, chair.cookie, { intent: "changeRole", role: "treasurer", version: "1" });
      expect(res.status).toBe(302);
      expect(res.location).toBe(`/c/${org.slug}/people`);
      expect(res.headers.get("Set-Cookie")).toContain("koepel_toast=");
      expect(await membership(aliceM.id)).toMatchObject({ role: "treasurer", version: 2 });
    });

    it("keeps the last board member, with the message beside the role", async () => {
      const { chair, org, chairM } = await setup();
      const res = await at(org.slug, chairM.id, chair.cookie, { intent: "changeRole", role: "member", version: "1" });
      expect(res.status).toBe(409);
      expect(res.data.result.error.role).toEqual(["people.errors.lastBoard"]);
      expect(await membership(chairM.id)).toMatchObject({ role: "chair" });
    });

    it("removes only when confirmed, and only the person in the URL", async () => {
      const { chair, org, chairM, aliceM } = await setup();
      const before = await rowCounts();
      const ask = await at(org.slug, aliceM.id, chair.cookie, { intent: "remove", version: "1", membershipId: chairM.id });
      expect(ask.data.confirm.intent).toBe("remove");
      expect(await rowCounts()).toEqual(before);
      const done = await at(org.slug, aliceM.id, chair.cookie, { intent: "remove", version: "1", membershipId: chairM.id, confirmed: "1" });
      expect(done.status).toBe(302);
      expect(await membership(aliceM.id)).toBeUndefined();
      expect(await membership(chairM.id)).toBeDefined();
    });
  });
});
