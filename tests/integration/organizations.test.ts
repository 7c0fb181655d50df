import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, memberships, organizations } from "~db/schema";
import { withSystem } from "~db/tenant";
import * as dashboard from "~/routes/c.$org._index";
import * as newOrg from "~/routes/c.new";
import * as index from "~/routes/_index";
import { createUser, findOrgBySlug, get, post, rowCounts, uniqueSlug } from "../helpers/app";
import { enableTwoFactor } from "../helpers/security";

const form = (slug: string, over: Record<string, string> = {}) => ({ name: "Vaktherapie Nijmegen", legalForm: "cooperative_ua", kvkNumber: "1234 5678", slug, ...over });

describe("create a cooperative", () => {
  it("makes the creator its chair and audits both rows in the same transaction", async () => {
    const u = await createUser();
    const slug = uniqueSlug("vakwerk");
    const before = await rowCounts();
    const res = await post(newOrg.action, "/c/new", form(slug.toUpperCase()), { cookie: u.cookie });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${slug}`);
    const org = await findOrgBySlug(slug);
    expect(org).toMatchObject({ name: "Vaktherapie Nijmegen", legalForm: "cooperative_ua", kvkNumber: "12345678", version: 1 });
    const members = await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.organizationId, org!.id)));
    expect(members).toEqual([expect.objectContaining({ userId: u.id, role: "chair" })]);
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(eq(auditLog.organizationId, org!.id)).orderBy(auditLog.id));
    // The chair's member record (issue 4) is made in the same transaction.
    expect(audits.map((a) => a.action)).toEqual(["organization.created", "membership.created", "member.created"]);
    expect(audits[0]).toMatchObject({ actorUserId: u.id, entityType: "organization", entityId: org!.id });
    expect(audits[0].after).toMatchObject({ slug, kvkNumber: "12345678" });
    const after = await rowCounts();
    expect(after.organizations).toBe(before.organizations + 1);
    expect(after.memberships).toBe(before.memberships + 1);
    expect(after.audit_log).toBe(before.audit_log + 3);
    expect(after.members).toBe(before.members + 1);

    // A new cooperative requires two-factor authentication of its board: the chair sets it up first.
    const refused = await get(dashboard.loader, `/c/${slug}`, { cookie: u.cookie, params: { org: slug } });
    expect(refused.location).toBe(`/account/two-factor?required=${slug}`);
    await enableTwoFactor(u);
    const dash = await get(dashboard.loader, `/c/${slug}`, { cookie: u.cookie, params: { org: slug } });
    expect(dash.status).toBe(200);
    // The landing page is Vandaag now, with the cooperative's facts beside it.
    expect(dash.data.org).toMatchObject({ slug, kvkNumber: "12345678", legalForm: "cooperative_ua" });
    // The chair is a practitioner too: her Vandaag asks for the registrations every member needs.
    expect(dash.data.items.map((i: { kind: string }) => i.kind)).toContain("registration_missing");

    // One cooperative: the start page goes straight to it.
    const start = await get(index.loader, "/", { cookie: u.cookie });
    expect(start.location).toBe(`/c/${slug}`);
  });

  it("answers 400 for an invalid KvK number and slug, and writes nothing", async () => {
    const u = await createUser();
    const before = await rowCounts();
    const res = await post(newOrg.action, "/c/new", form("admin", { kvkNumber: "1234567" }), { cookie: u.cookie });
    expect(res.status).toBe(400);
    expect(res.data.result.error.kvkNumber).toEqual(["org.errors.kvk"]);
    expect(res.data.result.error.slug).toEqual(["org.errors.slug"]);
    const bad = await post(newOrg.action, "/c/new", form("kas--nl", { legalForm: "llc" }), { cookie: u.cookie });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.slug).toEqual(["org.errors.slug"]);
    expect(bad.data.result.error.legalForm).toBeDefined();
    expect(await rowCounts()).toEqual(before);
  });

  it("answers 409 beside the slug for a taken one, and writes nothing", async () => {
    const u = await createUser();
    const slug = uniqueSlug("taken");
    expect((await post(newOrg.action, "/c/new", form(slug), { cookie: u.cookie })).status).toBe(302);
    const other = await createUser();
    const before = await rowCounts();
    const res = await post(newOrg.action, "/c/new", form(slug, { name: "Someone else" }), { cookie: other.cookie });
    expect(res.status).toBe(409);
    expect(res.data.result.error.slug).toEqual(["org.errors.slugTaken"]);
    expect(await rowCounts()).toEqual(before);
    const rows = await withSystem((tx) => tx.select().from(memberships).where(and(eq(memberships.userId, other.id))));
    expect(rows).toHaveLength(0);
    const orgs = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.slug, slug)));
    expect(orgs).toHaveLength(1);
  });

  it("anonymous is sent to login and nothing is written", async () => {
    const before = await rowCounts();
    const res = await post(newOrg.action, "/c/new", form(uniqueSlug()));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Fc%2Fnew");
    expect(await rowCounts()).toEqual(before);
  });
});
