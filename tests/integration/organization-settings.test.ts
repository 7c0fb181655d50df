import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "~db/schema";
import { withSystem } from "~db/tenant";
import * as settings from "~/routes/c.$org.settings";
import { addMember, createUser, findOrgBySlug, get, orgWithChair, post, rowCounts } from "../helpers/app";

const form = (over: Record<string, string> = {}) => ({ name: "VaKwerK regio Nijmegen", legalForm: "cooperative_ua", kvkNumber: "7123 4567", version: "1", ...over });

describe("cooperative settings", () => {
  it("the board corrects name, legal form and KvK; the URL name stays; the change is audited", async () => {
    const { chair, org } = await orgWithChair();
    const page = await get(settings.loader, `/c/${org.slug}/settings`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(page.status).toBe(200);
    expect(page.data.org).toMatchObject({ slug: org.slug, version: 1 });

    const res = await post(settings.action, `/c/${org.slug}/settings`, form(), { cookie: chair.cookie, params: { org: org.slug } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ result: undefined, saved: true });
    expect(await findOrgBySlug(org.slug)).toMatchObject({ name: "VaKwerK regio Nijmegen", legalForm: "cooperative_ua", kvkNumber: "71234567", version: 2 });
    const [row] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, org.id), eq(auditLog.action, "organization.updated"))));
    expect(row).toMatchObject({ organizationId: org.id, actorUserId: chair.id, after: { name: "VaKwerK regio Nijmegen", kvkNumber: "71234567" } });
  });

  it("a stale version answers 409 and overwrites nothing", async () => {
    const { chair, org } = await orgWithChair();
    await post(settings.action, `/c/${org.slug}/settings`, form({ name: "Eerste" }), { cookie: chair.cookie, params: { org: org.slug } });
    const before = await rowCounts();
    const stale = await post(settings.action, `/c/${org.slug}/settings`, form({ name: "Tweede" }), { cookie: chair.cookie, params: { org: org.slug } });
    expect(stale.status).toBe(409);
    expect(stale.data.result.error[""]).toEqual(["errors.stale"]);
    expect((await findOrgBySlug(org.slug))?.name).toBe("Eerste");
    expect(await rowCounts()).toEqual(before);
  });

  it("bad input answers 400 beside the field and writes nothing", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const res = await post(settings.action, `/c/${org.slug}/settings`, form({ kvkNumber: "123", name: "" }), { cookie: chair.cookie, params: { org: org.slug } });
    expect(res.status).toBe(400);
    expect(res.data.result.error.kvkNumber).toEqual(["org.errors.kvk"]);
    expect(res.data.result.error.name).toEqual(["errors.required"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a member gets 403, another cooperative's chair 404, a visitor the login page; nothing written", async () => {
    const { org } = await orgWithChair();
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const staff = await createUser();
    await addMember(org.id, staff.id, "office_staff");
    const other = await orgWithChair();
    const before = await rowCounts();
    for (const [cookie, status] of [
      [member.cookie, 403],
      [staff.cookie, 403],
      [other.chair.cookie, 404],
    ] as const) {
      expect((await get(settings.loader, `/c/${org.slug}/settings`, { cookie, params: { org: org.slug } })).status).toBe(status);
      expect((await post(settings.action, `/c/${org.slug}/settings`, form({ name: "Overgenomen" }), { cookie, params: { org: org.slug } })).status).toBe(status);
    }
    const anonymous = await post(settings.action, `/c/${org.slug}/settings`, form(), { params: { org: org.slug } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    expect(await rowCounts()).toEqual(before);
    expect((await findOrgBySlug(org.slug))?.name).not.toBe("Overgenomen");
  });
});
