// Who counts, read from the database: the member records grouped by type, status
// and leaving date (a handful of rows whatever the size of the cooperative), counted
// by the one rule in packages/rules/src/headcount.ts. Every page that shows a count
// of people reads it here, so the directory, the landing page and the compliance
// cards cannot disagree (docs/decisions/025-honest-figures.md).
import { headcount, todayInAmsterdam, type Countable, type Headcount } from "@koepel/rules";
import { sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { parsedJson } from "~db/json";
import { members } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";

/**
 * The groups as one json value, for a page that reads its other figures in one
 * statement: select it beside them and hand the value to headcountFrom.
 */
export function headcountColumn(orgId: string) {
  return sql`(select coalesce(json_agg(json_build_object('type', g.type, 'status', g.status, 'leavesOn', g.leaves_on, 'n', g.n)), '[]'::json) from (select m.type, m.status, m.leaves_on, count(*) as n from ${members} m where m.organization_id = ${orgId} group by m.type, m.status, m.leaves_on) g)`.mapWith(
    (v) => (parsedJson(v) as (Countable & { n: number | string })[]).map((g) => ({ ...g, n: Number(g.n) })),
  );
}

export const headcountFrom = (groups: readonly Countable[], today: string): Headcount => headcount(groups, today);

/** The headcount inside a transaction already open. */
export async function headcountIn(tx: Tx, orgId: string, today: string): Promise<Headcount> {
  const [row] = await tx.select({ groups: headcountColumn(orgId) }).from(sql`(select 1) as one`);
  return headcount(row?.groups ?? [], today);
}

/**
 * The cooperative's headcount today. For the Vandaag page (the today engineer's) and
 * any page that shows how many people there are: label it with what it counts
 * ("34 actieve behandelaars", not "34 mensen").
 */
export async function getHeadcount(ctx: MemberContext, today = todayInAmsterdam()): Promise<Headcount> {
  return withTenant(ctx.org.id, (tx) => headcountIn(tx, ctx.org.id, today));
}

/**
 * What the member directory shows beside its rows, in one statement: the municipalities
 * members serve (its filter) and the headcount (the label above the list). One
 * statement, not two, because the page is held to 8 (tests/integration/query-counts.test.ts).
 */
export async function directoryFacts(ctx: MemberContext, today = todayInAmsterdam()): Promise<{ municipalities: string[]; headcount: Headcount }> {
  return withTenant(ctx.org.id, async (tx) => {
    const [row] = await tx
      .select({
        municipalities: sql`(select coalesce(json_agg(x.name order by x.name), '[]'::json) from (select distinct unnest(m.municipalities) as name from ${members} m where m.organization_id = ${ctx.org.id}) x)`.mapWith((v) => parsedJson(v) as string[]),
        groups: headcountColumn(ctx.org.id),
      })
      .from(sql`(select 1) as one`);
    return { municipalities: row?.municipalities ?? [], headcount: headcount(row?.groups ?? [], today) };
  });
}
