import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, signUp } from "~/modules/auth/accounts.server";
import * as inviteRoute from "~/routes/c.$org.people.invite";
import { addMember, createUser, get, linkToken, orgWithChair, post, query, rowCounts, scopeCondition, uniqueEmail, type RowScope, type TestUser } from "../helpers/app";

// A GET (and so a link in a mail, a prefetch, an <img src> on another site) changes
// nothing: every loader in app/routes, and the root loader, is requested by a
// visitor, a member and a chair, links from mail with their real tokens, and the
// database must be the same afterwards, row for row. Only a session's sliding expiry
// and last-seen time may move. Cross-site POSTs are refused by the server
// (tests/integration/http-security.test.ts); this covers the methods it lets through.

type RouteModule = { loader?: (args: unknown) => unknown };
const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const rootModule = import.meta.glob<RouteModule>("../../app/root.tsx", { eager: true });

/** Remix flat-route file name to URL: dots are slashes, `_index` is the index, `[.csv]` is literal. */
function urlOf(file: string, params: Record<string, string>): string {
  const name = file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, "");
  const segments = name.replace(/\[([^\]]*)\]/g, (_m, literal: string) => literal.replace(/\./g, "~dot~")).split(".");
  const path = segments
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replaceAll("~dot~", "."))
    .map((s) => (s.startsWith("$") ? (params[s.slice(1)] ?? randomUUID()) : s))
    .join("/")
    .replace(/\/\./g, ".");
  return `/${path}`;
}

const SLIDING = new Set(["sessions.expires_at", "sessions.last_seen_at"]);

/**
 * A digest of every row this file owns in every table (sliding session times left out):
 * other files write to the same tables meanwhile (helpers/app.ts, RowScope).
 */
async function fingerprint(scope: RowScope): Promise<Record<string, string>> {
  const columns = await query(
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE') order by table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  const allColumns = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    const table = String(table_name);
    allColumns.set(table, [...(allColumns.get(table) ?? []), String(column_name)]);
    if (SLIDING.has(`${table}.${String(column_name)}`)) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), `"${String(column_name)}"`]);
  }
  const digests: Record<string, string> = {};
  for (const [table, cols] of byTable) {
    // Refused access is logged on purpose (access.refused, issue 3 point 7), and so is
    // every read of client data (actions ending in ".read", issue 5's privacy rule, and
    // ".list_read", one row per list view naming what it showed): a record of the look,
    // not a change of state. rowCounts() leaves those rows out too.
    const mine = scopeCondition(table, allColumns.get(table)!, scope);
    const where = ` where ${mine}${table === "audit_log" ? ` and action <> 'access.refused' and action not like '%.read' and action not like '%.list\\_read'` : ""}`;
    const [row] = await query(sql.raw(`select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as d from (select ${cols.join(", ")} from "${table}"${where}) r`));
    digests[table] = String(row.d);
  }
  return digests;
}

let chair: TestUser;
let member: TestUser;
let slug: string;
let scope: RowScope;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const setup = await orgWithChair();
  chair = setup.chair;
  slug = setup.org.slug;
  member = await createUser();
  await addMember(setup.org.id, member.id, "member");
  // Open links from mail, each with a token that is valid right now.
  const invitee = uniqueEmail("invitee");
  const invited = await post(inviteRoute.action, `/c/${slug}/people/invite`, { email: invitee, role: "member" }, { cookie: chair.cookie, params: { org: slug } });
  expect(invited.status).toBe(302);
  tokens.invitation = await linkToken(invitee, "/invitation");
  const newcomer = uniqueEmail("newcomer");
  await signUp({ name: "Nieuw", email: newcomer, password: "a long enough password", locale: "nl" });
  tokens["verify-email"] = await linkToken(newcomer, "/verify-email");
  await requestPasswordReset(chair.email);
  tokens["reset-password"] = await linkToken(chair.email, "/reset-password");
  const emails = [chair.email, member.email, invitee, newcomer];
  const people = await query(sql`select id from users where lower(email) in (${sql.join(emails.map((e) => sql`${e.toLowerCase()}`), sql`, `)})`);
  scope = { organizationIds: [setup.org.id], userIds: people.map((p) => String(p.id)), emails };
});

describe("GET changes nothing", () => {
  const loaders = Object.entries({ ...routeModules, ...rootModule }).filter(([, m]) => typeof m.loader === "function");

  it("finds the app's loaders", () => {
    expect(loaders.length).toBeGreaterThanOrEqual(15);
  });

  it("every loader, for a visitor, a member and a chair, leaves every table as it was", async () => {
    const before = { counts: await rowCounts({ scope }), rows: await fingerprint(scope) };
    const requested: string[] = [];
    for (const [file, module] of loaders) {
      const base = file.endsWith("root.tsx") ? `/c/${slug}` : urlOf(file, { org: slug });
      const key = base.slice(1);
      const path = tokens[key] ? `${base}?token=${tokens[key]}` : base;
      for (const cookie of [null, member.cookie, chair.cookie]) {
        // Redirects and 4xx are fine: only what happened in the database counts here.
        await get(module.loader, path, { cookie, params: { org: slug } }).catch(() => null);
        requested.push(`${path} ${cookie ? "signed in" : "visitor"}`);
      }
    }
    expect(requested.some((r) => r.startsWith("/verify-email?token="))).toBe(true);
    expect(requested.some((r) => r.startsWith("/invitation?token="))).toBe(true);
    expect(requested.some((r) => r.startsWith(`/c/${slug}/people.csv`))).toBe(true);
    expect(await rowCounts({ scope })).toEqual(before.counts);
    expect(await fingerprint(scope)).toEqual(before.rows);
  });
});
