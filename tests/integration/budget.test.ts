import { todayInAmsterdam } from "@koepel/rules";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { budgetAlerts, budgetCeilings, contractProducts, memberAllocations, members, timeEntries, trajectories, trajectoryExtensions } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";
import { afterTimeLogged } from "~/modules/budget/alerts.server";
import { addTimeEntryTotals } from "~/modules/budget/totals.server";
import { contractBudgetSummaries } from "~/modules/budget/summary.server";
import * as budgetPage from "~/routes/c.$org.contracts.$contractId.budget";
import * as allCsv from "~/routes/c.$org.compliance.production[.csv]";
import * as allProduction from "~/routes/c.$org.compliance.production";
import * as contractProduction from "~/routes/c.$org.contracts.$contractId.production";
import * as contractCsv from "~/routes/c.$org.contracts.$contractId.production[.csv]";
import { addMember, createUser, get, mailsTo, orgWithChair, post, rowCounts, unique } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { addPerson } from "../helpers/members";

const TODAY = todayInAmsterdam();
const Y = Number(TODAY.slice(0, 4));

type Fixture = Awaited<ReturnType<typeof setup>>;

/** A cooperative with a chair, a practitioner, and the Haarlem pilot (EUR 70.80 an hour) with this and next year's ceilings. */
async function setup(over: Parameters<typeof createContract>[1] = {}, ceiling = 7_500_000) {
  const { chair, org } = await orgWithChair();
  const fixture = await createContract(org.id, { ceilings: [{ year: Y, amountCents: ceiling }, { year: Y + 1, amountCents: ceiling }], ...over });
  const therapist = await addPerson(org.id, "member", { name: unique("Therapeut") });
  const [chairMember] = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, org.id), eq(members.userId, chair.id))));
  return { chair, org, contractId: fixture.contractId, productId: fixture.productIds["45VT1"], therapist, chairMember };
}

async function trajectory(f: Fixture, over: Partial<typeof trajectories.$inferInsert> = {}) {
  const [row] = await withSystem((tx) =>
    tx
      .insert(trajectories)
      .values({
        organizationId: f.org.id,
        contractId: f.contractId,
        productId: f.productId,
        clientCode: unique("C"),
        birthYear: 2015,
        coordinatorId: f.therapist.member.id,
        referrerType: "gp",
        startsOn: `${Y}-01-01`,
        endsOn: `${Y}-12-31`,
        allocatedVolume: 60 * 60,
        ...over,
      })
      .returning(),
  );
  return row;
}

async function entry(f: Fixture, trajectoryId: string, memberId: string, workedOn: string, directMinutes: number, indirectMinutes = 0) {
  await withSystem(async (tx) => {
    const [row] = await tx.insert(timeEntries).values({ organizationId: f.org.id, trajectoryId, memberId, workedOn, directMinutes, indirectMinutes, submissionKey: unique("k") }).returning();
    // A direct insert keeps the summaries as every writer of time entries must.
    await addTimeEntryTotals(tx, f.org.id, [row]);
  });
}

const page = (f: Fixture, cookie: string | null, query = "") => get(budgetPage.loader, `/c/${f.org.slug}/contracts/${f.contractId}/budget${query}`, { cookie, params: { org: f.org.slug, contractId: f.contractId } });
const act = (f: Fixture, cookie: string | null, form: Record<string, string>) =>
  post(budgetPage.action, `/c/${f.org.slug}/contracts/${f.contractId}/budget`, form, { cookie, params: { org: f.org.slug, contractId: f.contractId } });
const ceilingRows = (f: Fixture, year: number) =>
  withSystem((tx) => tx.select().from(budgetCeilings).where(and(eq(budgetCeilings.contractId, f.contractId), eq(budgetCeilings.year, year))).orderBy(budgetCeilings.createdAt));

describe("the budget page's figures", () => {
  it("shows spent, committed, remaining, percent and forecast computed from the entries", async () => {
    const f = await setup();
    const t = await trajectory(f);
    await entry(f, t.id, f.therapist.member.id, TODAY, 90); // EUR 106.20
    await entry(f, t.id, f.therapist.member.id, TODAY, 60); // EUR 70.80
    await withSystem((tx) =>
      tx.insert(trajectoryExtensions).values({ organizationId: f.org.id, trajectoryId: t.id, number: 1, grantedOn: TODAY, grantedByReferrer: false, previousEndsOn: t.endsOn, newEndsOn: t.endsOn, extraVolume: 8 * 60 }),
    );
    // A stopped trajectory commits nothing.
    await trajectory(f, { status: "stopped" });
    const res = await page(f, f.chair.cookie);
    expect(res.status).toBe(200);
    const s = res.data.summary;
    expect(s.spentCents).toBe(17_700);
    // 60 h allocated + 8 h extension − 2.5 h delivered = 65.5 h at EUR 70.80.
    expect(s.committedCents).toBe(463_740);
    expect(s.remainingCents).toBe(7_500_000 - 17_700 - 463_740);
    expect(s.percentSpent).toBe(0);
    expect(s.alertLevel).toBe(0);
    // EUR 177 in 90 days will not spend EUR 74,823 this year.
    expect(res.data.burn.forecast.status).toBe("beyond_year");
    expect(res.data.burn.series.at(-1).cumulativeCents).toBe(17_700);
    expect(res.data.perMember).toEqual([expect.objectContaining({ memberId: f.therapist.member.id, spentCents: 17_700, allocationCents: null })]);
  });

  it("looks right with no entries at all", async () => {
    const f = await setup();
    const res = await page(f, f.chair.cookie);
    expect(res.data.summary).toMatchObject({ spentCents: 0, committedCents: 0, remainingCents: 7_500_000, percentSpent: 0, alertLevel: 0 });
    expect(res.data.burn.forecast.status).toBe("no_rate");
    expect(res.data.perMember).toEqual([]);
  });

  it("counts an additional practitioner's hours against their own allocation, not the coordinator's", async () => {
    const f = await setup();
    const t = await trajectory(f);
    await entry(f, t.id, f.chairMember.id, TODAY, 60);
    const res = await page(f, f.chair.cookie, `?member=${f.chairMember.id}`);
    const byMember = Object.fromEntries(res.data.perMember.map((m: { memberId: string; spentCents: number }) => [m.memberId, m.spentCents]));
    expect(byMember).toEqual({ [f.chairMember.id]: 7080 });
    expect(res.data.memberBurn).toMatchObject({ memberId: f.chairMember.id, spentCents: 7080 });
  });

  it("contractBudgetSummaries gives the dashboard the figures and the forecast date", async () => {
    const f = await setup({ indirectTime: "share", indirectSharePercent: 25, ceilings: [{ year: 2026, amountCents: 7_500_000 }] });
    const t = await trajectory(f, { startsOn: "2026-01-01", endsOn: "2026-12-31", status: "completed" });
    // About EUR 45,000 before the window, EUR 15,086.30 in the last 90 days up to 30-06-2026.
    // 60 min direct + 20 indirect → 15 paid: 75 min at EUR 70.80 = EUR 88.50 an entry.
    // 30 x 1,271 min before the window: 38,130 min at EUR 1.18 = EUR 44,993.40.
    await withSystem(async (tx) =>
      addTimeEntryTotals(
        tx,
        f.org.id,
        await tx
          .insert(timeEntries)
          .values(Array.from({ length: 30 }, () => ({ organizationId: f.org.id, trajectoryId: t.id, memberId: f.therapist.member.id, workedOn: "2026-01-15", directMinutes: 1_271, submissionKey: unique("k") })))
          .returning(),
      ),
    );
    for (let i = 0; i < 10; i++) await entry(f, t.id, f.therapist.member.id, "2026-06-01", 1_271, 0); // 10 x EUR 1,499.78
    await entry(f, t.id, f.therapist.member.id, "2026-06-30", 60, 20);
    const summaries = await withSystem((tx) => contractBudgetSummaries(tx, f.org.id, "2026-06-30", [f.contractId]));
    const s = summaries.get(f.contractId)!;
    const spent = 4_499_340 + 10 * 149_978 + 8_850;
    expect(s).toMatchObject({ contractId: f.contractId, year: 2026, ceilingCents: 7_500_000, spentCents: spent, committedCents: 0, remainingCents: 7_500_000 - spent, percentSpent: 80, alertLevel: 75 });
    // Recent: 10 x 149,978 + 8,850 = 1,508,630 in 90 days; left 1,492,030 → ceil(1,492,030 x 90 / 1,508,630) = 90 days.
    expect(s.forecastStatus).toBe("date");
    expect(s.forecastExhaustionOn).toBe("2026-09-28");
  });
});

describe("ceilings", () => {
  it("refuses raising the running year's ceiling: 400 beside the amount, nothing written", async () => {
    const f = await setup();
    const before = await rowCounts();
    const current = (await page(f, f.chair.cookie)).data.ceilingId;
    const res = await act(f, f.chair.cookie, { intent: "ceiling", year: String(Y), amount: "80.000,00", reason: "Meer vraag", ceilingId: current });
    expect(res.status).toBe(400);
    expect(res.data.result.error.amount).toEqual(["budget.errors.noRaiseDuringYear"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("allows lowering with the history kept, and the newest in force", async () => {
    const f = await setup();
    const current = (await page(f, f.chair.cookie)).data.ceilingId;
    const res = await act(f, f.chair.cookie, { intent: "ceiling", year: String(Y), amount: "70.000", reason: "Bezuiniging gemeente", ceilingId: current });
    expect(res.status).toBe(200);
    const rows = await ceilingRows(f, Y);
    expect(rows.map((r) => r.amountCents)).toEqual([7_500_000, 7_000_000]);
    expect(rows[1]).toMatchObject({ reason: "Bezuiniging gemeente", createdBy: f.chair.id });
    const after = await page(f, f.chair.cookie);
    expect(after.data.summary.ceilingCents).toBe(7_000_000);
    expect(after.data.ceilingHistory.filter((h: { year: number }) => h.year === Y)).toHaveLength(2);
  });

  it("allows raising a future year's ceiling", async () => {
    const f = await setup();
    const current = (await page(f, f.chair.cookie, `?year=${Y + 1}`)).data.ceilingId;
    const res = await act(f, f.chair.cookie, { intent: "ceiling", year: String(Y + 1), amount: "90000", reason: "Nieuwe afspraak", ceilingId: current });
    expect(res.status).toBe(200);
    expect((await ceilingRows(f, Y + 1)).map((r) => r.amountCents)).toEqual([7_500_000, 9_000_000]);
  });

  it("answers 409 when the ceiling changed since the form was shown, and a double submit makes one row", async () => {
    const f = await setup();
    const seen = (await page(f, f.chair.cookie)).data.ceilingId;
    const form = { intent: "ceiling", year: String(Y), amount: "74.000", reason: "Bijgesteld", ceilingId: seen };
    expect((await act(f, f.chair.cookie, form)).status).toBe(200);
    expect((await act(f, f.chair.cookie, form)).status).toBe(200); // the same again: nothing new
    expect(await ceilingRows(f, Y)).toHaveLength(2);
    const before = await rowCounts();
    const stale = await act(f, f.chair.cookie, { ...form, amount: "73.000", reason: "Nog lager" });
    expect(stale.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a bad amount and a missing reason beside the fields", async () => {
    const f = await setup();
    const before = await rowCounts();
    const res = await act(f, f.chair.cookie, { intent: "ceiling", year: String(Y + 1), amount: "veel", reason: "" });
    expect(res.status).toBe(400);
    expect(res.data.result.error.amount).toEqual(["budget.errors.amount"]);
    expect(res.data.result.error.reason).toEqual(["errors.required"]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("allocations", () => {
  it("sets an allocation per member with history, within the ceiling", async () => {
    const f = await setup();
    const first = await act(f, f.chair.cookie, { intent: "allocation", memberId: f.therapist.member.id, year: String(Y), amount: "18.750,00", reason: "Verdeling" });
    expect(first.status).toBe(200);
    const again = await act(f, f.chair.cookie, { intent: "allocation", memberId: f.therapist.member.id, year: String(Y), amount: "18.750,00", reason: "Verdeling" });
    expect(again.status).toBe(200);
    const second = await act(f, f.chair.cookie, { intent: "allocation", memberId: f.therapist.member.id, year: String(Y), amount: "20.000,00", reason: "Meer cliënten" });
    expect(second.status).toBe(200);
    const rows = await withSystem((tx) => tx.select().from(memberAllocations).where(eq(memberAllocations.contractId, f.contractId)).orderBy(memberAllocations.createdAt));
    expect(rows.map((r) => r.amountCents)).toEqual([1_875_000, 2_000_000]);
    const res = await page(f, f.chair.cookie);
    expect(res.data.perMember).toEqual([expect.objectContaining({ memberId: f.therapist.member.id, allocationCents: 2_000_000, spentCents: 0, remainingCents: 2_000_000 })]);
    expect(res.data.allocatedCents).toBe(2_000_000);
    expect(res.data.allocationHistory).toHaveLength(2);
  });

  it("refuses allocations that together pass the ceiling", async () => {
    const f = await setup();
    expect((await act(f, f.chair.cookie, { intent: "allocation", memberId: f.therapist.member.id, year: String(Y), amount: "70.000", reason: "Bijna alles" })).status).toBe(200);
    const before = await rowCounts();
    const res = await act(f, f.chair.cookie, { intent: "allocation", memberId: f.chairMember.id, year: String(Y), amount: "5.000,01", reason: "Te veel" });
    expect(res.status).toBe(400);
    expect(res.data.result.error.amount).toEqual(["budget.errors.overCeiling"]);
    expect(await rowCounts()).toEqual(before);
    // Exactly up to the ceiling is fine.
    expect((await act(f, f.chair.cookie, { intent: "allocation", memberId: f.chairMember.id, year: String(Y), amount: "5.000", reason: "Rest" })).status).toBe(200);
  });

  it("refuses a member of another cooperative (400 beside the field) and office staff; nothing written", async () => {
    const f = await setup();
    const other = await setup();
    const staff = await addPerson(f.org.id, "office_staff");
    const before = await rowCounts();
    for (const memberId of [other.therapist.member.id, staff.member.id]) {
      const res = await act(f, f.chair.cookie, { intent: "allocation", memberId, year: String(Y), amount: "1000", reason: "Poging" });
      expect(res.status).toBe(400);
      expect(res.data.result.error.memberId).toEqual(["budget.errors.notPractitioner"]);
    }
    const noCeiling = await act(f, f.chair.cookie, { intent: "allocation", memberId: f.therapist.member.id, year: String(Y + 5), amount: "1000", reason: "Ver weg" });
    expect(noCeiling.status).toBe(400);
    expect(noCeiling.data.result.error.year).toEqual(["budget.errors.noCeiling"]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("alerts after time logging", () => {
  it("mails the 75 % alert once to the board and the member, never twice, then the 90 % alert", async () => {
    // A small ceiling: EUR 1,000, of which the therapist holds EUR 1,000.
    const f = await setup({}, 100_000);
    const treasurer = await createUser();
    await addMember(f.org.id, treasurer.id, "treasurer");
    await withSystem((tx) => tx.insert(memberAllocations).values({ organizationId: f.org.id, contractId: f.contractId, memberId: f.therapist.member.id, year: Y, amountCents: 100_000 }));
    const t = await trajectory(f);
    const run = () => withTenant(f.org.id, (tx) => afterTimeLogged(tx, { organizationId: f.org.id, contractId: f.contractId, memberIds: [f.therapist.member.id], today: TODAY }));

    await entry(f, t.id, f.therapist.member.id, TODAY, 630); // 630 x 118 = EUR 743.40: 74 %
    await run();
    expect(await mailsTo(f.chair.email)).toHaveLength(0);

    await entry(f, t.id, f.therapist.member.id, TODAY, 10); // EUR 755.20: 75 %
    await run();
    await run();
    const chairMails = await mailsTo(f.chair.email);
    expect(chairMails).toHaveLength(1);
    expect(chairMails[0].subject).toContain("75 %");
    expect(chairMails[0].text).toMatch(/755,20/);
    expect(await mailsTo(treasurer.email)).toHaveLength(1);
    const memberMails = await mailsTo(f.therapist.user.email);
    expect(memberMails).toHaveLength(1);
    expect(memberMails[0].subject).toContain("75 %");

    await entry(f, t.id, f.therapist.member.id, TODAY, 130); // EUR 908.60: 90 %
    await run();
    await run();
    expect((await mailsTo(f.chair.email)).map((m) => m.subject)).toEqual([expect.stringContaining("75 %"), expect.stringContaining("90 %")]);
    expect(await mailsTo(f.therapist.user.email)).toHaveLength(2);
    const alerts = await withSystem((tx) => tx.select().from(budgetAlerts).where(eq(budgetAlerts.contractId, f.contractId)));
    expect(alerts).toHaveLength(4); // 75 and 90, for the contract and for the member
  });

  it("several thresholds passed at once send one mail, for the highest", async () => {
    const f = await setup({}, 100_000);
    const t = await trajectory(f);
    await entry(f, t.id, f.therapist.member.id, TODAY, 900); // EUR 1,062: 106 %
    await withSystem((tx) => afterTimeLogged(tx, { organizationId: f.org.id, contractId: f.contractId, memberIds: [f.therapist.member.id], today: TODAY }));
    const mails = await mailsTo(f.chair.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("100 %");
    // No allocation: the member gets nothing.
    expect(await mailsTo(f.therapist.user.email)).toHaveLength(0);
  });
});

describe("production", () => {
  it("per member, product and month with paid indirect minutes; the CSV's rows and total add up to the cent", async () => {
    const f = await setup({ indirectTime: "share", indirectSharePercent: 25 });
    const t = await trajectory(f);
    const [consult] = await withSystem((tx) => tx.select().from(contractProducts).where(and(eq(contractProducts.contractId, f.contractId), eq(contractProducts.code, "45VT2"))));
    const t2 = await trajectory(f, { productId: consult.id, allocatedVolume: 8 * 60 });
    await entry(f, t.id, f.therapist.member.id, `${Y}-01-10`, 60, 20); // 75 min: 8850
    await entry(f, t.id, f.therapist.member.id, `${Y}-01-20`, 1, 0); // 118
    await entry(f, t.id, f.therapist.member.id, `${Y}-02-03`, 50, 20); // 50 + 12 = 62 min: 7316
    await entry(f, t2.id, f.chairMember.id, `${Y}-02-04`, 7, 0); // 826
    await entry(f, t.id, f.therapist.member.id, `${Y - 1}-12-31`, 60, 0); // another year
    const res = await get(contractProduction.loader, `/c/${f.org.slug}/contracts/${f.contractId}/production?year=${Y}`, { cookie: f.chair.cookie, params: { org: f.org.slug, contractId: f.contractId } });
    expect(res.status).toBe(200);
    expect(res.data.totals).toEqual({ directMinutes: 118, indirectMinutes: 40, paidIndirectMinutes: 27, amountCents: 8850 + 118 + 7316 + 826 });
    expect(res.data.rows).toHaveLength(3);
    expect(res.data.rows.find((r: { month: string; memberId: string }) => r.month === `${Y}-01`)).toMatchObject({ directMinutes: 61, indirectMinutes: 20, paidIndirectMinutes: 15, amountCents: 8968, productCode: "45VT1" });

    const csv = await get(contractCsv.loader, `/c/${f.org.slug}/contracts/${f.contractId}/production.csv?year=${Y}`, { cookie: f.chair.cookie, params: { org: f.org.slug, contractId: f.contractId } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const lines = String(csv.data).replace(/^\uFEFF/, "").trim().split(/\r?\n/).map((l) => l.split(";"));
    expect(lines[0]).toContain("Bedrag (centen)");
    const cents = lines[0].indexOf("Bedrag (centen)");
    const body = lines.slice(1, -1);
    const total = lines.at(-1)!;
    expect(body).toHaveLength(3);
    expect(body.reduce((sum, l) => sum + Number(l[cents]), 0)).toBe(Number(total[cents]));
    expect(Number(total[cents])).toBe(17_110);
    expect(total[cents + 1]).toMatch(/171,10/);

    // All contracts: the same rows with the contract column.
    const all = await get(allCsv.loader, `/c/${f.org.slug}/compliance/production.csv?year=${Y}`, { cookie: f.chair.cookie, params: { org: f.org.slug } });
    const allLines = String(all.data).replace(/^\uFEFF/, "").trim().split(/\r?\n/).map((l) => l.split(";"));
    expect(allLines[0][0]).toBe("Contract");
    expect(allLines.at(-1)![allLines[0].indexOf("Bedrag (centen)")]).toBe("17110");
    const allPage = await get(allProduction.loader, `/c/${f.org.slug}/compliance/production?year=${Y}`, { cookie: f.chair.cookie, params: { org: f.org.slug } });
    expect(allPage.data.totals.amountCents).toBe(17_110);
  });
});

describe("refusals", () => {
  it("a member gets 403, another cooperative 404, anonymous the login; nothing written", async () => {
    const f = await setup();
    const other = await orgWithChair();
    const before = await rowCounts();
    const form = { intent: "ceiling", year: String(Y + 1), amount: "1", reason: "x" };

    expect((await page(f, f.therapist.user.cookie)).status).toBe(403);
    expect((await act(f, f.therapist.user.cookie, form)).status).toBe(403);
    expect((await page(f, other.chair.cookie)).status).toBe(404);
    expect((await act(f, other.chair.cookie, form)).status).toBe(404);
    const anonymous = await page(f, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain("/login");
    expect((await act(f, null, form)).status).toBe(302);
    for (const loader of [contractProduction.loader, contractCsv.loader]) {
      expect((await get(loader, `/c/${f.org.slug}/contracts/${f.contractId}/production`, { cookie: f.therapist.user.cookie, params: { org: f.org.slug, contractId: f.contractId } })).status).toBe(403);
      expect((await get(loader, `/c/${f.org.slug}/contracts/${f.contractId}/production`, { cookie: other.chair.cookie, params: { org: f.org.slug, contractId: f.contractId } })).status).toBe(404);
    }
    // Another cooperative's chair in their own cooperative, with this contract's id: not found.
    expect((await get(contractCsv.loader, `/c/${other.org.slug}/contracts/${f.contractId}/production.csv`, { cookie: other.chair.cookie, params: { org: other.org.slug, contractId: f.contractId } })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("office staff see the budget but cannot change it", async () => {
    const f = await setup();
    const staff = await addPerson(f.org.id, "office_staff");
    const res = await page(f, staff.user.cookie);
    expect(res.status).toBe(200);
    expect(res.data.canWrite).toBe(false);
    const before = await rowCounts();
    expect((await act(f, staff.user.cookie, { intent: "ceiling", year: String(Y + 1), amount: "1", reason: "x" })).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});
