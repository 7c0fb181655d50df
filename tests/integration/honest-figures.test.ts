// Issue 12 point 5 with the demo (docs/decisions/025-honest-figures.md): the Haarlem
// pilot's budget as the page's loader hands it, and one headcount behind every count.
import { todayInAmsterdam } from "@koepel/rules";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contracts, members, organizations, users } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { withSystem } from "~db/tenant";
import { createSession } from "~/modules/auth/sessions.server";
import * as compliance from "~/routes/c.$org.compliance._index";
import * as eligibility from "~/routes/c.$org.compliance.eligibility";
import * as contractEligibility from "~/routes/c.$org.contracts.$contractId.eligibility";
import * as budgetPage from "~/routes/c.$org.contracts.$contractId.budget";
import * as membersPage from "~/routes/c.$org.members._index";
import * as myRegistrations from "~/routes/c.$org.me.registrations";
import { get } from "../helpers/app";

const SLUG = "wij-zijn-kas";
let chair = "";
let office = "";
let pilotId = "";
let kasId = "";

const session = async (email: string) => {
  const [u] = await withSystem((tx) => tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`));
  return `koepel_session=${(await createSession(u.id)).token}`;
};

beforeAll(async () => {
  await seedDemo();
  const [org] = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.slug, SLUG)));
  kasId = org.id;
  const [pilot] = await withSystem((tx) => tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.organizationId, org.id), eq(contracts.name, "Pilot vaktherapie Haarlem"))));
  pilotId = pilot.id;
  chair = await session("voorzitter@kas.demo.koepel.nl");
  const [staff] = await withSystem((tx) => tx.select({ email: users.email }).from(members).innerJoin(users, eq(users.id, members.userId)).where(and(eq(members.organizationId, org.id), eq(members.type, "office_staff"))));
  office = await session(staff.email.toLowerCase());
}, 180_000);

describe("the Haarlem pilot's budget page (demo)", () => {
  it("states the over-commitment, the signal on spent + committed, the committed forecast and the members past their allocation", async () => {
    const res = await get(budgetPage.loader, `/c/${SLUG}/contracts/${pilotId}/budget`, { cookie: chair, params: { org: SLUG, contractId: pilotId } });
    expect(res.status).toBe(200);
    const d = res.data;
    const { ceilingCents, spentCents, committedCents } = d.summary;
    expect(ceilingCents).toBe(7_500_000);
    // Close to 90 % spent and the open trajectories commit more than what is left.
    expect(d.summary.percentSpent).toBeGreaterThanOrEqual(80);
    expect(d.summary.percentSpent).toBeLessThan(100);
    expect(spentCents + committedCents).toBeGreaterThan(ceilingCents);
    expect(d.standing).toMatchObject({ state: "over_committed", overCommittedCents: spentCents + committedCents - ceilingCents, remainingCents: ceilingCents - spentCents - committedCents });
    expect(d.summary).toMatchObject({ state: "over_committed", overCommittedCents: d.standing.overCommittedCents, signalLevel: 100 });
    // The signal: 100 % in red on spent + committed; the mails' spent-only level beside it.
    expect(d.signal).toMatchObject({ level: 100, tone: "danger", spentLevel: d.summary.alertLevel });
    expect(d.signal.spentLevel).toBe(d.summary.percentSpent >= 90 ? 90 : 75);
    // The forecast counts committed hours: fully committed today.
    expect(d.forecast).toMatchObject({ status: "committed", on: d.today });
    expect(d.forecast.expectedYearEndCents).toBeGreaterThanOrEqual(spentCents + committedCents);
    // Members past their allocation are marked; the two busiest pilot therapists are.
    const over = d.perMember.filter((m: { allocationState: string }) => m.allocationState === "over");
    expect(over.length).toBeGreaterThanOrEqual(2);
    for (const m of over) {
      expect(m.percentSpent).toBeGreaterThan(100);
      expect(m.overCents).toBe(m.spentCents - m.allocationCents);
    }
    for (const m of d.perMember.filter((x: { allocationState: string }) => x.allocationState !== "over")) expect(m.spentCents).toBeLessThanOrEqual(m.allocationCents ?? Infinity);
  });
});

describe("who counts (demo)", () => {
  it("the directory, the compliance cards and the eligibility matrix count the same active practitioners", async () => {
    const today = todayInAmsterdam();
    const all = await withSystem((tx) => tx.select().from(members).where(eq(members.organizationId, kasId)));
    const activePractitioners = all.filter((m) => m.type !== "office_staff" && m.status === "member" && (m.leavesOn === null || m.leavesOn > today)).length;
    expect(all.length).toBe(38);
    expect(activePractitioners).toBe(34);

    const dir = await get(membersPage.loader, `/c/${SLUG}/members`, { cookie: chair, params: { org: SLUG } });
    expect(dir.data.headcount).toEqual({ records: 38, activePractitioners: 34, activeOfficeStaff: 1, prospective: 2, suspended: 1, left: 0 });
    expect(dir.data.paging.total).toBe(38); // the list still shows everyone

    const board = await get(compliance.loader, `/c/${SLUG}/compliance`, { cookie: chair, params: { org: SLUG } });
    const cards = board.data.dashboard.cards as { name: string; eligible: number; practitioners: number }[];
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) {
      expect(c.practitioners, c.name).toBe(34);
      expect(c.eligible, c.name).toBeLessThanOrEqual(c.practitioners);
    }

    const matrix = await get(eligibility.loader, `/c/${SLUG}/compliance/eligibility`, { cookie: chair, params: { org: SLUG } });
    expect(matrix.data.matrix.practitionerCount).toBe(34);
    for (const c of cards) {
      const id = (matrix.data.matrix.contracts as { id: string; name: string }[]).find((x) => x.name === c.name)!.id;
      expect(matrix.data.matrix.eligible[id], c.name).toBe(c.eligible);
      const column = await get(contractEligibility.loader, `/c/${SLUG}/contracts/${id}/eligibility`, { cookie: chair, params: { org: SLUG, contractId: id } });
      expect(column.data.counts, c.name).toEqual({ eligible: c.eligible, total: 34 });
    }
  });

  it("office staff are never missing a registration they are not required to hold", async () => {
    const dir = await get(membersPage.loader, `/c/${SLUG}/members?type=office_staff`, { cookie: chair, params: { org: SLUG } });
    expect(dir.data.members.length).toBe(1);
    expect(dir.data.members[0].registrationState).toBeNull();
    const missing = await get(membersPage.loader, `/c/${SLUG}/members?registration=missing`, { cookie: chair, params: { org: SLUG } });
    expect(missing.data.members.map((m: { type: string }) => m.type)).not.toContain("office_staff");
    const own = await get(myRegistrations.loader, `/c/${SLUG}/me/registrations`, { cookie: office, params: { org: SLUG } });
    expect(own.status).toBe(200);
    expect(own.data.missingTypeIds).toEqual([]);
    expect(own.data.state).toBe("valid");
  });
});
