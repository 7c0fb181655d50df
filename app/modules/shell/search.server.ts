import { redactPerson, todayInAmsterdam } from "@koepel/rules";
import { and, asc, eq, or, sql } from "drizzle-orm";
import { contracts, members, practices, trajectories } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { audit } from "../audit/audit.server";
import { directoryWhere, groupsFor, statusOn } from "../members/members.server";
import { involving, myMemberId } from "../trajectories/trajectories.server";

import { MIN_QUERY, SEARCH_LIMIT, type SearchResults } from "./search";

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The shell's search: members, practices, contracts and trajectories (by client code),
 * each only when the role may open that list (the same actions as the navigation), in
 * one tenant transaction. Members are matched by the directory's own filter
 * (directoryWhere), so a peer finds only current members and never matches on a field
 * they may not see; rows leave through redactPerson like every other person record.
 * A practitioner finds only the trajectories they work on, and the look is logged like
 * the trajectory list's (one list_read row naming what was shown).
 */
export async function search(ctx: MemberContext, query: string) {
  const q = query.trim().slice(0, 100);
  const empty = { q, results: [] as SearchResults };
  if (q.length < MIN_QUERY) return empty;
  const like = likePattern(q);
  const today = todayInAmsterdam();
  const take = SEARCH_LIMIT + 1; // one more tells "there is more"
  return withTenant(ctx.org.id, async (tx) => {
    const results: SearchResults = [];
    if (ctx.can("members:view")) {
      const groups = groupsFor(ctx);
      const rows = await tx
        .select({ id: members.id, name: members.name, type: members.type, status: statusOn(today), municipalities: members.municipalities })
        .from(members)
        .where(and(...directoryWhere(ctx, { q }, today)))
        .orderBy(asc(members.name), asc(members.id))
        .limit(take);
      results.push({ kind: "members", more: rows.length > SEARCH_LIMIT, items: rows.slice(0, SEARCH_LIMIT).map((r) => redactPerson(r, groups)) });
      // A practice's name and town are its public profile; its address is not searched.
      const found = await tx
        .select({ id: practices.id, name: practices.name, city: practices.city })
        .from(practices)
        .where(and(eq(practices.organizationId, ctx.org.id), or(sql`lower(${practices.name}) like ${like}`, sql`lower(coalesce(${practices.city}, '')) like ${like}`)))
        .orderBy(asc(practices.name), asc(practices.id))
        .limit(take);
      results.push({ kind: "practices", more: found.length > SEARCH_LIMIT, items: found.slice(0, SEARCH_LIMIT).map((r) => redactPerson(r, groups)) });
    }
    if (ctx.can("contracts:view")) {
      const rows = await tx
        .select({ id: contracts.id, name: contracts.name, reference: contracts.reference, endsOn: contracts.endsOn })
        .from(contracts)
        .where(and(eq(contracts.organizationId, ctx.org.id), or(sql`lower(${contracts.name}) like ${like}`, sql`lower(coalesce(${contracts.reference}, '')) like ${like}`)))
        .orderBy(asc(contracts.name), asc(contracts.id))
        .limit(take);
      results.push({ kind: "contracts", more: rows.length > SEARCH_LIMIT, items: rows.slice(0, SEARCH_LIMIT) });
    }
    if (ctx.can("trajectories:manage") || ctx.can("time:log")) {
      const scope = ctx.can("trajectories:manage") ? undefined : involving(await myMemberId(tx, ctx));
      const rows = await tx
        .select({ id: trajectories.id, clientCode: trajectories.clientCode, status: trajectories.status, contractName: contracts.name })
        .from(trajectories)
        .innerJoin(contracts, eq(contracts.id, trajectories.contractId))
        .where(and(eq(trajectories.organizationId, ctx.org.id), scope, sql`lower(${trajectories.clientCode}) like ${like}`))
        .orderBy(sql`(${trajectories.status} <> 'active')`, asc(trajectories.clientCode), asc(trajectories.id))
        .limit(take);
      const shown = rows.slice(0, SEARCH_LIMIT);
      if (shown.length) {
        await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "trajectory.list_read", entityType: "trajectory", entityId: null, after: { ids: shown.map((r) => r.id), search: true }, ip: ctx.ip });
      }
      results.push({ kind: "trajectories", more: rows.length > SEARCH_LIMIT, items: shown });
    }
    return { q, results };
  });
}
