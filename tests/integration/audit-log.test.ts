// The board's audit log: refused access is recorded by the guard, and the page and
// its CSV export show a cooperative's own rows with the filters applied.
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import { ACCESS_REFUSED } from "~/modules/audit/refused.server";
import * as auditCsv from "~/routes/c.$org.audit[.csv]";
import * as auditPage from "~/routes/c.$org.audit";
import * as person from "~/routes/c.$org.people.$membershipId";
import * as settings from "~/routes/c.$org.settings";
import { addMember, createUser, get, orgWithChair, post, rowCounts, type TestUser } from "../helpers/app";

type Org = { id: string; slug: string; name: string };
const refusals = (actor: string) => withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.action, ACCESS_REFUSED), eq(auditLog.actorUserId, actor))));

describe("refused access is logged by the guard", () => {
  let org: Org;
  let chair: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    ({ org, chair } = await orgWithChair());
    member = await createUser();
    await addMember(org.id, member.id, "member");
    outsider = (await orgWithChair()).chair;
  });

  it("a 403 writes one row with the cooperative, the person, the path and the permission, and nothing else", async () => {
    const before = await rowCounts({ refusals: true });
    const res = await post(settings.action, `/c/${org.slug}/settings`, { name: "Overgenomen", legalForm: "bv", kvkNumber: "12345678", version: "1" }, { cookie: member.cookie, params: { org: org.slug } });
    expect(res.status).toBe(403);
    const after = await rowCounts({ refusals: true });
    expect(after).toEqual({ ...before, audit_log: before.audit_log + 1 });
    const rows = await refusals(member.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organizationId: org.id,
      actorUserId: member.id,
      action: "access.refused",
      entityType: "route",
      entityId: `/c/${org.slug}/settings`,
      after: { status: 403, method: "POST", path: `/c/${org.slug}/settings`, permission: "org:settings", slug: org.slug },
    });
    // No secret and none of the submitted form in the log.
    expect(JSON.stringify(rows[0])).not.toMatch(/koepel_session|Overgenomen|token|password/i);
    expect(JSON.stringify(rows[0])).not.toContain(member.token);
  });

  it("a 404 (another cooperative) writes one row without the cooperative's id, only the slug asked for", async () => {
    const before = await rowCounts({ refusals: true });
    const res = await get(auditPage.loader, `/c/${org.slug}/audit?action=x`, { cookie: outsider.cookie, params: { org: org.slug } });
    expect(res.status).toBe(404);
    expect(await rowCounts({ refusals: true })).toEqual({ ...before, audit_log: before.audit_log + 1 });
    const rows = await refusals(outsider.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organizationId: null,
      actorUserId: outsider.id,
      entityId: `/c/${org.slug}/audit`,
      after: { status: 404, method: "GET", path: `/c/${org.slug}/audit`, permission: "audit:view", slug: org.slug },
    });
  });

  it("an unknown cooperative is logged the same way; anonymous requests are not logged (they go to the login)", async () => {
    const before = await rowCounts({ refusals: true });
    const res = await get(auditPage.loader, "/c/bestaat-niet/audit", { cookie: chair.cookie, params: { org: "bestaat-niet" } });
    expect(res.status).toBe(404);
    const rows = await refusals(chair.id);
    expect(rows.map((r) => [r.organizationId, (r.after as { slug: string }).slug])).toEqual([[null, "bestaat-niet"]]);
    const anon = await get(auditPage.loader, `/c/${org.slug}/audit`, { params: { org: org.slug } });
    expect(anon.status).toBe(302);
    expect(await rowCounts({ refusals: true })).toEqual({ ...before, audit_log: before.audit_log + 1 });
  });

  it("a permitted request writes no refusal", async () => {
    const before = await rowCounts({ refusals: true });
    expect((await get(auditPage.loader, `/c/${org.slug}/audit`, { cookie: chair.cookie, params: { org: org.slug } })).status).toBe(200);
    expect(await rowCounts({ refusals: true })).toEqual(before);
  });
});

describe("the audit log page and CSV", () => {
  let A: { org: Org; chair: TestUser; alice: TestUser; aliceM: string };
  let B: { org: Org; chair: TestUser };
  let stranger: TestUser;
  const page = (query = "", cookie = A.chair.cookie) => get(auditPage.loader, `/c/${A.org.slug}/audit${query}`, { cookie, params: { org: A.org.slug } });
  const csv = (query = "") => get(auditCsv.loader, `/c/${A.org.slug}/audit.csv${query}`, { cookie: A.chair.cookie, params: { org: A.org.slug } });

  beforeAll(async () => {
    const a = await orgWithChair();
    const alice = await createUser({ name: "Alice Aalbers" });
    const aliceM = await addMember(a.org.id, alice.id, "member");
    const b = await orgWithChair();
    stranger = await createUser({ name: "Sam Vreemd" });
    await addMember(b.org.id, stranger.id, "member");
    A = { org: a.org, chair: a.chair, alice, aliceM: aliceM.id };
    B = { org: b.org, chair: b.chair };
    // A role change (the chair), a refused attempt by Alice (403), one by a stranger (404), and activity in B.
    // A role is changed on the person's own page, which goes back to it with a toast.
    const onPage = { cookie: A.chair.cookie, params: { org: A.org.slug, membershipId: aliceM.id } };
    const changed = await post(person.action, `/c/${A.org.slug}/people/${aliceM.id}`, { intent: "changeRole", role: "secretary", version: "1" }, onPage);
    expect(changed.status).toBe(302);
    await post(person.action, `/c/${A.org.slug}/people/${aliceM.id}`, { intent: "changeRole", role: "member", version: "2" }, onPage);
    expect((await get(settings.loader, `/c/${A.org.slug}/settings`, { cookie: alice.cookie, params: { org: A.org.slug } })).status).toBe(403);
    expect((await get(settings.loader, `/c/${A.org.slug}/settings`, { cookie: stranger.cookie, params: { org: A.org.slug } })).status).toBe(404);
    expect((await get(settings.loader, `/c/${B.org.slug}/settings`, { cookie: stranger.cookie, params: { org: B.org.slug } })).status).toBe(403);
  });

  it("shows the cooperative's rows newest first, with names, labels and a diff, and nothing of other cooperatives or accounts", async () => {
    const res = await page();
    expect(res.status).toBe(200);
    const actions = res.data.rows.map((r: { action: string }) => r.action);
    // The two role changes, two refusals (Alice's 403, the stranger's 404), the creation of A with its chair's member record.
    expect(actions).toEqual(["access.refused", "access.refused", "membership.role_changed", "membership.role_changed", "member.created", "membership.created", "organization.created"]);
    const ids = res.data.rows.map((r: { id: number }) => r.id);
    expect([...ids].sort((x: number, y: number) => y - x)).toEqual(ids);
    const [strangerRow, aliceRow, lastChange] = res.data.rows;
    // The stranger belongs to another cooperative: their name is not shown to A's board.
    expect(strangerRow).toMatchObject({ actorName: null, hasActor: true, entityId: `/c/${A.org.slug}/settings` });
    expect(aliceRow).toMatchObject({ actorName: "Alice Aalbers", entityType: "route" });
    expect(lastChange).toMatchObject({ actorName: A.chair.name, entityType: "membership", entityId: A.aliceM, entityName: "Alice Aalbers", changes: [{ field: "role", before: "secretary", after: "member" }] });
    expect(res.data.actions).toEqual(["access.refused", "member.created", "membership.created", "membership.role_changed", "organization.created"]);
    expect(res.data.entityTypes).toEqual(["member", "membership", "organization", "route"]);
    expect(res.data.actors.map((a: { name: string }) => a.name).sort()).toEqual(["Alice Aalbers", A.chair.name].sort());
    const text = JSON.stringify(res.data);
    expect(text).not.toContain(B.org.id);
    expect(text).not.toContain(B.org.slug);
    expect(text).not.toContain("Sam Vreemd");
    expect(text).not.toContain("user.signed_up");
  });

  it("filters on action, person and kind of record", async () => {
    const byAction = await page("?action=membership.role_changed");
    expect(byAction.data.total).toBe(2);
    expect(byAction.data.rows.every((r: { action: string }) => r.action === "membership.role_changed")).toBe(true);
    const byActor = await page(`?actor=${A.alice.id}`);
    expect(byActor.data.rows.map((r: { action: string }) => r.action)).toEqual(["access.refused"]);
    const byEntity = await page("?entityType=organization");
    expect(byEntity.data.rows.map((r: { action: string }) => r.action)).toEqual(["organization.created"]);
    const combined = await page(`?actor=${A.chair.id}&action=access.refused`);
    expect(combined.data.rows).toEqual([]);
    // Someone of another cooperative: only their attempt on A, none of what they did in B.
    const foreign = await page(`?actor=${stranger.id}`);
    expect(foreign.data.rows.map((r: { entityId: string }) => r.entityId)).toEqual([`/c/${A.org.slug}/settings`]);
  });

  it("filters on calendar days in Amsterdam, both ends included", async () => {
    // Move the two role changes: one to 1 March 2026 23:30 UTC (2 March, 00:30 in Amsterdam), one to 2 March 22:30 UTC (23:30 there).
    const changes = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, A.org.id), eq(auditLog.action, "membership.role_changed"))).orderBy(auditLog.id));
    await withSystem((tx) => tx.update(auditLog).set({ createdAt: new Date("2026-03-01T23:30:00Z") }).where(eq(auditLog.id, changes[0].id)));
    await withSystem((tx) => tx.update(auditLog).set({ createdAt: new Date("2026-03-02T22:30:00Z") }).where(eq(auditLog.id, changes[1].id)));
    const day = await page("?from=2026-03-02&to=2026-03-02");
    expect(day.data.rows.map((r: { id: number }) => r.id)).toEqual([changes[1].id, changes[0].id]);
    expect((await page("?from=2026-03-03&to=2026-03-03")).data.rows).toEqual([]);
    expect((await page("?to=2026-03-01")).data.rows).toEqual([]);
    expect((await page("?from=2026-03-01&to=2026-03-01")).data.rows).toEqual([]);
    // Shown in Amsterdam time.
    const res = await csv("?from=2026-03-02&to=2026-03-02");
    expect(String(res.data)).toContain("02-03-2026 00:30");
    expect(String(res.data)).toContain("02-03-2026 23:30");
  });

  it("an invalid filter shows its message beside the field and no rows; the CSV answers 400", async () => {
    const res = await page("?from=2026-02-30&to=2026-01-01");
    expect(res.status).toBe(200);
    expect(res.data.rows).toEqual([]);
    expect(res.data.errors.from).toEqual(["errors.invalid"]);
    const reversed = await page("?from=2026-03-02&to=2026-03-01");
    expect(reversed.data.errors.to).toEqual(["auditLog.errors.toBeforeFrom"]);
    expect((await page("?actor=not-a-uuid")).data.errors.actor).toEqual(["errors.invalid"]);
    expect((await csv("?actor=' or 1=1 --")).status).toBe(400);
  });

  it("pages by 50", async () => {
    const { org, chair } = await orgWithChair();
    await withTenant(org.id, (tx) =>
      tx.insert(auditLog).values(Array.from({ length: 60 }, (_, i) => ({ organizationId: org.id, actorUserId: chair.id, action: "test.bulk", entityType: "test", entityId: String(i) }))),
    );
    const one = await get(auditPage.loader, `/c/${org.slug}/audit?action=test.bulk`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(one.data).toMatchObject({ total: 60, page: 1, pages: 2 });
    expect(one.data.rows).toHaveLength(50);
    const two = await get(auditPage.loader, `/c/${org.slug}/audit?action=test.bulk&page=2`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(two.data.rows).toHaveLength(10);
    const seen = new Set([...one.data.rows, ...two.data.rows].map((r: { entityId: string }) => r.entityId));
    expect(seen.size).toBe(60);
    // An unknown action shows its raw name (no label); the page stays in range.
    expect(two.data.rows[0].action).toBe("test.bulk");
  });

  it("exports the same rows as CSV, translated, with the filters, and formulas defused", async () => {
    await withTenant(A.org.id, (tx) => tx.insert(auditLog).values({ organizationId: A.org.id, actorUserId: A.chair.id, action: "organization.updated", entityType: "organization", entityId: A.org.id, before: { name: "Oud" }, after: { name: "=HYPERLINK(\"http://x\")" } }));
    const res = await csv("?action=organization.updated");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${A.org.slug}-audit-log.csv"`);
    // A cell that would start a formula is defused with a leading quote.
    await withTenant(A.org.id, (tx) => tx.insert(auditLog).values({ organizationId: A.org.id, actorUserId: A.chair.id, action: "=cmd|' /C calc'!A0", entityType: "organization" }));
    expect(String((await csv()).data)).toContain(`;"'=cmd|' /C calc'!A0";`);
    const [header, ...lines] = String(res.data).replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(header).toBe("Wanneer;Wie;Wat;Soort gegeven;Gegeven;Kenmerk;Wijziging");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2};${A.chair.name};Instellingen gewijzigd;Coöperatie;${A.org.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")};${A.org.id};`));
    // Field names and coded values in the reader's language.
    expect(lines[0]).toContain('naam: Oud → =HYPERLINK(""http://x"")');
    const all = String((await csv()).data);
    expect(all).toContain("Rol gewijzigd");
    expect(all).toContain("rol: Secretaris → Lid");
    expect(all).toContain("Toegang geweigerd");
    expect(all).toContain("Iemand buiten de coöperatie");
    expect(all).not.toContain("Sam Vreemd");
    expect(all).not.toContain(B.org.slug);
  });

  it("reads under row-level security: the tenant sees its refused attempts and nobody else's", async () => {
    const rows = await withTenant(A.org.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, ACCESS_REFUSED)));
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.organizationId === A.org.id || (r.after as { slug: string }).slug === A.org.slug)).toBe(true);
    const other = await withTenant(B.org.id, (tx) => tx.select().from(auditLog).where(inArray(auditLog.actorUserId, [A.alice.id])));
    expect(other).toEqual([]);
    // And the app role may not change the log.
    await expect(withTenant(A.org.id, (tx) => tx.execute(sql`delete from audit_log`))).rejects.toThrow();
    const [m] = await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.id, A.aliceM)));
    expect(m.role).toBe("member");
  });
});
