// Field visibility (decision 017): within a cooperative, who sees which field of a
// person's record. Every loader in Remix's route manifest that a role can reach is
// requested as that role looking at someone else (a seeded target person with
// distinctive values in every field group), and the answer (the loader's data, which
// is what a page and its `.data` carry, or the CSV/PDF text) must contain no value
// of a group the rule hides from that role. A new route that shows person data is
// covered the day it is added: it is in the manifest, and a parameter this file
// cannot fill makes it fail with a message. The board's answers must show every
// seeded value somewhere, so an absence means something.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { FIELD_GROUPS, ROLES, can, seesWholeRecords, visibleGroups, type Action, type FieldGroup, type Role } from "@koepel/rules";
import { beforeAll, describe, expect, it } from "vitest";
import { agbCodes, contractDocuments, files, memberPractices, memberStatusHistory, memberships, practices, registrations, trajectories } from "~db/schema";
import { withSystem } from "~db/tenant";
import type { Access } from "~/lib/access";
import { currentStorage } from "~/modules/registrations/storage.server";
import { addMember, call, createUser, makeRequest, orgWithChair, rowCounts, unique, type Outcome, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { PDF, memberRecord, typeByCode } from "../helpers/registrations";
import { declaredAccess, routeManifest, type ManifestRoute } from "../helpers/routes";

type Fixture = {
  org: { id: string; slug: string };
  users: Record<Role, TestUser>;
  target: { user: TestUser; memberId: string; practiceId: string; registrationId: string; name: string };
  /** Per field group, values of the target's record that only those who see the group may get. */
  secrets: Record<Exclude<FieldGroup, "profile">, string[]>;
  ids: Record<string, string>;
};

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");

async function fixture(): Promise<Fixture> {
  const { chair, org } = await orgWithChair();
  const users = { chair } as Record<Role, TestUser>;
  for (const role of ROLES.filter((r) => r !== "chair")) {
    users[role] = await createUser({ name: `${role} ${org.slug}` });
    await addMember(org.id, users[role].id, role);
    await memberRecord(org.id, users[role], { type: role === "subcontractor" || role === "hired_therapist" || role === "office_staff" ? role : "member" });
  }
  const u = unique("zicht");
  const name = `Doelwit Zichtbaar ${u}`;
  const email = `doelwit.${u}@example.test`.toLowerCase();
  const target = await createUser({ name, email });
  const membership = await addMember(org.id, target.id, "member");
  const phone = `06-${digits(8)}`;
  const leaveReason = `Verhuist naar Zeeland ${u}`;
  const historyReason = `Besluit bestuur ${u}`;
  const record = await memberRecord(org.id, target, {
    phone,
    joinedOn: "2013-02-11",
    resignationRequestedOn: "2029-10-01",
    leavesOn: "2029-12-31",
    leaveReason,
    disciplines: ["music"],
    municipalities: ["Tilburg"],
  });
  const agb = `9025${digits(4)}`;
  const businessAgb = `9026${digits(4)}`;
  const kvk = digits(8);
  const iban = "NL91ABNA0417164300";
  const street = `Geheimstraat ${u}`;
  const number = `RV${digits(9)}`;
  const practiceId = await withSystem(async (tx) => {
    await tx.update(memberships).set({ createdAt: new Date("2012-05-06T10:00:00Z") }).where(eq(memberships.id, membership.id));
    await tx.insert(memberStatusHistory).values({ organizationId: org.id, memberId: record.id, status: "member", effectiveOn: "2013-02-11", reason: historyReason });
    await tx.insert(agbCodes).values({ organizationId: org.id, code: agb, kind: "personal", memberId: record.id });
    const [practice] = await tx.insert(practices).values({ organizationId: org.id, name: `Praktijk ${u}`, street, houseNumber: "7", postcode: "9999 ZZ", city: "Tilburg", kvkNumber: kvk, iban }).returning();
    await tx.insert(agbCodes).values({ organizationId: org.id, code: businessAgb, kind: "business", practiceId: practice.id });
    await tx.insert(memberPractices).values({ organizationId: org.id, memberId: record.id, practiceId: practice.id });
    return practice.id;
  });
  const type = await typeByCode(org.id, "register_vaktherapie");
  const storage = currentStorage();
  const storageKey = `${org.id}/${randomUUID()}`;
  await storage.put(storageKey, PDF, "application/pdf");
  const reg = await withSystem(async (tx) => {
    const [file] = await tx.insert(files).values({ organizationId: org.id, storage: storage.name, storageKey, filename: `bewijs-${u}.pdf`, contentType: "application/pdf", sizeBytes: PDF.byteLength, sha256: "zicht" }).returning();
    const [row] = await tx
      .insert(registrations)
      .values({ organizationId: org.id, memberId: record.id, typeId: type.id, number, issuedOn: "2021-04-13", validUntil: "2031-07-29", points: 173, evidenceFileId: file.id, verification: "verified", verifiedAt: new Date() })
      .returning();
    return row;
  });
  // Rows for the other routes a peer can reach, so their loaders run rather than 404.
  const contract = await createContract(org.id);
  const productId = Object.values(contract.productIds)[0];
  const ids = await withSystem(async (tx) => {
    const [file] = await tx.insert(files).values({ organizationId: org.id, storage: storage.name, storageKey, filename: "stuk.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength, sha256: "zicht" }).returning();
    const [doc] = await tx.insert(contractDocuments).values({ organizationId: org.id, contractId: contract.contractId, title: "Zichtdocument", fileId: file.id }).returning();
    // Coordinated by the target, with a peer who works on the cooperative's contracts looking on.
    const [traj] = await tx
      .insert(trajectories)
      .values({ organizationId: org.id, contractId: contract.contractId, productId, clientCode: `Z-${u}`.slice(0, 20), birthYear: 2015, coordinatorId: record.id, referrerType: "gp", startsOn: "2026-09-01", endsOn: "2027-03-01", allocatedVolume: 1200 })
      .returning();
    return { contractId: contract.contractId, productId, documentId: doc.id, trajectoryId: traj.id };
  });
  return {
    org,
    users,
    target: { user: target, memberId: record.id, practiceId, registrationId: reg.id, name },
    secrets: {
      contact: [email, phone, street],
      identifiers: [agb, businessAgb, kvk, iban],
      registrations: [number, reg.id, "2031-07-29", "29-07-2031"],
      membership: ["2013-02-11", "11-02-2013", "2029-12-31", "31-12-2029", "2029-10-01", leaveReason, historyReason, "2012-05-06", "06-05-2012"],
    },
    ids: { org: org.slug, memberId: record.id, practiceId, registrationId: reg.id, ...ids },
  };
}

type Route = ManifestRoute & { loader: (args: unknown) => unknown; access: Action };
const guarded = (a: Access | undefined): a is Action => a !== undefined && a !== "public" && a !== "user";

let F: Fixture;
const routes: Route[] = [];

beforeAll(async () => {
  for (const r of routeManifest()) {
    if (!(r.pattern === "/c/:org" || r.pattern.startsWith("/c/:org/"))) continue;
    const mod = (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>;
    const declared = declaredAccess(mod)?.loader;
    if (typeof mod.loader === "function" && guarded(declared)) routes.push({ ...r, loader: mod.loader as Route["loader"], access: declared });
  }
  F = await fixture();
}, 120_000);

function paramsFor(r: Route): Record<string, string> {
  const params: Record<string, string> = {};
  for (const p of r.params) {
    const id = F.ids[p];
    if (!id)
      throw new Error(
        `Route ${r.id} (${r.pattern}) takes "${p}", which tests/security/field-visibility.test.ts cannot fill. Add a row for it in fixture() (ids), ` +
          `pointing at the target person where the route shows a person, so its answer is checked for hidden fields.`,
      );
    params[p] = id;
  }
  return params;
}

const urlOf = (r: Route, params: Record<string, string>, search = "") => r.pattern.replace(/:(\w+)\??/g, (_, n: string) => encodeURIComponent(params[n] ?? "")) + search;

async function ask(r: Route, user: TestUser, search = ""): Promise<Outcome> {
  const params = paramsFor(r);
  try {
    return await call(r.loader, makeRequest(urlOf(r, params, search), { cookie: user.cookie }), params);
  } catch (error) {
    return { thrown: true, status: 500, location: null, headers: new Headers(), data: String(error) };
  }
}

/** The answer as text: JSON of the loader's data (what the page and `.data` carry), or the CSV/PDF body. */
const textOf = (res: Outcome) => (typeof res.data === "string" ? res.data : JSON.stringify(res.data ?? ""));

/** The roles that see less than all of another person's record, by the rule itself. */
const restricted = ROLES.filter((role) => !seesWholeRecords(role));
const hiddenFrom = (role: Role) => FIELD_GROUPS.filter((g): g is Exclude<FieldGroup, "profile"> => g !== "profile" && !visibleGroups(role).has(g));

describe("field visibility on every route", () => {
  it("finds the person routes in the manifest", () => {
    const patterns = routes.map((r) => r.pattern);
    expect(patterns).toEqual(
      expect.arrayContaining(["/c/:org/members", "/c/:org/members.csv", "/c/:org/members/:memberId", "/c/:org/members/:memberId/registrations", "/c/:org/people", "/c/:org/people.csv", "/c/:org/practices/:practiceId"]),
    );
    expect(restricted).toEqual(expect.arrayContaining(["member", "subcontractor", "hired_therapist"]));
  });

  it("the board sees every seeded value somewhere, so the checks below are not vacuous", async () => {
    const seen = new Set<string>();
    // Routes only the board and office staff reach need not be fillable here: they see everything anyway.
    for (const r of routes.filter((r) => r.params.every((p) => p in F.ids))) {
      const res = await ask(r, F.users.chair);
      expect(res.status, `${r.id} as chair`).toBeLessThan(500);
      const text = textOf(res);
      for (const values of Object.values(F.secrets)) for (const v of values) if (text.includes(v)) seen.add(v);
    }
    const missing = Object.values(F.secrets)
      .flat()
      // Dates appear in one format or the other, depending on page or CSV.
      .filter((v) => !seen.has(v) && !/^\d{2}-\d{2}-\d{4}$/.test(v));
    expect(missing).toEqual([]);
  }, 120_000);

  // Every role, as a viewer of someone else: what the rule hides from it must be absent. For the
  // board and office staff nothing is hidden, and their answers must still be sound (no 5xx, no write).
  for (const role of ROLES) {
    it(`a ${role} looking at someone else gets no field the rule hides from them, on any page, .data, CSV or PDF; nothing written`, async () => {
      const hidden = hiddenFrom(role);
      if (restricted.includes(role)) expect(hidden.length).toBeGreaterThan(0);
      const forbidden = hidden.flatMap((g) => F.secrets[g].map((v) => [g, v] as const));
      let reached = 0;
      const leaks: string[] = [];
      for (const r of routes) {
        if (!can(role, r.access)) continue; // the route matrix proves the 403
        // A route with a parameter this file cannot fill must be filled only if a role that sees less reaches it.
        if (!restricted.includes(role) && !r.params.every((p) => p in F.ids)) continue;
        const before = await rowCounts();
        for (const search of ["", `?q=${encodeURIComponent(F.secrets.contact[0])}`]) {
          const res = await ask(r, F.users[role], search);
          expect(res.status, `${r.id} as ${role}`).toBeLessThan(500);
          if (res.status === 200) reached++;
          const text = textOf(res);
          for (const [group, value] of forbidden) if (text.includes(value)) leaks.push(`${r.pattern}${search} as ${role}: ${group} value "${value}"`);
        }
        // Reading is logged for some records (*.read), but nothing else is written.
        const after = await rowCounts();
        expect({ ...after, audit_log: 0 }, `${r.id} as ${role} wrote something`).toEqual({ ...before, audit_log: 0 });
      }
      expect(leaks).toEqual([]);
      expect(reached).toBeGreaterThan(0);
    }, 120_000);
  }

  it("a peer reaches the target's profile (name, disciplines) but not the registrations tab", async () => {
    const byPattern = (p: string) => routes.find((r) => r.pattern === p)!;
    const page = await ask(byPattern("/c/:org/members/:memberId"), F.users.member);
    expect(page.status).toBe(200);
    expect(page.data.member.profile).toMatchObject({ name: F.target.name, disciplines: ["music"] });
    expect(page.data.member.admin).toBeNull();
    const tab = await ask(byPattern("/c/:org/members/:memberId/registrations"), F.users.member);
    expect([403, 404]).toContain(tab.status);
    // Office staff keep the administration and see the tab.
    const staff = await ask(byPattern("/c/:org/members/:memberId/registrations"), F.users.office_staff);
    expect(staff.status).toBe(200);
    expect(textOf(staff)).toContain(F.secrets.registrations[0]);
  });

  it("a peer cannot find someone by a field they may not see (no search oracle)", async () => {
    const directory = routes.find((r) => r.pattern === "/c/:org/members")!;
    for (const value of [F.secrets.contact[0], F.secrets.identifiers[0]]) {
      const search = `?q=${encodeURIComponent(value)}`;
      const asChair = await ask(directory, F.users.chair, search);
      expect(textOf(asChair), `chair finds by ${value}`).toContain(F.target.name);
      const asPeer = await ask(directory, F.users.member, search);
      expect(asPeer.status).toBe(200);
      expect(textOf(asPeer), `peer finds by ${value}`).not.toContain(F.target.name);
    }
  });

  it("/people: a member gets names and roles, the board and office staff also email and since", async () => {
    const people = routes.find((r) => r.pattern === "/c/:org/people")!;
    const asPeer = await ask(people, F.users.member);
    const row = (res: Outcome) => (res.data.people as { name: string }[]).find((p) => p.name === F.target.name) as Record<string, unknown>;
    expect(Object.keys(row(asPeer)).sort()).toEqual(["id", "name", "role", "userId", "version"]);
    for (const role of ["chair", "office_staff"] as const) {
      const res = await ask(people, F.users[role]);
      expect(row(res)).toMatchObject({ email: F.target.user.email, role: "member" });
    }
    const csv = routes.find((r) => r.pattern === "/c/:org/people.csv")!;
    const lines = textOf(await ask(csv, F.users.member)).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0].split(";")).toHaveLength(2);
    expect(lines.find((l) => l.startsWith(F.target.name))).toBe(`${F.target.name};Lid`);
  });

  it("the target person sees all of their own record on their own page", async () => {
    const page = await ask(routes.find((r) => r.pattern === "/c/:org/members/:memberId")!, F.target.user);
    expect(page.status).toBe(200);
    expect(page.data.member.admin).toMatchObject({ email: F.target.user.email });
    expect(page.data.member.profile.leavesOn).toBe("2029-12-31");
    // Their registrations are at /me/registrations; the tab on the member page links there.
    expect(page.data.registrationsTab).toBe("own");
  });
});
