// The audit log a board can read (issue 12): reads kept but apart from the changes,
// one read row per list view, names and client codes instead of UUIDs, and every
// change with its before or after. Driven through the real routes.
import { and, eq } from "drizzle-orm";
import { addDays, todayInAmsterdam } from "@koepel/rules";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, municipalities } from "~db/schema";
import { withSystem } from "~db/tenant";
import { createRequestContext } from "~/lib/request-context.server";
import { auditKind } from "~/modules/audit/actions";
import * as auditCsv from "~/routes/c.$org.audit[.csv]";
import * as auditPage from "~/routes/c.$org.audit";
import * as list from "~/routes/c.$org.trajectories._index";
import * as detail from "~/routes/c.$org.trajectories.$trajectoryId";
import * as create from "~/routes/c.$org.trajectories.new";
import { get, makeRequest, orgWithChair, post, unique, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { addPerson } from "../helpers/members";
import { insertRegistration, typeByCode } from "../helpers/registrations";

type Row = { action: string; entityType: string; entityId: string | null; entityName: string | null; changes: { field: string; before: string | null; after: string | null }[] };

describe("a readable audit log", () => {
  let org: { id: string; slug: string; name: string };
  let chair: TestUser;
  let therapist: Awaited<ReturnType<typeof addPerson>>;
  const codes = [unique("HLM"), unique("HLM")];
  const ids: string[] = [];
  const page = async (query = "") => (await get(auditPage.loader, `/c/${org.slug}/audit${query}`, { cookie: chair.cookie, params: { org: org.slug } })).data as { rows: Row[]; total: number; values: Record<string, string> };

  beforeAll(async () => {
    ({ org, chair } = await orgWithChair());
    therapist = await addPerson(org.id, "member", { name: "Anna Eligible" });
    const rv = await typeByCode(org.id, "register_vaktherapie");
    const vog = await typeByCode(org.id, "vog");
    await insertRegistration({ organizationId: org.id, memberId: therapist.member.id, typeId: rv.id, number: unique("RV"), issuedOn: "2024-01-01", validUntil: "2028-12-31", verification: "verified" });
    await insertRegistration({ organizationId: org.id, memberId: therapist.member.id, typeId: vog.id, issuedOn: "2025-06-01", verification: "verified" });
    const contract = await createContract(org.id);
    const [muni] = await withSystem((tx) => tx.select().from(municipalities).where(eq(municipalities.name, "Haarlem")));
    const today = todayInAmsterdam();
    for (const clientCode of codes) {
      const res = await post(
        create.action,
        `/c/${org.slug}/trajectories/new`,
        { contractId: contract.contractId, productId: contract.productIds["45VT1"], clientCode, birthYear: "2014", municipalityId: muni.id, allocationNumber: "T-001", coordinatorId: therapist.member.id, referrerType: "gp", startsOn: addDays(today, -60), endsOn: addDays(today, 120), allocatedHours: "20" },
        { cookie: chair.cookie, params: { org: org.slug } },
      );
      expect(res.status).toBe(302);
      ids.push(res.location!.split("/").pop()!);
    }
    // One look at the list, one trajectory opened.
    expect((await get(list.loader, `/c/${org.slug}/trajectories`, { cookie: chair.cookie, params: { org: org.slug } })).status).toBe(200);
    expect((await get(detail.loader, `/c/${org.slug}/trajectories/${ids[0]}`, { cookie: chair.cookie, params: { org: org.slug, trajectoryId: ids[0] } })).status).toBe(200);
  });

  it("the default view shows the changes and no reads; the reads are one filter away", async () => {
    const changes = await page();
    expect(changes.values.kind).toBe("");
    const actions = changes.rows.map((r) => r.action);
    expect(actions).toContain("trajectory.created");
    expect(actions.filter((a) => auditKind(a) === "read")).toEqual([]);
    const reads = await page("?kind=reads");
    expect(reads.rows.map((r) => r.action).sort()).toEqual(["trajectory.list_read", "trajectory.read"]);
    const all = await page("?kind=all");
    expect(all.total).toBe(changes.total + reads.total);
    // A named action is shown whatever the kind filter says.
    expect((await page("?action=trajectory.read")).rows).toHaveLength(1);
  });

  it("a list view writes one read row naming what it showed, by client code; opening a record writes its own", async () => {
    const stored = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "trajectory.list_read"))));
    expect(stored).toHaveLength(1);
    expect([...(stored[0].after as { ids: string[] }).ids].sort()).toEqual([...ids].sort());
    const { rows } = await page("?kind=reads");
    const listRead = rows.find((r) => r.action === "trajectory.list_read")!;
    const shown = listRead.changes.find((c) => c.field === "ids")!;
    expect(shown.after!.split(", ").sort()).toEqual([...codes].sort());
    const read = rows.find((r) => r.action === "trajectory.read")!;
    // NEN 7513: who (the row's actor), when, which record, which client.
    expect(read).toMatchObject({ entityType: "trajectory", entityId: ids[0], entityName: codes[0] });
    expect(read.changes).toEqual([{ field: "clientCode", before: null, after: codes[0] }]);
  });

  it("names records by their name or client code, never by UUID, in the page and the CSV", async () => {
    const { rows } = await page("?kind=all");
    const created = rows.filter((r) => r.action === "trajectory.created");
    expect(created.map((r) => r.entityName).sort()).toEqual([...codes].sort());
    // The coordinator and the contract in the creation's after are shown by name.
    const coordinator = created[0].changes.find((c) => c.field === "coordinatorId");
    expect(coordinator?.after).toBe("Anna Eligible");
    // Nothing readable carries a trajectory's or the therapist's key.
    const readable = JSON.stringify(rows.map((r) => ({ name: r.entityName, changes: r.changes })));
    for (const id of [...ids, therapist.member.id]) expect(readable).not.toContain(id);
    const csv = String((await get(auditCsv.loader, `/c/${org.slug}/audit.csv?kind=reads`, { cookie: chair.cookie, params: { org: org.slug } })).data);
    for (const code of codes) expect(csv).toContain(code);
    expect(csv).not.toContain("Traject aangemaakt"); // the CSV follows the same kind filter
    expect(csv).toContain("Lijst van trajecten ingezien");
  });

  it("labels cost one query per kind of record, whatever the number of rows", async () => {
    const statements = async () => {
      const context = createRequestContext({ trace: true });
      await auditPage.loader({ request: makeRequest(`/c/${org.slug}/audit?kind=all`, { cookie: chair.cookie }), params: { org: org.slug }, context: { requestContext: context } } as never);
      return context.queries;
    };
    await statements(); // the session's once-a-minute refresh, if due
    const before = await statements();
    expect(before).toBeGreaterThan(3);
    // More rows of the same kinds: two more list views, the other trajectory opened.
    for (let i = 0; i < 2; i++) await get(list.loader, `/c/${org.slug}/trajectories`, { cookie: chair.cookie, params: { org: org.slug } });
    await get(detail.loader, `/c/${org.slug}/trajectories/${ids[1]}`, { cookie: chair.cookie, params: { org: org.slug, trajectoryId: ids[1] } });
    expect((await page("?kind=reads")).rows).toHaveLength(5);
    expect(await statements()).toBe(before);
  });

  it("every change on the page shows what it was or what it became", async () => {
    const { rows } = await page("?kind=all");
    const bare = rows.filter((r) => auditKind(r.action) === "change" && r.changes.length === 0).map((r) => r.action);
    expect(bare).toEqual([]);
    expect(rows.length).toBeGreaterThan(5);
  });

  it("an unknown kind is refused beside its field, with no rows", async () => {
    const res = await get(auditPage.loader, `/c/${org.slug}/audit?kind=secret`, { cookie: chair.cookie, params: { org: org.slug } });
    expect(res.data.rows).toEqual([]);
    expect(res.data.errors.kind).toEqual(["errors.invalid"]);
  });
});
