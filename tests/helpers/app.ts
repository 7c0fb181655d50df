// Helpers to drive route modules' loaders and actions directly against the real
// database: build requests, unwrap Remix results, make users, read the outbox.
import { desc, eq, sql } from "drizzle-orm";
import type { Role } from "@koepel/rules";
import { getDb } from "~db/client";
import { memberships, organizations, outbox, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import type { UserContext } from "~/lib/guard.server";
import { ACCESS_REFUSED } from "~/modules/audit/refused.server";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession } from "~/modules/auth/sessions.server";
import { createOrganization } from "~/modules/organizations/organizations.server";

export const BASE = "http://localhost:3000";
export const PASSWORD = "correct horse battery staple";

/** Remix's `data()` result (@remix-run/router's DataWithResponseInit), recognised as Remix itself does. */
type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
function isDataWithResponseInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && "type" in value && "data" in value && "init" in value && (value as DataWithInit).type === "DataWithResponseInit";
}

type Body = Record<string, string> | URLSearchParams | FormData;
export type RequestOptions = { method?: "GET" | "POST"; form?: Body; cookie?: string | null; headers?: Record<string, string> };

export function makeRequest(path: string, options: RequestOptions = {}): Request {
  const method = options.method ?? (options.form ? "POST" : "GET");
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: BodyInit | undefined;
  if (method === "POST") {
    headers.set("Origin", BASE);
    const form = options.form ?? {};
    body = form instanceof FormData || form instanceof URLSearchParams ? form : new URLSearchParams(form);
  }
  return new Request(new URL(path, BASE), { method, headers, body });
}

export type Outcome = {
  thrown: boolean;
  status: number;
  /** Redirect target, for 3xx responses. */
  location: string | null;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
};

async function unwrap(value: unknown, thrown: boolean): Promise<Outcome> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { thrown, status: value.status, location: value.headers.get("Location"), headers: value.headers, data };
  }
  if (isDataWithResponseInit(value)) {
    const init = value.init ?? {};
    return { thrown, status: init.status ?? 200, location: null, headers: new Headers(init.headers), data: value.data };
  }
  if (thrown) throw value; // a real error, not an HTTP answer
  return { thrown, status: 200, location: null, headers: new Headers(), data: value };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteFn = (args: any) => unknown;

/** Call a loader or action as Remix would, returning what the client would get. */
export async function call(fn: RouteFn | undefined, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  if (!fn) throw new Error("route has no such export");
  // Let the event loop reach its poll phase between requests. On PGlite the database
  // runs in this process and its answers arrive as promise continuations, so a walk over
  // hundreds of routes never leaves the microtask queue: Vitest's worker then cannot read
  // the runner's reply to its progress report, and a green run exits 1 with "Timeout
  // calling onTaskUpdate" (its RPC timeout is a fixed 60 s) when the machine is loaded.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    return await unwrap(await fn({ request, params, context: {} }), false);
  } catch (error) {
    return unwrap(error, true);
  }
}

export const get = (fn: RouteFn | undefined, path: string, opts: Omit<RequestOptions, "method" | "form"> & { params?: Record<string, string> } = {}) =>
  call(fn, makeRequest(path, { ...opts, method: "GET" }), opts.params);

export const post = (fn: RouteFn | undefined, path: string, form: Body, opts: Omit<RequestOptions, "method" | "form"> & { params?: Record<string, string> } = {}) =>
  call(fn, makeRequest(path, { ...opts, method: "POST", form }), opts.params);

/** The value of one cookie set by a response, or null. */
export function setCookieValue(outcome: Outcome, name: string): string | null {
  const all = outcome.headers.getSetCookie?.() ?? [outcome.headers.get("Set-Cookie") ?? ""];
  for (const c of all) {
    const m = c.match(new RegExp(`(?:^|[;,]\\s*)${name}=([^;]*)`));
    if (m) return decodeURIComponent(m[1]);
  }
  return null;
}

export const sessionCookieHeader = (token: string) => `koepel_session=${token}`;

let seq = 0;
/** A unique suffix, so tests sharing one PostgreSQL database never collide. */
export function unique(prefix = "t"): string {
  seq += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${seq}${Math.random().toString(36).slice(2, 6)}`;
}
export const uniqueEmail = (prefix = "user") => `${unique(prefix)}@example.test`.toLowerCase();
export const uniqueSlug = (prefix = "coop") => unique(prefix).toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 30);

let passwordHash: Promise<string> | null = null;
export type TestUser = { id: string; email: string; name: string; token: string; cookie: string; ctx: UserContext };

/** A confirmed account with a live session, inserted directly (fast). */
export async function createUser(opts: { email?: string; name?: string; verified?: boolean; locale?: "nl" | "en" } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const email = opts.email ?? uniqueEmail();
  const name = opts.name ?? `Test ${email.split("@")[0]}`;
  const [user] = await withSystem((tx) =>
    tx
      .insert(users)
      .values({ email, name, passwordHash: hash, locale: opts.locale ?? "nl", emailVerifiedAt: opts.verified === false ? null : new Date() })
      .returning(),
  );
  return finishUser(user.id, email, name, opts.locale ?? "nl");
}

async function finishUser(id: string, email: string, name: string, locale: "nl" | "en"): Promise<TestUser> {
  const { token } = await createSession(id);
  return { id, email, name, token, cookie: sessionCookieHeader(token), ctx: { user: { id, email, name, locale }, session: { id: "", expiresAt: new Date(), user: { id, email, name, locale }, twoFactorEnabled: false, twoFactorPending: false, reauthenticatedAt: null }, ip: null } };
}

/**
 * A cooperative created through the module, with `chair` as its chair. Unless a test
 * asks for them, no roles must use two-factor authentication, so tests of other
 * features need no authenticator; tests/integration/two-factor.test.ts covers the default.
 */
export async function createOrg(chair: TestUser, opts: { name?: string; slug?: string; twoFactorRoles?: Role[] } = {}) {
  const slug = opts.slug ?? uniqueSlug();
  const org = await createOrganization(chair.ctx, { name: opts.name ?? `Coöperatie ${slug}`, legalForm: "cooperative_ua", kvkNumber: "12345678", slug });
  const [updated] = await withSystem((tx) =>
    tx.update(organizations).set({ twoFactorRoles: opts.twoFactorRoles ?? [] }).where(eq(organizations.id, org.id)).returning(),
  );
  return updated;
}

export async function addMember(organizationId: string, userId: string, role: Role) {
  const [m] = await withSystem((tx) => tx.insert(memberships).values({ organizationId, userId, role }).returning());
  return m;
}

/** A cooperative with a chair, ready to use. */
export async function orgWithChair() {
  const chair = await createUser();
  const org = await createOrg(chair);
  return { chair, org };
}

/** The newest message to an address in the outbox. */
export async function latestMail(address: string) {
  const [row] = await withSystem((tx) => tx.select().from(outbox).where(eq(outbox.toAddress, address.toLowerCase())).orderBy(desc(outbox.id)).limit(1));
  return row ?? null;
}

export async function mailsTo(address: string) {
  return withSystem((tx) => tx.select().from(outbox).where(eq(outbox.toAddress, address.toLowerCase())).orderBy(outbox.id));
}

/** The token from the link in the newest message to an address. */
export async function linkToken(address: string, path?: string): Promise<string> {
  const mail = await latestMail(address);
  if (!mail) throw new Error(`no mail to ${address}`);
  const m = mail.text.match(new RegExp(`${path ?? "/[a-z-]+"}\\?token=([a-z2-7]+)`));
  if (!m) throw new Error(`no link in mail to ${address}: ${mail.text}`);
  return m[1];
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

export async function query(statement: ReturnType<typeof sql>) {
  const db = await getDb();
  return rowsOf(await db.execute(statement));
}

/**
 * The rows a test owns: its cooperatives' (organization_id), its users' (users.id,
 * user_id, actor_user_id) and mail to its addresses. Other files, and other runs on
 * the same PostgreSQL database, write to the same tables at the same time, so "nothing
 * was written" is asked of these rows, never of a whole table. Tables with none of
 * those columns (reference data) are counted whole.
 */
export type RowScope = { organizationIds: string[]; userIds?: string[]; emails?: string[] };

let tableColumns: Promise<Map<string, string[]>> | null = null;
async function columnsByTable(): Promise<Map<string, string[]>> {
  tableColumns ??= query(
    sql`select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name) where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
  ).then((rows) => {
    const byTable = new Map<string, string[]>();
    for (const r of rows) {
      const name = String(r.table_name);
      byTable.set(name, byTable.get(name) ?? []);
      byTable.get(name)!.push(String(r.column_name));
    }
    return byTable;
  });
  return tableColumns;
}

const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
const inList = (column: string, values: string[]) => (values.length ? `${column} in (${values.map(literal).join(", ")})` : "false");

/** A SQL condition selecting the rows of `table` that belong to `scope` ("true" without a scope). */
export function scopeCondition(table: string, columns: string[], scope?: RowScope): string {
  if (!scope) return "true";
  const conditions: string[] = [];
  if (columns.includes("organization_id")) conditions.push(inList("organization_id", scope.organizationIds));
  if (table === "organizations") conditions.push(inList("id", scope.organizationIds));
  if (table === "users") conditions.push(inList("id", scope.userIds ?? []), inList("lower(email)", (scope.emails ?? []).map((e) => e.toLowerCase())));
  for (const c of ["user_id", "actor_user_id"]) if (columns.includes(c)) conditions.push(inList(c, scope.userIds ?? []));
  if (columns.includes("to_address")) conditions.push(inList("lower(to_address)", (scope.emails ?? []).map((e) => e.toLowerCase())));
  return conditions.length ? `(${conditions.join(" or ")})` : "true";
}

/**
 * Row counts of every table, for "nothing was written" assertions. A refused
 * request does write one thing: its access.refused audit row (guard.server.ts).
 * Those rows are left out unless `refusals` is set, so a refusal still proves that
 * nothing else was written, other audit rows included; tests of the refusal log
 * itself count them with `{ refusals: true }`.
 */
export async function rowCounts(options: { refusals?: boolean; scope?: RowScope } = {}): Promise<Record<string, number>> {
  const byTable = await columnsByTable();
  const tables = [...byTable.keys()].sort();
  // One statement for all tables: the route matrix calls this around every refused request.
  const count = (table: string) => {
    const where = [scopeCondition(table, byTable.get(table)!, options.scope)];
    if (table === "audit_log" && !options.refusals) where.push(`action <> '${ACCESS_REFUSED}'`);
    return `(select count(*)::int from "${table}" where ${where.join(" and ")})`;
  };
  const [row] = await query(sql.raw(`select ${tables.map((t) => `${count(t)} as "${t}"`).join(", ")}`));
  return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}

export async function findOrgBySlug(slug: string) {
  const [org] = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.slug, slug)));
  return org ?? null;
}
