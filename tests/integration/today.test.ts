// Vandaag (issue 12, decision 022) against the demo on the real database: the board's
// items across areas, a member's own, isolation, and the daily digest listing exactly
// what the page shows. The demo is dated around today; the machine's clock is the
// fixed 2026-12-01 the demo's figures below were read on.
import { formatMoney, todayInAmsterdam, type AttentionItem } from "@koepel/rules";
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contracts, dailyDigests, members, trajectories, trajectoryPractitioners, users } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { withSystem } from "~db/tenant";
import { fixedT } from "~/lib/i18n.server";
import { createRequestContext } from "~/lib/request-context.server";
import { renderDigest, runDailyDigests } from "~/modules/attention/digest.server";
import { VANDAAG_LIMIT, getToday } from "~/modules/attention/registry.server";
import { requireMember } from "~/lib/guard.server";
import { reasonText } from "~/modules/attention/words";
import { createSession } from "~/modules/auth/sessions.server";
import * as root from "~/root";
import * as orgLayout from "~/routes/c.$org";
import * as landing from "~/routes/c.$org._index";
import * as budgetPage from "~/routes/c.$org.contracts.$contractId.budget";
import * as dutiesPage from "~/routes/c.$org.contracts.$contractId.duties";
import * as myRegistrations from "~/routes/c.$org.me.registrations";
import * as memberRegistrations from "~/routes/c.$org.members.$memberId.registrations";
import * as peoplePage from "~/routes/c.$org.people._index";
import * as verification from "~/routes/c.$org.registrations._index";
import * as trajectoryPage from "~/routes/c.$org.trajectories.$trajectoryId";
import { addMember, createOrg, createUser, findOrgBySlug, get, makeRequest, mailsTo } from "../helpers/app";

type Org = NonNullable<Awaited<ReturnType<typeof findOrgBySlug>>>;
let kas: Org;
let vakwerk: Org;
const TODAY = todayInAmsterdam();

async function cookieFor(email: string) {
  const [u] = await withSystem((tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, email)));
  const { token } = await createSession(u.id);
  return `koepel_session=${token}`;
}

const open = async (org: { slug: string }, cookie: string) => get(landing.loader, `/c/${org.slug}`, { cookie, params: { org: org.slug } });
const itemsOf = (res: Awaited<ReturnType<typeof open>>) => res.data.items as AttentionItem[];

/** A KAS practitioner with an account who coordinates an active trajectory, and the trajectories she is on. */
async function practitionerWithTrajectories(org: Org) {
  const [row] = await withSystem((tx) =>
    tx
      .select({ memberId: members.id, email: users.email })
      .from(trajectories)
      .innerJoin(members, eq(members.id, trajectories.coordinatorId))
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(trajectories.organizationId, org.id), eq(trajectories.status, "active"), isNotNull(members.userId), sql`${users.email} not like 'voorzitter@%'`))
      .orderBy(users.email)
      .limit(1),
  );
  const mine = await withSystem((tx) =>
    tx
      .selectDistinct({ id: trajectories.id, clientCode: trajectories.clientCode })
      .from(trajectories)
      .leftJoin(trajectoryPractitioners, eq(trajectoryPractitioners.trajectoryId, trajectories.id))
      .where(and(eq(trajectories.organizationId, org.id), eq(trajectories.status, "active"), or(eq(trajectories.coordinatorId, row.memberId), eq(trajectoryPractitioners.memberId, row.memberId)))),
  );
  return { ...row, trajectories: mine };
}

let chairCookie = "";
let practitioner: Awaited<ReturnType<typeof practitionerWithTrajectories>>;
let practitionerCookie = "";

beforeAll(async () => {
  await seedDemo();
  kas = (await findOrgBySlug("wij-zijn-kas"))!;
  vakwerk = (await findOrgBySlug("vakwerk-nijmegen"))!;
  chairCookie = await cookieFor("voorzitter@kas.demo.koepel.nl");
  practitioner = await practitionerWithTrajectories(kas);
  practitionerCookie = await cookieFor(practitioner.email);
}, 240_000);

describe("Vandaag for the board", () => {
  it("lists every area's items, ranked: the overdue quarterly report first, the over-committed Haarlem pilot, three trajectories ending within 18 days, the VOG lapsing, three members not eligible", async () => {
    const res = await open(kas, chairCookie);
    expect(res.status).toBe(200);
    expect(res.data.failed).toEqual([]);
    const items = itemsOf(res);
    const [haarlem] = await withSystem((tx) => tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.organizationId, kas.id), eq(contracts.name, "Pilot vaktherapie Haarlem"))));

    // Overdue first.
    expect(items[0]).toMatchObject({ kind: "duty_overdue", dueOn: "2026-10-30", link: `/contracts/${haarlem.id}/duties` });
    const over = items.find((i) => i.kind === "budget_over_committed");
    expect(over).toMatchObject({ subject: "Pilot vaktherapie Haarlem", severity: "critical", link: `/contracts/${haarlem.id}/budget`, params: { amount: { money: 3_134_160 } } });
    const ending = items.filter((i) => i.kind === "trajectory_warning" && JSON.stringify(i.params).includes("ending_soon") && i.dueOn! <= "2026-12-19");
    expect(ending.map((i) => i.subject)).toEqual(expect.arrayContaining(["IJ-2026-011", "IJ-2026-023", "IJ-2026-017"]));
    for (const e of ending) expect(e.link).toMatch(/^\/trajectories\/[0-9a-f-]{36}$/);
    expect(items.find((i) => i.kind === "member_lapsing")).toMatchObject({ subject: "Sophie Martens", dueOn: "2027-02-01" });
    expect(
      items
        .filter((i) => i.kind === "member_not_eligible")
        .map((i) => i.subject)
        .sort(),
    ).toEqual(["Femke van Rooij", "Xander Pauw", "Youssef El Amrani"]);

    // The reasons in words, Dutch formats.
    const t = await fixedT("nl");
    expect(reasonText(t, items[0], "nl")).toBe("Productiecijfers per kwartaal voor Pilot vaktherapie Haarlem had op 30-10-2026 binnen moeten zijn.");
    expect(reasonText(t, over!, "nl")).toContain(formatMoney(3_134_160, "nl"));
    expect(reasonText(t, over!, "nl")).toMatch(/^Pilot vaktherapie Haarlem: besteed plus toegezegd is €\s31\.341,60 meer dan het plafond van 2026\.$/);
    const en = await fixedT("en");
    expect(reasonText(en, items[0], "en")).toBe("Productiecijfers per kwartaal for Pilot vaktherapie Haarlem was due on 30/10/2026.");
  });

  it("shows the most urgent first and the rest one click away: a limit keeps the ranking's head, and ?all=1 shows every item", async () => {
    const res = await open(kas, chairCookie);
    const total = res.data.total as number;
    expect(itemsOf(res)).toHaveLength(Math.min(total, VANDAAG_LIMIT));
    const everything = await get(landing.loader, `/c/${kas.slug}?all=1`, { cookie: chairCookie, params: { org: kas.slug } });
    const all = itemsOf(everything);
    expect(all).toHaveLength(total);
    expect(total).toBeGreaterThan(5);

    const ctx = await requireMember(makeRequest(`/c/${kas.slug}`, { cookie: chairCookie }), kas.slug, "org:view");
    const head = await getToday(ctx, TODAY, 5);
    expect(head.total).toBe(total);
    expect(head.items.map((i) => i.key)).toEqual(all.slice(0, 5).map((i) => i.key));
  });

  it("is ranked: no item after a less urgent one (overdue, then severity)", async () => {
    const items = itemsOf(await open(kas, chairCookie));
    const rank = (i: AttentionItem) => (i.dueOn !== null && i.dueOn < TODAY ? 0 : 1) * 10 + ["critical", "warning", "info"].indexOf(i.severity);
    for (let k = 1; k < items.length; k++) expect(rank(items[k - 1])).toBeLessThanOrEqual(rank(items[k]));
  });

  it("an empty Vandaag is empty: a new cooperative's member without a practitioner record has nothing waiting", async () => {
    const chair = await createUser();
    const org = await createOrg(chair);
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const res = await open(org, member.cookie);
    expect(res.status).toBe(200);
    expect(res.data.items).toEqual([]);
  });
});

/** The route each kind of link opens, with its parameters: the test fails on a link to nowhere. */
const ROUTES: [RegExp, { loader?: unknown }, string[]][] = [
  [/^\/contracts\/([0-9a-f-]{36})\/duties$/, dutiesPage, ["contractId"]],
  [/^\/contracts\/([0-9a-f-]{36})\/budget$/, budgetPage, ["contractId"]],
  [/^\/trajectories\/([0-9a-f-]{36})$/, trajectoryPage, ["trajectoryId"]],
  [/^\/members\/([0-9a-f-]{36})\/registrations$/, memberRegistrations, ["memberId"]],
  [/^\/registrations$/, verification, []],
  [/^\/people$/, peoplePage, []],
  [/^\/me\/registrations$/, myRegistrations, []],
];

async function opensForViewer(org: Org, link: string, cookie: string) {
  const route = ROUTES.find(([re]) => re.test(link));
  expect(route, `a route for ${link}`).toBeDefined();
  const [re, mod, names] = route!;
  const match = link.match(re)!;
  const params: Record<string, string> = { org: org.slug };
  names.forEach((n, k) => (params[n] = match[k + 1]));
  return get(mod.loader as never, `/c/${org.slug}${link}`, { cookie, params });
}

describe("each link leads to where the item is acted on", () => {
  it("every link on the board's and a member's Vandaag opens for that person", async () => {
    for (const [cookie, org] of [
      [chairCookie, kas],
      [practitionerCookie, kas],
    ] as const) {
      const links = [...new Set(itemsOf(await open(org, cookie)).map((i) => i.link))];
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect({ link, status: (await opensForViewer(org, link, cookie)).status }).toEqual({ link, status: 200 });
    }
  });
});

describe("Vandaag for a member", () => {
  it("lists her own trajectories with the hours used, and nothing of the board's", async () => {
    const res = await open(kas, practitionerCookie);
    expect(res.status).toBe(200);
    const items = itemsOf(res);
    const own = items.filter((i) => i.kind === "trajectory_own");
    expect(own.map((i) => i.subject).sort()).toEqual(practitioner.trajectories.map((t) => t.clientCode).sort());
    expect(own.every((i) => i.link.startsWith("/trajectories/"))).toBe(true);
    // Everything she sees is hers.
    for (const i of items) expect(i.audience).toEqual({ memberId: practitioner.memberId });
  });

  it("never sees another member's items: each trajectory she is shown is one she is on", async () => {
    const mine = new Set(practitioner.trajectories.map((t) => `/trajectories/${t.id}`));
    const items = itemsOf(await open(kas, practitionerCookie));
    for (const i of items.filter((x) => x.link.startsWith("/trajectories/"))) expect(mine.has(i.link)).toBe(true);
    const boardKinds = ["duty_overdue", "duty_due_soon", "budget_over_committed", "budget_threshold", "trajectory_warning", "member_not_eligible", "member_lapsing", "invitation_open", "registration_to_verify"];
    expect(items.filter((i) => boardKinds.includes(i.kind))).toEqual([]);
  });

  it("another cooperative's member gets 404", async () => {
    const [eva] = await withSystem((tx) => tx.select({ email: users.email }).from(users).where(eq(users.email, "eva.van.den.berg@vakwerk.demo.koepel.nl")));
    const res = await open(kas, await cookieFor(eva.email));
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.data)).not.toContain("Haarlem");
    // And the board of one cooperative is no one in the other.
    expect((await open(vakwerk, chairCookie)).status).toBe(404);
  });
});

describe("statements", () => {
  // The full chain of loaders as Remix runs them for one request (see query-counts.test.ts).
  async function count(cookie: string, org: Org) {
    const context = createRequestContext({ trace: true });
    const run = () => Promise.all([root, orgLayout, landing].map((m) => (m.loader as (a: unknown) => Promise<unknown>)({ request: makeRequest(`/c/${org.slug}`, { cookie }), params: { org: org.slug }, context: { requestContext: context } })));
    await run();
    const second = createRequestContext({ trace: true });
    await Promise.all([root, orgLayout, landing].map((m) => (m.loader as (a: unknown) => Promise<unknown>)({ request: makeRequest(`/c/${org.slug}`, { cookie }), params: { org: org.slug }, context: { requestContext: second } })));
    return second;
  }
  it("a member's Vandaag stays within 8 statements; the board's is counted", async () => {
    const member = await count(practitionerCookie, kas);
    const board = await count(chairCookie, kas);
    console.log(`member ${member.queries}, board ${board.queries}\n  ${board.statements!.map((s) => s.replace(/\s+/g, " ").slice(0, 120)).join("\n  ")}`);
    expect(member.queries).toBeLessThanOrEqual(8);
  });
});

describe("the daily digest", () => {
  // 08:00 in Amsterdam on the demo's day.
  const morning = new Date(`${TODAY}T07:00:00Z`);

  it("mails, as the page shows, the most urgent items and then how many more wait", async () => {
    const all = itemsOf(await get(landing.loader, `/c/${kas.slug}?all=1`, { cookie: chairCookie, params: { org: kas.slug } }));
    const many = Array.from({ length: VANDAAG_LIMIT + 7 }, (_, n) => ({ ...all[n % all.length], key: `copy-${n}` }));
    const mail = await renderDigest("nl", { name: "Voorzitter", organization: kas, items: many, today: TODAY });
    expect(mail.text.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(VANDAAG_LIMIT);
    expect(mail.text).toContain("Nog 7 punten, minder dringend.");
    expect(mail.subject).toContain(`${VANDAAG_LIMIT + 7} punten`);
  });

  it("mails each person the items their Vandaag shows, in the same words and order, once a day, and nothing to whom nothing waits", async () => {
    const emptyChair = await createUser();
    const emptyOrg = await createOrg(emptyChair);
    const emptyMember = await createUser();
    await addMember(emptyOrg.id, emptyMember.id, "member");
    await withSystem((tx) => tx.delete(dailyDigests).where(inArray(dailyDigests.organizationId, [kas.id, emptyOrg.id])));
    const before = (await mailsTo("voorzitter@kas.demo.koepel.nl")).length;
    const first = await runDailyDigests(morning, { organizationIds: [kas.id, emptyOrg.id] });
    expect(first.digests).toBeGreaterThan(1);

    const mails = await mailsTo("voorzitter@kas.demo.koepel.nl");
    expect(mails.length).toBe(before + 1);
    const mail = mails.find((m) => m.subject.startsWith("Vandaag in"))!;
    const page = itemsOf(await open(kas, chairCookie));
    const t = await fixedT("nl");
    expect(mail.subject).toBe(`Vandaag in ${kas.name}: ${page.length} punten`);
    const lines = mail.text.split("\n").filter((l: string) => l.startsWith("- "));
    expect(lines).toHaveLength(page.length);
    page.forEach((item, k) => {
      expect(lines[k]).toContain(reasonText(t, item, "nl"));
    });
    expect(mail.text).toContain(`/c/${kas.slug}${page[0].link}`);

    // The member's mail: her own items only, the same as her page.
    const own = itemsOf(await open(kas, practitionerCookie));
    const hers = (await mailsTo(practitioner.email)).find((m) => m.subject.startsWith("Vandaag in"))!;
    expect(hers.text.split("\n").filter((l: string) => l.startsWith("- "))).toHaveLength(own.length);
    expect(hers.text).not.toContain("Productiecijfers");

    // Nothing waits for the new cooperative's member: no mail (its chair, a practitioner, is asked for registrations).
    expect((await mailsTo(emptyMember.email)).filter((m) => m.subject.startsWith("Vandaag"))).toEqual([]);
    expect((await mailsTo(emptyChair.email)).filter((m) => m.subject.startsWith("Vandaag"))).toHaveLength(1);

    // Not twice a day: a second run, later the same day, sends nothing more.
    const again = await runDailyDigests(new Date(`${TODAY}T15:00:00Z`), { organizationIds: [kas.id, emptyOrg.id] });
    expect(again.digests).toBe(0);
    expect((await mailsTo("voorzitter@kas.demo.koepel.nl")).length).toBe(before + 1);
  });

  it("waits until seven in the morning", async () => {
    expect((await runDailyDigests(new Date(`${TODAY}T04:30:00Z`), { organizationIds: [kas.id] })).digests).toBe(0);
  });
});
