// Issue 11: the statements a page sends (BEGIN/COMMIT and set_config included) do
// not grow with the data, and stay within 8. Each page is driven as Remix drives it:
// every matched loader (root, the cooperative layout, any nested layout, the page) in
// parallel, each with its own Request, sharing one request context; the context counts
// what reaches the database. Measured on Wij zijn KAS at 1x and at 10x from the scale
// generator (db/seed/scale.ts). Counts are deterministic; timings are the benchmark's.
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts, members, organizations, trajectories, users } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { SCALE_SOURCE_SLUG, scaleCooperative } from "~db/seed/scale";
import { withSystem } from "~db/tenant";
import { createRequestContext } from "~/lib/request-context.server";
import { createSession } from "~/modules/auth/sessions.server";
import * as root from "~/root";
import * as orgLayout from "~/routes/c.$org";
import * as landing from "~/routes/c.$org._index";
import * as compliance from "~/routes/c.$org.compliance._index";
import * as eligibility from "~/routes/c.$org.compliance.eligibility";
import * as contractLayout from "~/routes/c.$org.contracts.$contractId";
import * as budget from "~/routes/c.$org.contracts.$contractId.budget";
import * as membersPage from "~/routes/c.$org.members._index";
import * as trajectoriesPage from "~/routes/c.$org.trajectories._index";
import { makeRequest } from "../helpers/app";

const TARGET = 8;

/**
 * Pages that still send more than TARGET statements (the count measured here, the
 * same at 1x and 10x) because of their own data queries: the session check and guard
 * are one statement, a tenant transaction three (BEGIN, set_config, COMMIT). Delete a
 * page from the list once it meets the target, and the test then holds it to TARGET.
 * A listed count must match, so the list stays current.
 */
const OVER_TARGET_FOR_NOW: Record<string, number> = {
  compliance: 14,
  // Vandaag for the board runs every area's source (eligibility 3, budget 3, trajectories 2,
  // duties, registrations, invitations, the viewer's member record) and the board's
  // onboarding checklist: decision 022.
  landing: 17,
};

/** Pages whose own code opens transactions one after another (which cannot be shared), with how many. */
const TRANSACTIONS_FOR_NOW: Record<string, number> = {};

/** Pages whose statements still grow with the data, with their count at 1x. */
const GROWS_WITH_DATA_FOR_NOW: Record<string, number> = {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loader = (args: any) => Promise<unknown>;
type Page = { name: string; path: string; params: Record<string, string>; loaders: Loader[]; cookie?: string };

let cookie = "";
let memberCookie = "";
let pages: Page[] = [];

async function measure(page: Page) {
  const context = createRequestContext({ trace: true });
  const outcomes = await Promise.allSettled(
    page.loaders.map((loader) => loader({ request: makeRequest(page.path, { cookie: page.cookie ?? cookie }), params: page.params, context: { requestContext: context } })),
  );
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") throw new Error(`${page.name}: a loader refused: ${outcome.reason instanceof Response ? outcome.reason.status : outcome.reason}`);
  }
  return { count: context.queries, statements: context.statements ?? [] };
}

// Twice per page: the first request may do the session's once-a-minute refresh.
async function countsOf(): Promise<Record<string, { count: number; statements: string[] }>> {
  const result: Record<string, { count: number; statements: string[] }> = {};
  for (const page of pages) {
    await measure(page);
    result[page.name] = await measure(page);
  }
  return result;
}

const scale = (factor: number) => withSystem((tx) => scaleCooperative(tx, factor));

let at1x: Awaited<ReturnType<typeof countsOf>>;
let at10x: Awaited<ReturnType<typeof countsOf>>;

beforeAll(async () => {
  await seedDemo();
  await scale(1);
  const [org] = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.slug, SCALE_SOURCE_SLUG)));
  const [chair] = await withSystem((tx) => tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'voorzitter@kas.demo.koepel.nl'`));
  const [contract] = await withSystem((tx) =>
    tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.organizationId, org.id))).orderBy(asc(contracts.name)).limit(1),
  );
  const { token } = await createSession(chair.id);
  cookie = `koepel_session=${token}`;
  // A practitioner who coordinates trajectories: Vandaag for a member.
  const [coordinator] = await withSystem((tx) =>
    tx
      .select({ userId: members.userId })
      .from(trajectories)
      .innerJoin(members, eq(members.id, trajectories.coordinatorId))
      .where(and(eq(trajectories.organizationId, org.id), eq(trajectories.status, "active"), isNotNull(members.userId), ne(members.userId, chair.id)))
      .orderBy(asc(members.name))
      .limit(1),
  );
  memberCookie = `koepel_session=${(await createSession(coordinator.userId!)).token}`;
  const base = `/c/${org.slug}`;
  const p = { org: org.slug };
  const chain = (...loaders: { loader?: unknown }[]) => [root, orgLayout, ...loaders].map((m) => m.loader as Loader);
  pages = [
    { name: "landing", path: base, params: p, loaders: chain(landing) },
    { name: "landing-member", path: base, params: p, loaders: chain(landing), cookie: memberCookie },
    { name: "members", path: `${base}/members`, params: p, loaders: chain(membersPage) },
    { name: "compliance", path: `${base}/compliance`, params: p, loaders: chain(compliance) },
    { name: "eligibility", path: `${base}/compliance/eligibility`, params: p, loaders: chain(eligibility) },
    { name: "budget", path: `${base}/contracts/${contract.id}/budget`, params: { ...p, contractId: contract.id }, loaders: chain(contractLayout, budget) },
    { name: "trajectories", path: `${base}/trajectories`, params: p, loaders: chain(trajectoriesPage) },
  ];
  at1x = await countsOf();
  const sizes = await scale(10);
  expect(sizes.members).toBeGreaterThanOrEqual(350);
  at10x = await countsOf();
  // Print the per-statement breakdown, for whoever tightens the list above.
  for (const page of pages) {
    console.log(`${page.name}: ${at1x[page.name].count} at 1x, ${at10x[page.name].count} at 10x\n  ${at1x[page.name].statements.map((s) => s.replace(/\s+/g, " ").slice(0, 140)).join("\n  ")}`);
  }
}, 240_000);

// Leave the demo as other test files expect it (PostgreSQL runs share one database).
afterAll(() => scale(1), 120_000);

describe("statements per page", () => {
  it("are the same at 1x and at 10x on every key page", () => {
    for (const page of pages) {
      const grows = GROWS_WITH_DATA_FOR_NOW[page.name];
      if (grows === undefined) expect({ page: page.name, count: at10x[page.name].count }).toEqual({ page: page.name, count: at1x[page.name].count });
      else expect({ page: page.name, at1x: at1x[page.name].count }, "grows with the data for now: the listed 1x count is the measured one").toEqual({ page: page.name, at1x: grows });
    }
  });

  it(`are at most ${TARGET} on every key page not listed as over target, and the list is current`, () => {
    for (const page of pages) {
      if (GROWS_WITH_DATA_FOR_NOW[page.name] !== undefined) continue;
      const count = at10x[page.name].count;
      const allowed = OVER_TARGET_FOR_NOW[page.name];
      if (allowed === undefined) expect({ page: page.name, count }).toEqual({ page: page.name, count: Math.min(count, TARGET) });
      else expect({ page: page.name, count }, "over target for now: the listed count is the measured one").toEqual({ page: page.name, count: allowed });
    }
  });

  it("open one transaction per request, shared by the loaders that read the cooperative's data", () => {
    for (const page of pages) {
      const begins = at10x[page.name].statements.filter((s) => s === "begin");
      expect({ page: page.name, transactions: begins.length }).toEqual({ page: page.name, transactions: TRANSACTIONS_FOR_NOW[page.name] ?? 1 });
    }
  });

  it("spend one statement on the session check and the guard however many loaders ask", () => {
    for (const page of pages) {
      const guard = at10x[page.name].statements.filter((s) => /from "sessions"/.test(s));
      expect({ page: page.name, guard: guard.length }).toEqual({ page: page.name, guard: 1 });
    }
  });
});
