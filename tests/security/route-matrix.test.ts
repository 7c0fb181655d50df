// The route matrix (OWASP ASVS 5.0, V8 authorization): every route in Remix's own
// route manifest, with the access its module declares, requested as anonymous, as
// a member of another cooperative, as every role that lacks the declared
// permission, and as the least role that has it. A new route is covered the day
// it is added; a route without a declaration, or with a guard weaker or stricter
// than it declares, fails here. Ids in URLs and forms are fuzzed with fast-check.
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { PERMISSIONS, ROLES, can, type Action, type Role } from "@koepel/rules";
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { Column } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  agbCodes,
  budgetCeilings,
  contractAmendments,
  contractContacts,
  contractDocuments,
  contractRequirements,
  files,
  invitations,
  memberAllocations,
  memberImports,
  members,
  municipalities,
  practices,
  problemAreas,
  productRules,
  productTariffs,
  regions,
  registrationTypes,
  registrations,
  reportingDuties,
  timeEntries,
  timeEntryImports,
  trajectories,
  trajectoryExtensions,
} from "~db/schema";
import { withSystem } from "~db/tenant";
import type { Access } from "~/lib/access";
import { currentStorage } from "~/modules/registrations/storage.server";
import * as invite from "~/routes/c.$org.people.invite";
import { addMember, call, createUser, linkToken, makeRequest, orgWithChair, post, query, rowCounts, uniqueEmail, type Outcome, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { PDF, memberRecord } from "../helpers/registrations";
import { FORM_BODY_LIMIT, MULTIPART_BODY_LIMIT } from "~/lib/body-limits";
import { declaredAccess, isAccess, routeManifest, routeSource, type ManifestRoute } from "../helpers/routes";

/**
 * How to get the id of a real row of a cooperative, per URL parameter or form
 * field name. A route with a parameter or an id field not listed here fails
 * with a message saying to add it: create the row through a helper (memoize on
 * the cooperative) and return its id. `org` is the cooperative's slug.
 */
const ID_SOURCES: Record<string, (coop: Coop) => Promise<string>> = {
  org: async (coop) => coop.org.slug,
  membershipId: async (coop) => coop.targetMembershipId,
  invitationId: async (coop) => coop.invitationId,
  importId: (coop) => memo(coop, "importId", () => sampleImport(coop.org.id)),
  memberId: (coop) => memo(coop, "memberId", () => insertId(members, { organizationId: coop.org.id, name: `Matrixlid ${coop.org.slug}`, status: "member" })),
  practiceId: (coop) => memo(coop, "practiceId", () => insertId(practices, { organizationId: coop.org.id, name: `Matrixpraktijk ${coop.org.slug}` })),
  problemAreaId: (coop) => memo(coop, "problemAreaId", () => insertId(problemAreas, { organizationId: coop.org.id, name: `Matrixprobleem ${coop.org.slug}` })),
  typeId: (coop) => memo(coop, "typeId", () => insertId(registrationTypes, { organizationId: coop.org.id, name: `Matrixregistratie ${coop.org.slug}` })),
  agbId: (coop) =>
    memo(coop, "agbId", async () => {
      const memberId = await ID_SOURCES.memberId(coop);
      return insertId(agbCodes, { organizationId: coop.org.id, kind: "personal", memberId, code: String(90_000_000 + Math.floor(Math.random() * 999_999)) });
    }),
  // Owned by the least role that may keep registrations, with a stored evidence file,
  // so routes that serve a member's own rows can let that role through.
  registrationId: (coop) =>
    memo(coop, "registrationId", async () => {
      const owner = coop.users[lowestWith("profile:self")!];
      const { id: memberId } = await memberRecord(coop.org.id, owner);
      const typeId = await ID_SOURCES.typeId(coop);
      const storage = currentStorage();
      const storageKey = `${coop.org.id}/${randomUUID()}`;
      await storage.put(storageKey, PDF, "application/pdf");
      const fileId = await insertId(files, { organizationId: coop.org.id, storage: storage.name, storageKey, filename: "vog.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength, sha256: "matrix" });
      return insertId(registrations, { organizationId: coop.org.id, memberId, typeId, evidenceFileId: fileId });
    }),
  supersedesId: (coop) => ID_SOURCES.registrationId(coop),
  // Issue 5: a Haarlem-pilot contract per cooperative, and the rows hanging from it.
  contractId: (coop) => memo(coop, "contract", async () => (await contractOf(coop)).contractId),
  productId: (coop) => memo(coop, "productId", async () => Object.values((await contractOf(coop)).productIds)[0]),
  tariffId: (coop) => memo(coop, "tariffId", async () => firstId(productTariffs, productTariffs.productId, await ID_SOURCES.productId(coop))),
  ruleId: (coop) => memo(coop, "ruleId", async () => firstId(productRules, productRules.productId, await ID_SOURCES.productId(coop))),
  requirementId: (coop) => memo(coop, "requirementId", async () => firstId(contractRequirements, contractRequirements.contractId, await ID_SOURCES.contractId(coop))),
  ceilingId: (coop) => memo(coop, "ceilingId", async () => firstId(budgetCeilings, budgetCeilings.contractId, await ID_SOURCES.contractId(coop))),
  amendmentId: (coop) =>
    memo(coop, "amendmentId", async () => insertId(contractAmendments, { organizationId: coop.org.id, contractId: await ID_SOURCES.contractId(coop), title: "Matrixaddendum", effectiveOn: "2026-07-01" })),
  contactId: (coop) => memo(coop, "contactId", async () => insertId(contractContacts, { organizationId: coop.org.id, contractId: await ID_SOURCES.contractId(coop), name: "Matrixcontact" })),
  fileId: (coop) =>
    memo(coop, "fileId", async () => {
      const storage = currentStorage();
      const storageKey = `${coop.org.id}/${randomUUID()}`;
      await storage.put(storageKey, PDF, "application/pdf");
      return insertId(files, { organizationId: coop.org.id, storage: storage.name, storageKey, filename: "stuk.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength, sha256: "matrix" });
    }),
  documentId: (coop) =>
    memo(coop, "documentId", async () =>
      insertId(contractDocuments, { organizationId: coop.org.id, contractId: await ID_SOURCES.contractId(coop), title: "Matrixdocument", fileId: await ID_SOURCES.fileId(coop) }),
    ),
  allocationId: (coop) =>
    memo(coop, "allocationId", async () =>
      insertId(memberAllocations, { organizationId: coop.org.id, contractId: await ID_SOURCES.contractId(coop), memberId: await ID_SOURCES.memberId(coop), year: 2026, amountCents: 100_000 }),
    ),
  municipalityId: (coop) => memo(coop, "municipalityId", () => insertId(municipalities, { organizationId: coop.org.id, name: `Matrixgemeente ${coop.org.slug}` })),
  regionId: (coop) => memo(coop, "regionId", () => insertId(regions, { organizationId: coop.org.id, name: `Matrixregio ${coop.org.slug}` })),
  // Coordinated by the least role that logs time, so routes serving one's own
  // trajectories let that role through.
  trajectoryId: (coop) =>
    memo(coop, "trajectoryId", async () => {
      const owner = coop.users[lowestWith("time:log")!];
      const { id: coordinatorId } = await memberRecord(coop.org.id, owner);
      return insertId(trajectories, {
        organizationId: coop.org.id,
        contractId: await ID_SOURCES.contractId(coop),
        productId: await ID_SOURCES.productId(coop),
        clientCode: `M-${coop.org.slug}`,
        birthYear: 2015,
        coordinatorId,
        referrerType: "gp",
        startsOn: "2026-09-01",
        endsOn: "2027-03-01",
        allocatedVolume: 1200,
      });
    }),
  extensionId: (coop) =>
    memo(coop, "extensionId", async () =>
      insertId(trajectoryExtensions, { organizationId: coop.org.id, trajectoryId: await ID_SOURCES.trajectoryId(coop), number: 1, grantedOn: "2026-11-01", grantedByReferrer: false, previousEndsOn: "2027-03-01", newEndsOn: "2027-06-01" }),
    ),
  entryId: (coop) =>
    memo(coop, "entryId", async () => {
      const trajectoryId = await ID_SOURCES.trajectoryId(coop);
      const [t] = await withSystem((tx) => tx.select().from(trajectories).where(eq(trajectories.id, trajectoryId)));
      return insertId(timeEntries, { organizationId: coop.org.id, trajectoryId, memberId: t.coordinatorId, workedOn: "2026-11-02", directMinutes: 60, submissionKey: randomUUID() });
    }),
  timeImportId: (coop) =>
    memo(coop, "timeImportId", () =>
      insertId(timeEntryImports, { organizationId: coop.org.id, filename: "uren.csv", sha256: `matrix-${coop.org.id}`, headers: ["Datum"], rows: [["02-11-2026"]], totalRows: 1 }),
    ),
  dutyId: (coop) =>
    memo(coop, "dutyId", async () =>
      insertId(reportingDuties, { organizationId: coop.org.id, contractId: await ID_SOURCES.contractId(coop), title: "Matrixrapportage", recurrence: "yearly", firstDueOn: "2027-03-01" }),
    ),
};

const contractFixtures = new WeakMap<Coop, ReturnType<typeof createContract>>();
function contractOf(coop: Coop) {
  if (!contractFixtures.has(coop)) contractFixtures.set(coop, createContract(coop.org.id));
  return contractFixtures.get(coop)!;
}

async function firstId(table: AnyTable, column: Column, value: string): Promise<string> {
  const rows = (await withSystem((tx) => tx.select().from(table as never).where(eq(column, value)).limit(1))) as { id: string }[];
  return rows[0].id;
}

/** A digest of every tenant table's rows of one cooperative. */
async function tenantDigest(organizationId: string): Promise<Record<string, string>> {
  const tables = await query(sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organization_id' order by 1`);
  const digest: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await query(
      sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d from ${sql.identifier(String(table_name))} t where t.organization_id = ${organizationId}`,
    );
    digest[String(table_name)] = String(row.d);
  }
  return digest;
}

/** Insert one row as the owner role and return its id (the rows a route's ids point at). */
type AnyTable = PgTable & { id: Column };
async function insertId<T extends AnyTable>(table: T, values: T["$inferInsert"]): Promise<string> {
  const rows = (await withSystem((tx) => tx.insert(table).values(values as never).returning())) as { id: string }[];
  return rows[0].id;
}

const memos = new WeakMap<Coop, Map<string, Promise<string>>>();
/** One row per cooperative and kind, created the first time a route asks for it. */
function memo(coop: Coop, key: string, create: () => Promise<string>): Promise<string> {
  const byKey = memos.get(coop) ?? new Map<string, Promise<string>>();
  memos.set(coop, byKey);
  if (!byKey.has(key)) byKey.set(key, create());
  return byKey.get(key)!;
}

async function sampleImport(organizationId: string): Promise<string> {
  const [row] = await withSystem((tx) =>
    tx
      .insert(memberImports)
      .values({ organizationId, filename: "leden.csv", sha256: `matrix-${organizationId}`, headers: ["Naam"], rows: [["Proef"]], totalRows: 1 })
      .returning({ id: memberImports.id }),
  );
  return row.id;
}

/** Form fields every action gets besides ids, so a form that would otherwise pass validation reaches the guard's decision. */
const PLAUSIBLE_FIELDS: Record<string, string> = { name: "Proef Persoon", email: "proef@example.test", role: "member", version: "1" };

const FUZZ_RUNS = 25;
const isIdField = (name: string) => name === "id" || /Id$/.test(name);

type Coop = {
  org: { id: string; slug: string; name: string };
  users: Record<Role, TestUser>;
  targetMembershipId: string;
  invitationId: string;
  invitationEmail: string;
};

// One person per role, an extra member to act on, and an open invitation.
async function cooperative(): Promise<Coop> {
  const { chair, org } = await orgWithChair();
  const users = { chair } as Record<Role, TestUser>;
  for (const role of ROLES.filter((r) => r !== "chair")) {
    users[role] = await createUser({ name: `${role} ${org.slug}` });
    await addMember(org.id, users[role].id, role);
  }
  const target = await createUser({ name: `Doelwit ${org.slug}` });
  const targetMembership = await addMember(org.id, target.id, "member");
  const invitationEmail = uniqueEmail("matrixinv");
  const res = await post(invite.action, `/c/${org.slug}/people/invite`, { email: invitationEmail, role: "member" }, { cookie: chair.cookie, params: { org: org.slug } });
  expect(res.status).toBe(302);
  await linkToken(invitationEmail, "/invitation");
  const [inv] = await withSystem((tx) => tx.select().from(invitations).where(and(eq(invitations.organizationId, org.id), eq(invitations.email, invitationEmail))));
  return { org, users, targetMembershipId: targetMembership.id, invitationId: inv.id, invitationEmail };
}

type Route = ManifestRoute & {
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
  access: { loader?: Access; action?: Access } | null;
  /** Form fields named like ids that the route's source mentions. */
  idFields: string[];
  /** Values of `intent` the route's forms submit (none: one form without intent). */
  intents: string[];
  /** Conform field names the route's source renders (`fields.x`): its text fields among them. */
  fieldNames: string[];
  /** Whether the action reads a multipart upload; whether it reads a body at all. */
  uploads: boolean;
  readsBody: boolean;
};

const manifest = routeManifest();
const routes: Route[] = [];
let A: Coop;
let B: Coop;
let outsider: TestUser; // a member of B only
let foreignText: string[]; // what of B must never show up in an answer to A
/** This file's rows: other files write to the same tables meanwhile (helpers/app.ts, RowScope). */
const ours = () => {
  const people = [...Object.values(A.users), ...Object.values(B.users), outsider];
  return {
    organizationIds: [A.org.id, B.org.id],
    userIds: people.map((u) => u.id),
    emails: [...people.map((u) => u.email), A.invitationEmail, B.invitationEmail, PLAUSIBLE_FIELDS.email],
  };
};

beforeAll(async () => {
  for (const r of manifest) {
    const mod = (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>;
    const source = await routeSource(r);
    const known = Object.keys(ID_SOURCES).filter((k) => k !== "org" && new RegExp(`\\b${k}\\b`).test(source));
    const named = [...source.matchAll(/\bname=\{?["'](\w+)["']/g)].map((m) => m[1]).filter(isIdField);
    const intents = [...new Set([...source.matchAll(/name="intent"[^>]*?value="([^"]+)"/g)].map((m) => m[1]))];
    routes.push({
      ...r,
      loader: typeof mod.loader === "function" ? (mod.loader as Route["loader"]) : undefined,
      action: typeof mod.action === "function" ? (mod.action as Route["action"]) : undefined,
      access: declaredAccess(mod),
      idFields: [...new Set([...known, ...named])],
      intents,
      fieldNames: [...new Set([...source.matchAll(/\bfields\.(\w+)/g)].map((m) => m[1]))].filter((f) => !isIdField(f)),
      uploads: source.includes("readUploadForm("),
      readsBody: source.includes("readUploadForm(") || source.includes(".formData()"),
    });
  }
  A = await cooperative();
  B = await cooperative();
  outsider = B.users.member;
  foreignText = [B.org.name, B.org.slug, B.invitationEmail, ...Object.values(B.users).flatMap((u) => [u.name, u.email])];
}, 120_000);

const guarded = (a: Access | undefined): a is Action => a !== undefined && a !== "public" && a !== "user";
const inCooperative = (r: Route) => r.pattern === "/c/:org" || r.pattern.startsWith("/c/:org/");

function missingSource(r: Route, name: string): never {
  throw new Error(
    `Route ${r.id} (${r.pattern}) takes "${name}", which tests/security/route-matrix.test.ts does not know. ` +
      `Add "${name}" to ID_SOURCES at the top of that file: a function returning the id of a real row of the given cooperative.`,
  );
}

async function idOf(r: Route, name: string, coop: Coop): Promise<string> {
  const source = ID_SOURCES[name] ?? missingSource(r, name);
  return source(coop);
}

async function paramsFor(r: Route, coop: Coop): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const name of r.params) params[name] = await idOf(r, name, coop);
  return params;
}

const urlOf = (r: Route, params: Record<string, string>) =>
  r.pattern.replace(/:(\w+)\??/g, (_, name: string) => encodeURIComponent(params[name] ?? "")).replace("*", encodeURIComponent(params["*"] ?? "")) || "/";

/** An empty form and one plausible form per intent, with real ids of `coop`. */
async function formsFor(r: Route, coop: Coop): Promise<Record<string, string>[]> {
  const ids: Record<string, string> = {};
  for (const f of r.idFields) ids[f] = await idOf(r, f, coop);
  const plausible = { ...PLAUSIBLE_FIELDS, ...ids };
  return [{}, ...(r.intents.length ? r.intents.map((intent) => ({ intent, ...plausible })) : [plausible])];
}

type Req = { method: "GET" | "POST"; form?: Record<string, string> };
async function requestsFor(r: Route, coop: Coop, which: "loader" | "action"): Promise<Req[]> {
  if (which === "loader") return [{ method: "GET" }];
  return (await formsFor(r, coop)).map((form) => ({ method: "POST", form }));
}

async function send(r: Route, which: "loader" | "action", req: Req, cookie: string | null, params: Record<string, string>): Promise<Outcome> {
  const fn = which === "loader" ? r.loader : r.action;
  const request = makeRequest(urlOf(r, params), { method: req.method, form: req.form, cookie });
  try {
    return await call(fn, request, params);
  } catch (error) {
    // Not an HTTP answer: Remix would answer 500.
    return { thrown: true, status: 500, location: null, headers: new Headers(), data: String(error) };
  }
}

const label = (r: Route, which: string, who: string, req: Req) => `${r.id} ${which} ${req.method} ${JSON.stringify(req.form ?? {})} as ${who}`;
const lowestWith = (action: Action): Role | undefined =>
  ROLES.filter((role) => can(role, action)).sort((x, y) => PERMISSIONS[x].length - PERMISSIONS[y].length || ROLES.indexOf(x) - ROLES.indexOf(y))[0];

/** A refused request: the expected answer, nothing written but its access.refused row (one, when someone was logged in). */
async function expectRefused(r: Route, which: "loader" | "action", who: string, cookie: string | null, expected: 302 | 403 | 404) {
  const params = await paramsFor(r, A);
  for (const req of await requestsFor(r, A, which)) {
    const before = await rowCounts({ refusals: true, scope: ours() });
    const res = await send(r, which, req, cookie, params);
    const what = label(r, which, who, req);
    expect(res.status, what).toBe(expected);
    if (expected === 302) expect(res.location, what).toMatch(/^\/login(\?|$)/);
    const after = await rowCounts({ refusals: true, scope: ours() });
    expect(after, `${what} wrote something`).toEqual({ ...before, audit_log: before.audit_log + (cookie ? 1 : 0) });
    const text = JSON.stringify(res.data ?? "");
    for (const s of foreignText) expect(text, what).not.toContain(s);
  }
}

describe("route matrix", () => {
  it("reads the routes from Remix's manifest", () => {
    const patterns = manifest.map((r) => r.pattern);
    // A sample that must always be there; the rest comes from the manifest itself.
    expect(patterns).toEqual(expect.arrayContaining(["/", "/login", "/c/:org", "/c/:org/people", "/c/:org/audit", "/c/:org/audit.csv"]));
    expect(manifest.length).toBeGreaterThanOrEqual(20);
    // Intents and id fields are read from each route's source; check that reading on a known route.
    const peopleRoute = routes.find((r) => r.id === "routes/c.$org.people._index");
    expect(peopleRoute?.intents).toEqual(["resend", "revoke"]);
    expect(peopleRoute?.idFields.sort()).toEqual(["invitationId", "membershipId"]);
    // A person's role and removal moved to their own page (decision 021).
    expect(routes.find((r) => r.id === "routes/c.$org.people.$membershipId")?.intents).toEqual(["changeRole", "remove"]);
  });

  it("every route with a loader or action declares its access, and only valid values", () => {
    const problems: string[] = [];
    for (const r of routes) {
      for (const which of ["loader", "action"] as const) {
        const has = Boolean(r[which]);
        const declared = r.access?.[which];
        if (has && declared === undefined) problems.push(`${r.id}: has a ${which} but no declaration; add export const handle = access({ ${which}: ... }) (app/lib/access.ts)`);
        if (!has && declared !== undefined) problems.push(`${r.id}: declares a ${which} it does not export`);
        if (declared !== undefined && !isAccess(declared)) problems.push(`${r.id}: ${which} declares unknown access "${String(declared)}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("inside /c/:org a route declares a permission, never public or user; outside it never a permission", () => {
    const problems: string[] = [];
    for (const r of routes) {
      for (const which of ["loader", "action"] as const) {
        const declared = r.access?.[which];
        if (declared === undefined) continue;
        if (inCooperative(r) && !guarded(declared)) problems.push(`${r.id}: ${which} is "${declared}" inside /c/:org`);
        if (!inCooperative(r) && guarded(declared)) problems.push(`${r.id}: ${which} needs "${declared}" but has no cooperative in its URL`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every URL parameter and id field has a source of real ids", async () => {
    for (const r of routes) {
      await paramsFor(r, A);
      if (r.action) await formsFor(r, A);
    }
  });

  // Each of these walks every route for several users (a few hundred requests and row
  // counts): on a loaded machine that outlasts the default 30 s, as the fuzz test does.
  it("anonymous: every non-public loader and action redirects to the login and writes nothing", async () => {
    let checked = 0;
    for (const r of routes) {
      for (const which of ["loader", "action"] as const) {
        const declared = r.access?.[which];
        if (!r[which] || declared === undefined || declared === "public") continue;
        await expectRefused(r, which, "anonymous", null, 302);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it("a member of another cooperative gets 404 from every cooperative route, and nothing is written", async () => {
    for (const r of routes) {
      for (const which of ["loader", "action"] as const) {
        if (r[which] && guarded(r.access?.[which])) await expectRefused(r, which, "member of another cooperative", outsider.cookie, 404);
      }
    }
  }, 120_000);

  it("every role lacking the declared permission gets 403, and nothing is written", async () => {
    let checked = 0;
    for (const r of routes) {
      for (const which of ["loader", "action"] as const) {
        const declared = r.access?.[which];
        if (!r[which] || !guarded(declared)) continue;
        for (const role of ROLES.filter((x) => !can(x, declared))) {
          await expectRefused(r, which, role, A.users[role].cookie, 403);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);

  it("ids fuzzed in URLs and forms (random, malformed, long, SQL-ish, another cooperative's) never cause a 5xx, leak or write", async () => {
    const foreignIds: Record<string, string[]> = {};
    for (const name of Object.keys(ID_SOURCES)) foreignIds[name] = [await ID_SOURCES[name](B)];
    const nasty = fc.constantFrom("' OR '1'='1", "1; DROP TABLE memberships; --", "\" OR \"\"=\"", "%00", "\u0000", "a\u0000b", "\u0001\u001f", "../../etc/passwd", "-1", "0", "NaN", "1e309", "null", "undefined", "[]", "{}", "00000000-0000-0000-0000-000000000000");
    const idArb = (name: string) =>
      fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", minLength: 300, maxLength: 3000 }), nasty, fc.constantFrom(...(foreignIds[name] ?? ["x"])));
    let fuzzed = 0;
    for (const r of routes) {
      const urlIds = r.params.filter((p) => p !== "org");
      const chair = A.users.chair.cookie;
      const base = await paramsFor(r, A);
      const before = await rowCounts({ scope: ours() });
      const foreignBefore = await tenantDigest(B.org.id);
      if (r.loader && urlIds.length && guarded(r.access?.loader)) {
        fuzzed++;
        await fc.assert(
          fc.asyncProperty(fc.record(Object.fromEntries(urlIds.map((p) => [p, idArb(p).filter((v) => v.length > 0)]))), async (ids) => {
            const res = await send(r, "loader", { method: "GET" }, chair, { ...base, ...ids });
            expect(res.status, `${r.id} loader ${JSON.stringify(ids)}`).toBeLessThan(500);
            const text = JSON.stringify(res.data ?? "");
            for (const s of foreignText) expect(text).not.toContain(s);
          }),
          { numRuns: FUZZ_RUNS },
        );
      }
      if (r.action && (urlIds.length || r.idFields.length) && guarded(r.access?.action)) {
        fuzzed++;
        const names = [...urlIds, ...r.idFields];
        const intents = r.intents.length ? r.intents : [undefined];
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...intents), fc.record(Object.fromEntries(names.map((p) => [p, idArb(p).filter((v) => v.length > 0)]))), async (intent, ids) => {
            const params = { ...base, ...Object.fromEntries(urlIds.map((p) => [p, ids[p]])) };
            const form = { ...PLAUSIBLE_FIELDS, ...(intent ? { intent } : {}), ...Object.fromEntries(r.idFields.map((f) => [f, ids[f]])) };
            const counts = await rowCounts({ scope: ours() });
            const res = await send(r, "action", { method: "POST", form }, chair, params);
            expect(res.status, `${r.id} action ${JSON.stringify(form)}`).toBeLessThan(500);
            // A refused id writes nothing; an intent that ignores ids (say, adding a
            // problem area) may write to A, never to B (checked after the route).
            if (res.status >= 400) expect(await rowCounts({ scope: ours() }), `${r.id} action ${JSON.stringify(form)} refused but wrote`).toEqual(counts);
            const text = JSON.stringify(res.data ?? "");
            for (const s of foreignText) expect(text).not.toContain(s);
          }),
          { numRuns: FUZZ_RUNS },
        );
      }
      if (!r.action) expect(await rowCounts({ scope: ours() }), `${r.id}: a fuzzed id in a GET wrote something`).toEqual(before);
      expect(await tenantDigest(B.org.id), `${r.id}: a fuzzed id changed the other cooperative's rows`).toEqual(foreignBefore);
    }
    expect(fuzzed).toBeGreaterThan(0);
  }, 120_000);

  // Issue 10: NUL in a text field or a query string was a 500 from PostgreSQL.
  it("NUL and other control characters in any form field or query parameter: 400, never a 5xx, nothing written", async () => {
    const problems: string[] = [];
    let besideField = 0;
    let queried = 0;
    for (const r of routes) {
      const who = (declared: Access | undefined) => (guarded(declared) ? A.users.chair.cookie : declared === "user" ? A.users.member.cookie : null);
      const params = await paramsFor(r, A);
      if (r.loader && r.access?.loader !== undefined) {
        const url = `${urlOf(r, params)}?q=a%00b&status=%01`;
        const res = await call(r.loader, makeRequest(url, { cookie: who(r.access.loader) }), params).catch((e) => ({ status: 500, data: String(e) }) as Outcome);
        if (res.status >= 500 || (guarded(r.access.loader) && res.status !== 400)) problems.push(`${r.id} loader ${url}: ${res.status}`);
        queried++;
      }
      if (!r.action || r.access?.action === undefined) continue;
      for (const form of (await formsFor(r, A)).filter((f) => Object.keys(f).length > 0)) {
        // Every field that is not an id or the intent carries a NUL (or another C0 control).
        const text = [...new Set([...Object.keys(form), ...r.fieldNames])].filter((f) => f !== "intent" && !isIdField(f));
        const bad = { ...form, ...Object.fromEntries(text.map((f, i) => [f, i % 2 ? "Proef\u0001" : `${form[f] ?? "Proef"}\u0000x`])) };
        const before = await rowCounts();
        const res = await send(r, "action", { method: "POST", form: bad }, who(r.access.action), params);
        const what = `${r.id} action ${JSON.stringify(bad)}`;
        if (res.status >= 500) problems.push(`${what}: ${res.status} ${String(res.data).slice(0, 200)}`);
        // An intent without text fields (ending other sessions) may succeed: the junk never reaches a query.
        if (res.status >= 400 && JSON.stringify(await rowCounts()) !== JSON.stringify(before)) problems.push(`${what}: refused but wrote`);
        if (JSON.stringify(res.data ?? "").includes("errors.controlCharacters")) besideField++;
      }
    }
    expect(problems).toEqual([]);
    expect(queried).toBeGreaterThan(20);
    // Actions that read their form refuse it beside the field; the rest refused earlier (guard, unknown intent).
    expect(besideField).toBeGreaterThan(30);
  }, 120_000);

  it("oversized bodies: every action that reads its body answers 413 and writes nothing", async () => {
    const problems: string[] = [];
    let refused = 0;
    for (const r of routes) {
      if (!r.action || r.access?.action === undefined || !r.readsBody) continue;
      const cookie = guarded(r.access.action) ? A.users.chair.cookie : r.access.action === "user" ? A.users.member.cookie : null;
      const params = await paramsFor(r, A);
      const [, plausible] = await formsFor(r, A);
      const big = new URLSearchParams({ ...plausible, padding: "a".repeat(FORM_BODY_LIMIT) });
      const forms: (URLSearchParams | FormData)[] = [big];
      if (r.uploads) {
        const multipart = new FormData();
        for (const [k, v] of Object.entries(plausible)) multipart.append(k, v);
        multipart.append("file", new File([new Uint8Array(MULTIPART_BODY_LIMIT)], "groot.pdf", { type: "application/pdf" }));
        forms.push(multipart);
      }
      for (const form of forms) {
        const before = await rowCounts();
        const res = await call(r.action, makeRequest(urlOf(r, params), { method: "POST", form, cookie }), params).catch((e) => ({ status: 500, data: String(e) }) as Outcome);
        const what = `${r.id} action, ${form instanceof FormData ? "multipart" : "url-encoded"} over the limit`;
        // Refused before the body is read (a pending two-factor step without a session) is fine too.
        if (res.status === 413) refused++;
        else if (!(res.status === 302 && /^\/login/.test(res.location ?? ""))) problems.push(`${what}: ${res.status}`);
        if (JSON.stringify(await rowCounts()) !== JSON.stringify(before)) problems.push(`${what}: wrote something`);
      }
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(20);
  }, 120_000);

  // Last, because these requests are allowed and may change the fixture.
  it("the least role with the declared permission is let through (a declaration stricter than the guard fails)", async () => {
    const problems: string[] = [];
    for (const r of routes) {
      for (const which of ["loader", "action"] as const) {
        const declared = r.access?.[which];
        if (!r[which] || declared === undefined || declared === "public") continue;
        const role = declared === "user" ? "member" : lowestWith(declared);
        if (!role) continue;
        const params = await paramsFor(r, A);
        const answers: string[] = [];
        let through = false;
        for (const req of await requestsFor(r, A, which)) {
          const res = await send(r, which, req, A.users[role].cookie, params);
          answers.push(`${JSON.stringify(req.form ?? {})}: ${res.status}`);
          const refused = res.status === 403 || res.status === 404 || res.status >= 500 || (res.status === 302 && /^\/login/.test(res.location ?? ""));
          if (!refused) {
            through = true;
            break;
          }
        }
        if (!through) problems.push(`${r.id} ${which} (${declared}) refuses ${role}: ${answers.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
