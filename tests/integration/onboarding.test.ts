// A new cooperative's first steps (issue 12): the checklist on a fresh cooperative, each
// step ticked by the data it is about, put away by the board, and the empty lists that
// say what to do next.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "~db/schema";
import { withSystem } from "~db/tenant";
import { requireMember } from "~/lib/guard.server";
import { onboardingChecklist } from "~/modules/organizations/onboarding.server";
import * as contractsPage from "~/routes/c.$org.contracts._index";
import * as membersPage from "~/routes/c.$org.members._index";
import * as landing from "~/routes/c.$org._index";
import * as onboarding from "~/routes/c.$org.onboarding";
import * as settings from "~/routes/c.$org.settings";
import * as trajectoriesPage from "~/routes/c.$org.trajectories._index";
import * as types from "~/routes/c.$org.registrations.types";
import * as newOrg from "~/routes/c.new";
import { addMember, createUser, findOrgBySlug, get, makeRequest, post, uniqueSlug, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { addPerson } from "../helpers/members";
import { enableTwoFactor } from "../helpers/security";
import { typeByCode } from "../helpers/registrations";

async function newCooperative() {
  const chair = await createUser();
  const slug = uniqueSlug("start");
  const res = await post(newOrg.action, "/c/new", { name: "Vaktherapie Tiel", legalForm: "cooperative_ua", kvkNumber: "1234 5678", slug }, { cookie: chair.cookie });
  expect(res.location).toBe(`/c/${slug}`);
  await enableTwoFactor(chair);
  const org = (await findOrgBySlug(slug))!;
  return { chair, slug, org };
}

type Step = { step: string; done: boolean; href: string };
const checklist = async (who: TestUser, slug: string) => {
  const res = await get(settings.loader, `/c/${slug}/settings`, { cookie: who.cookie, params: { org: slug } });
  expect(res.status).toBe(200);
  return res.data.onboarding as { done: number; steps: Step[] } | null;
};
const ticks = (c: { steps: Step[] } | null) => Object.fromEntries((c?.steps ?? []).map((s) => [s.step, s.done]));

describe("the onboarding checklist", () => {
  it("a new cooperative's board sees four open steps, each ticked when the data says it is done, and none once all are", async () => {
    const { chair, slug, org } = await newCooperative();
    const first = await checklist(chair, slug);
    expect(first?.steps).toEqual([
      { step: "inviteBoard", done: false, href: `/c/${slug}/people/invite` },
      { step: "importMembers", done: false, href: `/c/${slug}/members/import` },
      { step: "registrationTypes", done: false, href: `/c/${slug}/registrations/types` },
      { step: "addContract", done: false, href: `/c/${slug}/contracts/new` },
    ]);

    const treasurer = await createUser();
    await addMember(org.id, treasurer.id, "treasurer");
    expect(ticks(await checklist(chair, slug))).toEqual({ inviteBoard: true, importMembers: false, registrationTypes: false, addContract: false });

    await addPerson(org.id, "member", { name: "Mila Nieuw" });
    expect(ticks(await checklist(chair, slug)).importMembers).toBe(true);

    // Setting the registrations is done through their own page, and the log of it is what ticks it.
    const vog = await typeByCode(org.id, "vog");
    const saved = await post(types.action, `/c/${slug}/registrations/types`, { intent: "updateType", typeId: vog.id, version: String(vog.version), required: "on", active: "on", cycleMonths: "36" }, { cookie: chair.cookie, params: { org: slug } });
    expect(saved.status).toBe(200);
    expect(ticks(await checklist(chair, slug)).registrationTypes).toBe(true);

    await createContract(org.id);
    expect(await checklist(chair, slug)).toBeNull();
  });

  it("stands on top of Vandaag, the page a new cooperative's board lands on, the same as on settings; a member's Vandaag has none", async () => {
    const { chair, slug, org } = await newCooperative();
    const res = await get(landing.loader, `/c/${slug}`, { cookie: chair.cookie, params: { org: slug } });
    expect(res.status).toBe(200);
    expect(res.data.onboarding).toEqual(await checklist(chair, slug));
    expect(ticks(res.data.onboarding)).toEqual({ inviteBoard: false, importMembers: false, registrationTypes: false, addContract: false });

    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const theirs = await get(landing.loader, `/c/${slug}`, { cookie: member.cookie, params: { org: slug } });
    expect(theirs.status).toBe(200);
    expect(theirs.data.onboarding).toBeNull();
  });

  it("is the board's: a member's context gets none", async () => {
    const { slug, org } = await newCooperative();
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const ctx = await requireMember(makeRequest(`/c/${slug}`, { cookie: member.cookie }), slug, "org:view");
    expect(await onboardingChecklist(ctx)).toBeNull();
  });

  it("the board puts it away (audited, back to the page it was on, only within the cooperative)", async () => {
    const { chair, slug, org } = await newCooperative();
    const res = await post(onboarding.action, `/c/${slug}/onboarding`, { back: `/c/${slug}/settings` }, { cookie: chair.cookie, params: { org: slug } });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${slug}/settings`);
    expect(await checklist(chair, slug)).toBeNull();
    const rows = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "organization.onboarding_dismissed"))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: chair.id, before: { checklist: "shown" }, after: { checklist: "dismissed" } });
    for (const back of ["https://evil.example/", "//evil.example", "/c/another-coop/settings"]) {
      const away = await post(onboarding.action, `/c/${slug}/onboarding`, { back }, { cookie: chair.cookie, params: { org: slug } });
      expect(away.location).toBe(`/c/${slug}`);
    }
  });

  it("a member cannot put the board's list away", async () => {
    const { slug, org } = await newCooperative();
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const res = await post(onboarding.action, `/c/${slug}/onboarding`, { back: `/c/${slug}` }, { cookie: member.cookie, params: { org: slug } });
    expect(res.status).toBe(403);
  });
});

describe("the empty lists of a new cooperative say what to do next", () => {
  it("members, contracts and trajectories: the board is offered the first action", async () => {
    const { chair, slug } = await newCooperative();
    const opts = { cookie: chair.cookie, params: { org: slug } };
    const members = await get(membersPage.loader, `/c/${slug}/members`, opts);
    expect(members.data).toMatchObject({ canWrite: true, search: "", paging: { total: 1 } });
    const contracts = await get(contractsPage.loader, `/c/${slug}/contracts`, opts);
    expect(contracts.data).toMatchObject({ canWrite: true, contracts: [] });
    const trajectories = await get(trajectoriesPage.loader, `/c/${slug}/trajectories`, opts);
    expect(trajectories.data).toMatchObject({ canManage: true, canWriteContracts: true, contracts: [], trajectories: [], query: "" });
  });
});
