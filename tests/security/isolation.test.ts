// The tenant isolation matrix: row-level security on the database itself (same
// code on PGlite and PostgreSQL), and the HTTP guard on every tenant route.
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { auditLog, invitations, memberships, organizations, outbox, users } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import * as dashboard from "~/routes/c.$org._index";
import * as layout from "~/routes/c.$org";
import * as csv from "~/routes/c.$org.people[.csv]";
import * as people from "~/routes/c.$org.people._index";
import * as person from "~/routes/c.$org.people.$membershipId";
import * as invite from "~/routes/c.$org.people.invite";
import { addMember, createUser, get, linkToken, orgWithChair, post, query, rowCounts, uniqueEmail, type TestUser } from "../helpers/app";

/** The database's own message, through drizzle's wrapper (the driver error is its cause). */
async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const parts: string[] = [];
    for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) parts.push(String((e as Error).message));
    return parts.join(" | ");
  }
  throw new Error("expected the database to refuse");
}
const RLS = /row-level security/i;
const DENIED = /permission denied/i;

type Org = { id: string; slug: string };
let A: { org: Org; chair: TestUser; member: TestUser; staff: TestUser };
let B: { org: Org; chair: TestUser; member: TestUser; invitationId: string; invitationEmail: string; memberMembershipId: string };

beforeAll(async () => {
  const a = await orgWithChair();
  const aMember = await createUser();
  await addMember(a.org.id, aMember.id, "member");
  const aStaff = await createUser();
  await addMember(a.org.id, aStaff.id, "office_staff");
  const b = await orgWithChair();
  const bMember = await createUser();
  const bm = await addMember(b.org.id, bMember.id, "member");
  // An invitation in each cooperative.
  await post(invite.action, `/c/${a.org.slug}/people/invite`, { email: uniqueEmail("ainv"), role: "member" }, { cookie: a.chair.cookie, params: { org: a.org.slug } });
  const bInviteEmail = uniqueEmail("binv");
  await post(invite.action, `/c/${b.org.slug}/people/invite`, { email: bInviteEmail, role: "member" }, { cookie: b.chair.cookie, params: { org: b.org.slug } });
  await linkToken(bInviteEmail, "/invitation");
  const [bInv] = await withSystem((tx) => tx.select().from(invitations).where(eq(invitations.email, bInviteEmail)));
  A = { org: a.org, chair: a.chair, member: aMember, staff: aStaff };
  B = { org: b.org, chair: b.chair, member: bMember, invitationId: bInv.id, invitationEmail: bInviteEmail, memberMembershipId: bm.id };
});

describe("row-level security", () => {
  it("every table with an organization_id has row-level security and a tenant policy", async () => {
    const list = (await query(sql`
      select c.relname as table, c.relrowsecurity as rls,
             exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname and p.qual like '%app.organization_id%') as policy
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from information_schema.columns col where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'organization_id')
      order by 1`)) as { table: string; rls: boolean; policy: boolean }[];
    expect(list.length).toBeGreaterThan(10);
    expect(list.filter((r) => !r.rls || !r.policy).map((r) => r.table)).toEqual([]);
  });

  it("a tenant transaction sees only its own memberships, even without a where", async () => {
    const rows = await withTenant(A.org.id, (tx) => tx.select().from(memberships));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.organizationId))).toEqual(new Set([A.org.id]));
    expect(rows.map((r) => r.userId).sort()).toEqual([A.chair.id, A.member.id, A.staff.id].sort());
  });

  it("only its own organization, invitations and audit rows", async () => {
    const orgs = await withTenant(A.org.id, (tx) => tx.select().from(organizations));
    expect(orgs.map((o) => o.id)).toEqual([A.org.id]);
    const invs = await withTenant(A.org.id, (tx) => tx.select().from(invitations));
    expect(invs).toHaveLength(1);
    expect(invs[0].organizationId).toBe(A.org.id);
    const audits = await withTenant(A.org.id, (tx) => tx.select().from(auditLog));
    expect(audits.length).toBeGreaterThanOrEqual(3);
    expect(audits.every((r) => r.organizationId === A.org.id)).toBe(true);
    const bAudits = await withSystem((tx) => tx.select().from(auditLog).where(eq(auditLog.organizationId, B.org.id)));
    expect(bAudits.length).toBeGreaterThan(0);
  });

  it("users are visible only when they are members of the tenant", async () => {
    const visible = await withTenant(A.org.id, (tx) => tx.select({ id: users.id, email: users.email }).from(users));
    expect(visible.map((u) => u.id).sort()).toEqual([A.chair.id, A.member.id, A.staff.id].sort());
    const bPeople = await withTenant(A.org.id, (tx) => tx.select({ id: users.id }).from(users).where(inArray(users.id, [B.chair.id, B.member.id])));
    expect(bPeople).toHaveLength(0);
  });

  it("the app role cannot read password hashes or sessions at all", async () => {
    expect(await dbError(withTenant(A.org.id, (tx) => tx.select().from(users)))).toMatch(DENIED);
    expect(await dbError(withTenant(A.org.id, (tx) => tx.execute(sql`select count(*) from sessions`)))).toMatch(DENIED);
    expect(await dbError(withTenant(A.org.id, (tx) => tx.select().from(outbox)))).toMatch(DENIED);
  });

  it("with no tenant set, the app role sees nothing", async () => {
    const db = await getDb();
    const seen = await db.transaction(async (tx) => {
      await tx.execute(sql`set local role koepel_app`);
      return {
        memberships: (await tx.select().from(memberships)).length,
        organizations: (await tx.select().from(organizations)).length,
        invitations: (await tx.select().from(invitations)).length,
        audit: (await tx.select().from(auditLog)).length,
        users: (await tx.select({ id: users.id }).from(users)).length,
      };
    });
    expect(seen).toEqual({ memberships: 0, organizations: 0, invitations: 0, audit: 0, users: 0 });
    // And the owner does see them, so the zero above is the policy, not an empty table.
    expect((await withSystem((tx) => tx.select().from(memberships))).length).toBeGreaterThanOrEqual(5);
  });

  it("a cross-tenant insert fails", async () => {
    const before = await rowCounts();
    const outsider = await createUser();
    const afterUser = await rowCounts();
    expect(await dbError(withTenant(A.org.id, (tx) => tx.insert(memberships).values({ organizationId: B.org.id, userId: outsider.id, role: "chair" })))).toMatch(RLS);
    expect(
      await dbError(
        withTenant(A.org.id, (tx) =>
          tx.insert(invitations).values({ organizationId: B.org.id, email: uniqueEmail(), role: "chair", tokenHash: `x${Date.now()}`, expiresAt: new Date(Date.now() + 60_000) }),
        ),
      ),
    ).toMatch(RLS);
    expect(await dbError(withTenant(A.org.id, (tx) => tx.insert(auditLog).values({ organizationId: B.org.id, action: "forged", entityType: "x" })))).toMatch(RLS);
    expect(await dbError(withTenant(A.org.id, (tx) => tx.insert(outbox).values({ organizationId: B.org.id, toAddress: "x@example.test", subject: "s", text: "t" })))).toMatch(RLS);
    // The same inserts for the tenant itself are allowed (so the refusals above are the policy).
    await withTenant(A.org.id, (tx) => tx.insert(auditLog).values({ organizationId: A.org.id, action: "test.allowed", entityType: "x" }));
    await withSystem((tx) => tx.delete(auditLog).where(eq(auditLog.action, "test.allowed")));
    expect(await rowCounts()).toEqual(afterUser);
    expect(afterUser.memberships).toBe(before.memberships);
  });

  it("a cross-tenant update or delete touches nothing", async () => {
    const updated = await withTenant(A.org.id, (tx) => tx.update(organizations).set({ name: "Hijacked" }).where(eq(organizations.id, B.org.id)).returning());
    expect(updated).toHaveLength(0);
    const deleted = await withTenant(A.org.id, (tx) => tx.delete(memberships).where(eq(memberships.id, B.memberMembershipId)).returning());
    expect(deleted).toHaveLength(0);
    // Moving one of A's rows into B is refused by WITH CHECK.
    const [aRow] = await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.userId, A.member.id)));
    expect(await dbError(withTenant(A.org.id, (tx) => tx.update(memberships).set({ organizationId: B.org.id }).where(eq(memberships.id, aRow.id))))).toMatch(RLS);
    const [bOrg] = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.id, B.org.id)));
    expect(bOrg.name).not.toBe("Hijacked");
    expect((await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.id, B.memberMembershipId)))).length).toBe(1);
  });
});

describe("HTTP guard", () => {
  const bPath = () => `/c/${B.org.slug}`;
  const params = () => ({ org: B.org.slug });

  it("a member of A gets 404 from every loader of B", async () => {
    for (const [fn, path] of [
      [layout.loader, bPath()],
      [dashboard.loader, bPath()],
      [people.loader, `${bPath()}/people`],
      [invite.loader, `${bPath()}/people/invite`],
      [csv.loader, `${bPath()}/people.csv`],
    ] as const) {
      const res = await get(fn, path, { cookie: A.chair.cookie, params: params() });
      expect(res.status, path).toBe(404);
      expect(res.data, path).toEqual({ code: "not_found", messageKey: "errors.not_found" });
      expect(JSON.stringify(res.data)).not.toContain(B.org.id);
    }
  });

  it("an unknown cooperative answers the same 404 as someone else's", async () => {
    const res = await get(dashboard.loader, "/c/does-not-exist", { cookie: A.chair.cookie, params: { org: "does-not-exist" } });
    expect(res.status).toBe(404);
    expect(res.data).toEqual({ code: "not_found", messageKey: "errors.not_found" });
  });

  it("a member of A gets 404 from B's actions and nothing is written", async () => {
    const before = await rowCounts();
    const forms: Record<string, string>[] = [
      { intent: "changeRole", membershipId: B.memberMembershipId, role: "chair", version: "1" },
      { intent: "remove", membershipId: B.memberMembershipId, version: "1" },
      { intent: "resend", invitationId: B.invitationId },
      { intent: "revoke", invitationId: B.invitationId },
    ];
    for (const form of forms) {
      const res = await post(people.action, `${bPath()}/people`, form, { cookie: A.chair.cookie, params: params() });
      expect(res.status, form.intent).toBe(404);
    }
    const inv = await post(invite.action, `${bPath()}/people/invite`, { email: uniqueEmail(), role: "chair" }, { cookie: A.chair.cookie, params: params() });
    expect(inv.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("A's own ids cannot be used against B through A's URL either", async () => {
    const before = await rowCounts();
    // Confirmed, as the "Ja" button sends it: the id is checked before anything is done.
    const res = await post(people.action, `/c/${A.org.slug}/people`, { intent: "revoke", invitationId: B.invitationId, confirmed: "1" }, { cookie: A.chair.cookie, params: { org: A.org.slug } });
    expect(res.status).toBe(404);
    // Unconfirmed, the question is asked of nothing: B's invitation is not named.
    const asked = await post(people.action, `/c/${A.org.slug}/people`, { intent: "revoke", invitationId: B.invitationId }, { cookie: A.chair.cookie, params: { org: A.org.slug } });
    expect(JSON.stringify(asked.data ?? null)).not.toContain(B.invitationEmail);
    const [inv] = await withSystem((tx) => tx.select().from(invitations).where(eq(invitations.id, B.invitationId)));
    expect(inv.revokedAt).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it("anonymous is redirected to login from loaders and actions, and nothing is written", async () => {
    const before = await rowCounts();
    const res = await get(people.loader, `${bPath()}/people`, { params: params() });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/login?redirectTo=${encodeURIComponent(`${bPath()}/people`)}`);
    for (const fn of [dashboard.loader, csv.loader, invite.loader]) {
      const r = await get(fn, bPath(), { params: params() });
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/^\/login/);
    }
    const act = await post(invite.action, `${bPath()}/people/invite`, { email: uniqueEmail(), role: "member" }, { params: params() });
    expect(act.status).toBe(302);
    expect(act.location).toMatch(/^\/login\?redirectTo=/);
    const act2 = await post(people.action, `${bPath()}/people`, { intent: "remove", membershipId: B.memberMembershipId, version: "1" }, { params: params() });
    expect(act2.status).toBe(302);
    expect(await rowCounts()).toEqual(before);
  });

  it("a forged or expired session cookie counts as anonymous", async () => {
    const res = await get(dashboard.loader, bPath(), { cookie: "koepel_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", params: params() });
    expect(res.status).toBe(302);
  });

  it("the member role gets 403 on invite and manage actions, with nothing written", async () => {
    const slug = A.org.slug;
    const p = { org: slug };
    const [chairM] = await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.userId, A.chair.id)));
    const [aInv] = await withSystem((tx) => tx.select().from(invitations).where(eq(invitations.organizationId, A.org.id)));
    const before = await rowCounts();
    expect((await get(invite.loader, `/c/${slug}/people/invite`, { cookie: A.member.cookie, params: p })).status).toBe(403);
    expect((await post(invite.action, `/c/${slug}/people/invite`, { email: uniqueEmail(), role: "member" }, { cookie: A.member.cookie, params: p })).status).toBe(403);
    const forms: Record<string, string>[] = [
      { intent: "changeRole", membershipId: chairM.id, role: "member", version: "1" },
      { intent: "remove", membershipId: chairM.id, version: "1" },
      { intent: "resend", invitationId: aInv.id },
      { intent: "revoke", invitationId: aInv.id },
    ];
    // A role and a removal are acted on at the person's own page; invitations on the list.
    const send = (form: Record<string, string>, cookie: string) => {
      if (form.intent !== "changeRole" && form.intent !== "remove") return post(people.action, `/c/${slug}/people`, { ...form, confirmed: "1" }, { cookie, params: p });
      const { membershipId, ...rest } = form;
      return post(person.action, `/c/${slug}/people/${membershipId}`, { ...rest, confirmed: "1" }, { cookie, params: { ...p, membershipId } });
    };
    for (const form of forms) {
      const res = await send(form, A.member.cookie);
      expect(res.status, form.intent).toBe(403);
      expect(res.data).toEqual({ code: "forbidden", messageKey: "errors.forbidden" });
    }
    // Office staff may invite but not manage roles.
    const staff = await send({ intent: "remove", membershipId: chairM.id, version: "1" }, A.staff.cookie);
    expect(staff.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    // But the member may view the dashboard and people list of their own cooperative.
    expect((await get(dashboard.loader, `/c/${slug}`, { cookie: A.member.cookie, params: p })).status).toBe(200);
    expect((await get(people.loader, `/c/${slug}/people`, { cookie: A.member.cookie, params: p })).status).toBe(200);
  });
});
