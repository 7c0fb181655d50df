// The shell's search (/c/:org/search): guarded like every page, scoped to the
// cooperative, each kind only for the roles that may open its list, the field-visibility
// rule applied to what matches and to what is sent, and a bounded number of statements.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, members, practices, trajectories } from "~db/schema";
import { withSystem } from "~db/tenant";
import { createRequestContext } from "~/lib/request-context.server";
import * as root from "~/root";
import * as orgLayout from "~/routes/c.$org";
import * as searchPage from "~/routes/c.$org.search";
import { SEARCH_LIMIT } from "~/modules/shell/search";
import { createUser, get, makeRequest, orgWithChair, unique } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { addPerson } from "../helpers/members";

const path = (slug: string, q: string) => `/c/${slug}/search?q=${encodeURIComponent(q)}`;
const search = (who: { cookie: string }, slug: string, q: string) => get(searchPage.loader, path(slug, q), { cookie: who.cookie, params: { org: slug } });
type Group = { kind: string; more: boolean; items: Record<string, unknown>[] };
const kinds = (data: { results: Group[] }) => Object.fromEntries(data.results.map((g) => [g.kind, g.items]));

async function fixture() {
  const { chair, org } = await orgWithChair();
  const tag = unique("Zoek").replace(/[^A-Za-z0-9]/g, "");
  const peer = await addPerson(org.id, "member", { name: `Peer ${tag}` });
  const other = await addPerson(org.id, "member", { name: `Collega ${tag}` });
  const contractor = await addPerson(org.id, "subcontractor", { name: `Onderaannemer ${tag}` });
  await withSystem((tx) => tx.update(members).set({ phone: "06-99887766" }).where(eq(members.id, other.member.id)));
  const [prospect] = await withSystem((tx) =>
    tx.insert(members).values({ organizationId: org.id, name: `Aspirant ${tag}`, email: `aspirant.${tag}@example.test`.toLowerCase(), status: "prospective" }).returning(),
  );
  await withSystem((tx) => tx.insert(practices).values({ organizationId: org.id, name: `Praktijk ${tag}`, city: "Haarlem", street: "Geheimstraat", houseNumber: "7", postcode: "2011AB" }));
  const contract = await createContract(org.id, { name: `Contract ${tag}` });
  const productId = Object.values(contract.productIds)[0];
  const traj = (clientCode: string, coordinatorId: string) =>
    withSystem(async (tx) => {
      const [row] = await tx
        .insert(trajectories)
        .values({ organizationId: org.id, contractId: contract.contractId, productId, clientCode, birthYear: 2015, coordinatorId, referrerType: "gp", startsOn: "2026-09-01", endsOn: "2027-03-01", allocatedVolume: 1200 })
        .returning();
      return row;
    });
  const own = await traj(`${tag}A`, peer.member.id);
  const notOwn = await traj(`${tag}B`, other.member.id);
  return { chair, org, tag, peer, other, contractor, prospect, contract, own, notOwn };
}

describe("the shell's search", () => {
  it("sends an anonymous visitor to the login, and answers another cooperative's member 404", async () => {
    const { org } = await orgWithChair();
    const anonymous = await get(searchPage.loader, path(org.slug, "an"), { params: { org: org.slug } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(path(org.slug, "an"))}`);
    const outsider = await createUser();
    expect((await search(outsider, org.slug, "an")).status).toBe(404);
    const { chair: otherChair } = await orgWithChair();
    expect((await search(otherChair, org.slug, "an")).status).toBe(404);
  });

  it("finds, for the board, members (also prospective ones and by e-mail), practices, contracts and every trajectory by client code", async () => {
    const f = await fixture();
    const byName = kinds((await search(f.chair, f.org.slug, f.tag)).data);
    expect(byName.members.map((m) => m.name).sort()).toEqual([`Aspirant ${f.tag}`, `Collega ${f.tag}`, `Onderaannemer ${f.tag}`, `Peer ${f.tag}`].sort());
    expect(byName.practices.map((p) => p.name)).toEqual([`Praktijk ${f.tag}`]);
    expect(byName.contracts.map((c) => c.name)).toEqual([`Contract ${f.tag}`]);
    expect(byName.trajectories.map((t) => t.clientCode).sort()).toEqual([f.own.clientCode, f.notOwn.clientCode].sort());
    const byEmail = kinds((await search(f.chair, f.org.slug, `aspirant.${f.tag}@`.toLowerCase())).data);
    expect(byEmail.members.map((m) => m.id)).toEqual([f.prospect.id]);
    // A trajectory found is a trajectory seen: logged as one list read naming what was shown.
    const reads = await withSystem((tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.organizationId, f.org.id), eq(auditLog.action, "trajectory.list_read"), sql`${auditLog.after}->>'search' = 'true'`)),
    );
    expect(reads).toHaveLength(1);
    expect((reads[0].after as { ids: string[] }).ids.sort()).toEqual([f.own.id, f.notOwn.id].sort());
  });

  it("shows a member only what a member may see: current members by their profile, their own trajectories, no hidden field matched or sent", async () => {
    const f = await fixture();
    const res = await search(f.peer.user, f.org.slug, f.tag);
    expect(res.status).toBe(200);
    const found = kinds(res.data);
    // A peer looks colleagues up for referrals: current members only, never prospective ones.
    expect(found.members.map((m) => m.name)).not.toContain(`Aspirant ${f.tag}`);
    expect(found.members.map((m) => m.name)).toContain(`Collega ${f.tag}`);
    expect(found.trajectories.map((t) => t.clientCode)).toEqual([f.own.clientCode]);
    const sent = JSON.stringify(res.data);
    for (const hidden of ["06-99887766", f.other.user.email, "Geheimstraat", "2011AB", f.notOwn.clientCode]) expect(sent).not.toContain(hidden);
    // Searching a field one may not see would reveal it one guess at a time.
    const byEmail = kinds((await search(f.peer.user, f.org.slug, f.other.user.email)).data);
    expect(byEmail.members).toEqual([]);
    const byStreet = kinds((await search(f.peer.user, f.org.slug, "Geheimstraat")).data);
    expect(byStreet.practices).toEqual([]);
  });

  it("offers a subcontractor no member or practice results (the directory is not theirs)", async () => {
    const f = await fixture();
    const found = kinds((await search(f.contractor.user, f.org.slug, f.tag)).data);
    expect(found.members).toBeUndefined();
    expect(found.practices).toBeUndefined();
    expect(found.contracts.map((c) => c.name)).toEqual([`Contract ${f.tag}`]);
    expect(found.trajectories).toEqual([]);
  });

  it("stays inside the cooperative", async () => {
    const f = await fixture();
    const elsewhere = await orgWithChair();
    await addPerson(elsewhere.org.id, "member", { name: `Vreemde ${f.tag}` });
    const found = kinds((await search(f.chair, f.org.slug, "Vreemde")).data);
    expect(found.members).toEqual([]);
  });

  it("limits each kind and says there is more; a query too short searches nothing", async () => {
    const f = await fixture();
    for (let i = 0; i < SEARCH_LIMIT + 2; i++) await addPerson(f.org.id, "member", { name: `Veel ${f.tag} ${i}` });
    const many = (await search(f.chair, f.org.slug, `Veel ${f.tag}`)).data as { results: Group[] };
    const group = many.results.find((g) => g.kind === "members")!;
    expect(group.items).toHaveLength(SEARCH_LIMIT);
    expect(group.more).toBe(true);
    expect((await search(f.chair, f.org.slug, "a")).data.results).toEqual([]);
  });

  it("sends a bounded number of statements, the same for one match or many", async () => {
    const f = await fixture();
    const count = async (q: string) => {
      const context = createRequestContext({ trace: true });
      const loaders = [root.loader, orgLayout.loader, searchPage.loader];
      await Promise.all(loaders.map((loader) => loader({ request: makeRequest(path(f.org.slug, q), { cookie: f.chair.cookie }), params: { org: f.org.slug }, context: { requestContext: context } } as never)));
      return context.queries;
    };
    await count(f.tag); // the session's once-a-minute refresh happens on a first request
    const few = await count(`Peer ${f.tag}`);
    for (let i = 0; i < SEARCH_LIMIT + 2; i++) await addPerson(f.org.id, "member", { name: `Peer ${f.tag} ${i}` });
    const many = await count(`Peer ${f.tag}`);
    expect(many).toBe(few);
    // The session and guard (1), one tenant transaction (BEGIN, set_config, COMMIT), four
    // searches, the practitioner lookup is skipped for the board, and the read's audit row.
    expect(many).toBeLessThanOrEqual(10);
  });
});
