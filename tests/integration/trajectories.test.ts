import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agbCodes, auditLog, contractProducts, municipalities, timeEntries, timeEntryImports, trajectories, trajectoryExtensions } from "~db/schema";
import { withSystem } from "~db/tenant";
import { IJZK_PERCEEL_2, KAS_SEGMENT_4 } from "~db/seed/demo-contracts";
import { addDays, todayInAmsterdam } from "@koepel/rules";
import type { MemberContext } from "~/lib/guard.server";
import { rebuildTimeEntryTotals, storedTotals, totalsDrift } from "~/modules/budget/totals.server";
import { createAmendment } from "~/modules/contracts/amendments.server";
import { addTariff, updateProduct } from "~/modules/contracts/products.server";
import * as list from "~/routes/c.$org.trajectories._index";
import * as csv from "~/routes/c.$org.trajectories[.csv]";
import * as detail from "~/routes/c.$org.trajectories.$trajectoryId";
import * as create from "~/routes/c.$org.trajectories.new";
import * as importUpload from "~/routes/c.$org.trajectories.import._index";
import * as importPreview from "~/routes/c.$org.trajectories.import.$timeImportId";
import * as importErrors from "~/routes/c.$org.trajectories.import.$timeImportId.errors[.csv]";
import { createUser, get, orgWithChair, post, rowCounts, unique, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { addPerson } from "../helpers/members";
import { PDF, insertRegistration, memberRecord, multipart, typeByCode } from "../helpers/registrations";

const today = todayInAmsterdam();

/** Register Vaktherapie and a recent VOG, verified: eligible under the Haarlem pilot. */
async function makeEligible(orgId: string, memberId: string) {
  const rv = await typeByCode(orgId, "register_vaktherapie");
  const vog = await typeByCode(orgId, "vog");
  await insertRegistration({ organizationId: orgId, memberId, typeId: rv.id, number: unique("RV"), issuedOn: "2024-01-01", validUntil: "2028-12-31", verification: "verified" });
  await insertRegistration({ organizationId: orgId, memberId, typeId: vog.id, issuedOn: "2025-06-01", verification: "verified" });
}

async function haarlem() {
  const [m] = await withSystem((tx) => tx.select().from(municipalities).where(eq(municipalities.name, "Haarlem")));
  return m;
}

/** A cooperative with the Haarlem pilot, an eligible therapist, one without the register, and office staff. */
async function setup() {
  const { chair, org } = await orgWithChair();
  const chairMember = await memberRecord(org.id, chair);
  await makeEligible(org.id, chairMember.id);
  const therapist = await addPerson(org.id, "member", { name: "Anna Eligible" });
  await makeEligible(org.id, therapist.member.id);
  const unregistered = await addPerson(org.id, "member", { name: "Bram Zonder" });
  const other = await addPerson(org.id, "member", { name: "Carla Ander" });
  await makeEligible(org.id, other.member.id);
  const contract = await createContract(org.id);
  const muni = await haarlem();
  return { chair, org, chairMember, therapist, unregistered, other, contract, muni };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const start = addDays(today, -60);
const end = addDays(today, 120);

function trajectoryForm(s: Setup, over: Record<string, string> = {}) {
  return {
    contractId: s.contract.contractId,
    productId: s.contract.productIds["45VT1"],
    clientCode: unique("HLM"),
    birthYear: "2014",
    municipalityId: s.muni.id,
    allocationNumber: "T-001",
    coordinatorId: s.therapist.member.id,
    referrerType: "gp",
    startsOn: start,
    endsOn: end,
    allocatedHours: "20",
    ...over,
  };
}

const newPath = (slug: string) => `/c/${slug}/trajectories/new`;
async function createAs(who: TestUser, s: Setup, over: Record<string, string> = {}) {
  return post(create.action, newPath(s.org.slug), trajectoryForm(s, over), { cookie: who.cookie, params: { org: s.org.slug } });
}
async function newTrajectory(s: Setup, over: Record<string, string> = {}) {
  const res = await createAs(s.chair, s, over);
  expect(res.status).toBe(302);
  return res.location!.split("/").pop()!;
}
const detailOpts = (who: TestUser, slug: string, trajectoryId: string) => ({ cookie: who.cookie, params: { org: slug, trajectoryId } });
const detailPath = (slug: string, id: string) => `/c/${slug}/trajectories/${id}`;
const log = (who: TestUser, s: Setup, id: string, form: Record<string, string>) =>
  post(detail.action, detailPath(s.org.slug, id), { intent: "log", workedOn: addDays(today, -10), direct: "1:30", indirect: "15", submissionKey: unique("key-0123456789"), ...form }, detailOpts(who, s.org.slug, id));
const entriesOf = (id: string) => withSystem((tx) => tx.select().from(timeEntries).where(eq(timeEntries.trajectoryId, id)));

describe("creating a trajectory", () => {
  it("the chair creates one under the Haarlem pilot; allocated hours are kept in minutes", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    const [row] = await withSystem((tx) => tx.select().from(trajectories).where(eq(trajectories.id, id)));
    expect(row).toMatchObject({ allocatedVolume: 1200, coordinatorId: s.therapist.member.id, referrerType: "gp", status: "active" });
    const audits = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "trajectory.created"))));
    expect(audits).toHaveLength(1);
  });

  it.each([
    ["a BSN as client code", { clientCode: "111222333" }, "clientCode", "trajectories.errors.clientCode_bsn"],
    ["nine digits as client code", { clientCode: "123456789" }, "clientCode", "trajectories.errors.clientCode_bsn"],
    ["a name as client code", { clientCode: "Jan de Vries" }, "clientCode", "trajectories.errors.clientCode_name"],
    ["more hours than the product's 60", { allocatedHours: "60:01" }, "allocatedHours", "trajectories.errors.aboveMaxVolume"],
    ["end before start", { endsOn: addDays(start, -1) }, "endsOn", "trajectories.errors.endBeforeStart"],
    ["a start before the contract's", { startsOn: "2025-12-31" }, "startsOn", "trajectories.errors.outsideContract"],
    ["an end after the contract's", { endsOn: "2028-01-01" }, "endsOn", "trajectories.errors.outsideContract"],
  ])("refuses %s with 400 beside the field, nothing written", async (_label, over, field, key) => {
    const s = await setup();
    const before = await rowCounts();
    const res = await createAs(s.chair, s, over);
    expect(res.status).toBe(400);
    expect(res.data.result.error[field]).toEqual([key]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a product that needs a lead clinician asks for one", async () => {
    const s = await setup();
    const seg = await createContract(s.org.id, { ...KAS_SEGMENT_4, name: unique("Segment 4") });
    const form = { contractId: seg.contractId, productId: seg.productIds["54A01"], startsOn: "2026-02-02", endsOn: "2026-10-30" };
    const before = await rowCounts();
    const res = await createAs(s.chair, s, form);
    expect(res.status).toBe(400);
    expect(res.data.result.error.leadClinician).toEqual(["trajectories.errors.leadClinicianRequired"]);
    expect(await rowCounts()).toEqual(before);
    expect((await createAs(s.chair, s, { ...form, leadClinician: "drs. M. de Rooij" })).status).toBe(302);
  });

  it("takes dates typed as dd-mm-jjjj (the one date field), and a date that is not one gets one message", async () => {
    const s = await setup();
    const dutch = (iso: string) => iso.split("-").reverse().join("-");
    const res = await createAs(s.chair, s, { startsOn: dutch(start), endsOn: dutch(addDays(start, 30)) });
    expect(res.status).toBe(302);
    const id = res.location!.split("/").pop()!;
    expect((await withSystem((tx) => tx.select().from(trajectories).where(eq(trajectories.id, id))))[0]).toMatchObject({ startsOn: start, endsOn: addDays(start, 30) });
    expect((await log(s.chair, s, id, { memberId: s.therapist.member.id, workedOn: dutch(addDays(start, 1)) })).status).toBe(302);
    const before = await rowCounts();
    const bad = await createAs(s.chair, s, { startsOn: "31-11-2026" });
    expect(bad.status).toBe(400);
    // Once, not twice (a regex and a refine each added it).
    expect(bad.data.result.error.startsOn).toEqual(["members.errors.date"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("accepts exactly 60 hours", async () => {
    const s = await setup();
    expect((await createAs(s.chair, s, { allocatedHours: "60" })).status).toBe(302);
  });

  it("refuses a product of another contract, and a municipality or member of another cooperative", async () => {
    const s = await setup();
    const second = await createContract(s.org.id);
    const elsewhere = await setup();
    const [ownMuni] = await withSystem((tx) => tx.insert(municipalities).values({ organizationId: elsewhere.org.id, name: unique("Eigen gemeente") }).returning());
    const before = await rowCounts();
    const cases: [Record<string, string>, string][] = [
      [{ productId: second.productIds["45VT1"] }, "productId"],
      [{ productId: elsewhere.contract.productIds["45VT1"] }, "productId"],
      [{ contractId: elsewhere.contract.contractId }, "contractId"],
      [{ municipalityId: ownMuni.id }, "municipalityId"],
      [{ coordinatorId: elsewhere.therapist.member.id }, "coordinatorId"],
    ];
    for (const [over, field] of cases) {
      const res = await createAs(s.chair, s, over);
      expect(res.status, field).toBe(400);
      expect(res.data.result.error[field]).toBeTruthy();
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a member (no trajectories:manage), a stranger's cooperative and anonymous, nothing written", async () => {
    const s = await setup();
    const stranger = await createUser();
    const before = await rowCounts();
    expect((await createAs(s.therapist.user, s)).status).toBe(403);
    expect((await createAs(stranger, s)).status).toBe(404);
    const anon = await post(create.action, newPath(s.org.slug), trajectoryForm(s), { params: { org: s.org.slug } });
    expect(anon.status).toBe(302);
    expect(anon.location).toContain("/login");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("logging time: the eligibility gate", () => {
  it("an eligible coordinator logs 1:30 direct and 15 minutes indirect; the list shows it", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    const res = await log(s.therapist.user, s, id, { memberId: s.therapist.member.id });
    expect(res.status).toBe(302);
    expect(await entriesOf(id)).toMatchObject([{ directMinutes: 90, indirectMinutes: 15, memberId: s.therapist.member.id }]);
    const page = await get(detail.loader, detailPath(s.org.slug, id), detailOpts(s.therapist.user, s.org.slug, id));
    expect(page.data.trajectory.usedDirect).toBe(90);
    expect(page.data.entries).toHaveLength(1);
  });

  it("a practitioner without the Register Vaktherapie is refused with the reason beside the field, nothing written", async () => {
    const s = await setup();
    const id = await newTrajectory(s, { coordinatorId: s.unregistered.member.id });
    const before = await rowCounts();
    const res = await log(s.chair, s, id, { memberId: s.unregistered.member.id });
    expect(res.status).toBe(400);
    expect(res.data.result.error.memberId).toEqual(["timeEntries.errors.notEligible_missing"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("an expired registration on the date is refused; before it expired it is accepted", async () => {
    const s = await setup();
    const expiring = await addPerson(s.org.id, "member");
    const rv = await typeByCode(s.org.id, "register_vaktherapie");
    const vog = await typeByCode(s.org.id, "vog");
    await insertRegistration({ organizationId: s.org.id, memberId: expiring.member.id, typeId: rv.id, number: unique("RV"), issuedOn: "2021-01-01", validUntil: addDays(today, -20), verification: "verified" });
    await insertRegistration({ organizationId: s.org.id, memberId: expiring.member.id, typeId: vog.id, issuedOn: "2025-06-01", verification: "verified" });
    const id = await newTrajectory(s, { coordinatorId: expiring.member.id });
    const late = await log(s.chair, s, id, { memberId: expiring.member.id, workedOn: addDays(today, -10) });
    expect(late.status).toBe(400);
    expect(late.data.result.error.memberId).toEqual(["timeEntries.errors.notEligible_expired"]);
    expect((await log(s.chair, s, id, { memberId: expiring.member.id, workedOn: addDays(today, -30) })).status).toBe(302);
  });

  it.each([
    ["the day before the start", { workedOn: addDays(start, -1) }, "workedOn", "timeEntries.errors.before_start"],
    ["after the end", { workedOn: addDays(end, 1) }, "workedOn", "timeEntries.errors.after_end"],
    ["a day still to come", { workedOn: addDays(today, 1) }, "workedOn", "timeEntries.errors.future"],
    ["beyond the allocated 20 hours", { direct: "1201" }, "direct", "timeEntries.errors.beyond_volume"],
  ])("refuses %s", async (_l, over, field, key) => {
    const s = await setup();
    const id = await newTrajectory(s);
    const before = await rowCounts();
    const res = await log(s.chair, s, id, { memberId: s.therapist.member.id, ...over });
    expect(res.status).toBe(400);
    expect(res.data.result.error[field]).toEqual([key]);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses direct minutes that take the trajectory beyond its allocation (incl. extension volume)", async () => {
    const s = await setup();
    const id = await newTrajectory(s, { allocatedHours: "2" });
    expect((await log(s.chair, s, id, { memberId: s.therapist.member.id, direct: "1:30" })).status).toBe(302);
    const before = await rowCounts();
    const over = await log(s.chair, s, id, { memberId: s.therapist.member.id, direct: "0:31", indirect: "" });
    expect(over.status).toBe(400);
    expect(over.data.result.error.direct).toEqual(["timeEntries.errors.beyond_volume"]);
    expect(await rowCounts()).toEqual(before);
    expect((await log(s.chair, s, id, { memberId: s.therapist.member.id, direct: "0:30", indirect: "" })).status).toBe(302);
  });

  it("refuses a practitioner not on the trajectory, and a member logging for someone else", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    const notOn = await log(s.chair, s, id, { memberId: s.other.member.id });
    expect(notOn.status).toBe(400);
    expect(notOn.data.result.error.memberId).toEqual(["timeEntries.errors.notOnTrajectory"]);
    await post(detail.action, detailPath(s.org.slug, id), { intent: "addPractitioner", memberId: s.other.member.id }, detailOpts(s.chair, s.org.slug, id));
    const forOther = await log(s.therapist.user, s, id, { memberId: s.other.member.id });
    expect(forOther.status).toBe(400);
    expect(forOther.data.result.error.memberId).toEqual(["timeEntries.errors.onlyYourself"]);
    // The additional practitioner logs their own time.
    expect((await log(s.other.user, s, id, { memberId: s.other.member.id })).status).toBe(302);
    expect(await entriesOf(id)).toHaveLength(1);
  });

  it("taking a practitioner off asks first, and acts once confirmed", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    await post(detail.action, detailPath(s.org.slug, id), { intent: "addPractitioner", memberId: s.other.member.id }, detailOpts(s.chair, s.org.slug, id));
    const before = await rowCounts();
    const ask = await post(detail.action, detailPath(s.org.slug, id), { intent: "removePractitioner", memberId: s.other.member.id }, detailOpts(s.chair, s.org.slug, id));
    expect(ask.data.confirm).toMatchObject({ intent: "removePractitioner" });
    expect(await rowCounts()).toEqual(before);
    expect((await log(s.other.user, s, id, { memberId: s.other.member.id })).status).toBe(302);
    const done = await post(detail.action, detailPath(s.org.slug, id), { intent: "removePractitioner", memberId: s.other.member.id, confirmed: "1" }, detailOpts(s.chair, s.org.slug, id));
    expect(done.status).toBe(302);
    // Off the trajectory, the member no longer sees it at all (decision 015).
    expect((await log(s.other.user, s, id, { memberId: s.other.member.id })).status).toBe(404);
  });

  it("a double submit of the same form writes one entry", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    const form = { memberId: s.therapist.member.id, submissionKey: unique("double-submit-key") };
    expect((await log(s.therapist.user, s, id, form)).status).toBe(302);
    expect((await log(s.therapist.user, s, id, form)).status).toBe(302);
    expect(await entriesOf(id)).toHaveLength(1);
  });
});

describe("who sees what", () => {
  it("a practitioner sees only their own trajectories (404 for others'); every read is audited", async () => {
    const s = await setup();
    const mine = await newTrajectory(s);
    const theirs = await newTrajectory(s, { coordinatorId: s.other.member.id });
    const page = await get(list.loader, `/c/${s.org.slug}/trajectories`, { cookie: s.therapist.user.cookie, params: { org: s.org.slug } });
    expect(page.data.trajectories.map((t: { id: string }) => t.id)).toEqual([mine]);
    const board = await get(list.loader, `/c/${s.org.slug}/trajectories`, { cookie: s.chair.cookie, params: { org: s.org.slug } });
    expect(board.data.trajectories.map((t: { id: string }) => t.id).sort()).toEqual([mine, theirs].sort());
    expect((await get(detail.loader, detailPath(s.org.slug, theirs), detailOpts(s.therapist.user, s.org.slug, theirs))).status).toBe(404);
    expect((await log(s.therapist.user, s, theirs, { memberId: s.therapist.member.id })).status).toBe(404);
    expect((await get(detail.loader, detailPath(s.org.slug, mine), detailOpts(s.therapist.user, s.org.slug, mine))).status).toBe(200);
    const reads = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, s.org.id), eq(auditLog.action, "trajectory.read"))));
    // The detail page: one row for the trajectory opened.
    expect(reads.map((r) => r.entityId)).toEqual([mine]);
    // With the client it is about (NEN 7513), not only a key.
    expect(reads[0].after).toEqual({ clientCode: expect.stringMatching(/\S/) });
    const file = await get(csv.loader, `/c/${s.org.slug}/trajectories.csv`, { cookie: s.therapist.user.cookie, params: { org: s.org.slug } });
    expect(file.status).toBe(200);
    expect(String(file.data)).not.toContain("Carla");
    // Each list view (therapist, board) and the CSV: one row naming the trajectories shown.
    const lists = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, s.org.id), eq(auditLog.action, "trajectory.list_read"))).orderBy(auditLog.id));
    expect(lists.map((r) => ({ actor: r.actorUserId, ids: [...(r.after as { ids: string[] }).ids].sort() }))).toEqual([
      { actor: s.therapist.user.id, ids: [mine] },
      { actor: s.chair.id, ids: [mine, theirs].sort() },
      { actor: s.therapist.user.id, ids: [mine] },
    ]);
  });

  it("office staff (trajectories:manage, no time of their own) see every trajectory and log time for a practitioner on it", async () => {
    const s = await setup();
    const office = await addPerson(s.org.id, "office_staff");
    const id = await newTrajectory(s);
    const page = await get(list.loader, `/c/${s.org.slug}/trajectories`, { cookie: office.user.cookie, params: { org: s.org.slug } });
    expect(page.status).toBe(200);
    expect(page.data.trajectories.map((t: { id: string }) => t.id)).toEqual([id]);
    const one = await get(detail.loader, detailPath(s.org.slug, id), detailOpts(office.user, s.org.slug, id));
    expect(one.data.canLog).toBe(true);
    expect((await log(office.user, s, id, { memberId: s.therapist.member.id })).status).toBe(302);
    expect(await entriesOf(id)).toHaveLength(1);
  });

  it("another cooperative gets 404, a stranger's session too", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    const elsewhere = await setup();
    expect((await get(detail.loader, detailPath(s.org.slug, id), detailOpts(elsewhere.chair, s.org.slug, id))).status).toBe(404);
    expect((await get(detail.loader, detailPath(elsewhere.org.slug, id), detailOpts(elsewhere.chair, elsewhere.org.slug, id))).status).toBe(404);
    const before = await rowCounts();
    expect((await log(elsewhere.chair, { ...s, org: elsewhere.org }, id, { memberId: elsewhere.therapist.member.id })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("a member cannot change the status or add practitioners (403, nothing written)", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    const before = await rowCounts();
    expect((await post(detail.action, detailPath(s.org.slug, id), { intent: "status", status: "stopped", version: "1" }, detailOpts(s.therapist.user, s.org.slug, id))).status).toBe(403);
    expect((await post(detail.action, detailPath(s.org.slug, id), { intent: "addPractitioner", memberId: s.other.member.id }, detailOpts(s.therapist.user, s.org.slug, id))).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it("a stale version is a conflict", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    expect((await post(detail.action, detailPath(s.org.slug, id), { intent: "status", status: "completed", version: "1" }, detailOpts(s.chair, s.org.slug, id))).status).toBe(302);
    expect((await post(detail.action, detailPath(s.org.slug, id), { intent: "status", status: "stopped", version: "1" }, detailOpts(s.chair, s.org.slug, id))).status).toBe(409);
  });
});

describe("extensions under the IJZK addendum (two without the referrer, a self-assessment at the 2nd, a CJG review after)", () => {
  async function ijzk() {
    const s = await setup();
    const contract = await createContract(s.org.id, { ...IJZK_PERCEEL_2, name: unique("IJZK") });
    const id = await newTrajectory(s, { contractId: contract.contractId, productId: contract.productIds["54B01"], startsOn: "2026-03-02", endsOn: "2026-06-30", allocatedHours: "10" });
    return { s, id };
  }
  const extend = (s: Setup, id: string, version: number, over: Record<string, string> = {}, file?: Uint8Array) =>
    post(detail.action, detailPath(s.org.slug, id), multipart({ intent: "extend", grantedOn: "2026-06-15", newEndsOn: "2026-08-31", extraHours: "2", version: String(version), ...over }, file ? { name: "zelfevaluatie.pdf", bytes: file, field: "document" } : undefined), detailOpts(s.chair, s.org.slug, id));

  it("1st and 2nd by the coordinator; the 2nd without its document is saved with a warning; the 3rd needs the referrer", async () => {
    const { s, id } = await ijzk();
    expect((await extend(s, id, 1, { newEndsOn: "2026-07-31" })).status).toBe(302);
    const second = await extend(s, id, 2, { newEndsOn: "2026-08-31" });
    expect(second.status).toBe(302);
    expect(second.location).toContain("extended=nodoc");
    const page = await get(detail.loader, detailPath(s.org.slug, id), detailOpts(s.chair, s.org.slug, id));
    expect(page.data.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(["extension_document_missing", "review_due"]));
    expect(page.data.trajectory.allowed).toBe(600 + 240);
    expect(page.data.nextExtension).toMatchObject({ number: 3, grantor: "referrer" });
    const before = await rowCounts();
    const third = await extend(s, id, 3, { newEndsOn: "2026-09-30" });
    expect(third.status).toBe(400);
    expect(third.data.result.error.grantedByReferrer).toEqual(["trajectories.errors.referrerMustGrant"]);
    expect(await rowCounts()).toEqual(before);
    expect((await extend(s, id, 3, { newEndsOn: "2026-09-30", grantedByReferrer: "on" })).status).toBe(302);
    const exts = await withSystem((tx) => tx.select().from(trajectoryExtensions).where(eq(trajectoryExtensions.trajectoryId, id)));
    expect(exts.map((e) => [e.number, e.grantedByReferrer])).toEqual(expect.arrayContaining([[1, false], [2, false], [3, true]]));
    // The self-assessment added afterwards: the warning goes.
    const second2 = exts.find((e) => e.number === 2)!;
    const attached = await post(detail.action, detailPath(s.org.slug, id), multipart({ intent: "attachDocument", extensionId: second2.id }, { name: "zelfevaluatie.pdf", bytes: PDF, field: "document" }), detailOpts(s.chair, s.org.slug, id));
    expect(attached.status).toBe(302);
    const after = await get(detail.loader, detailPath(s.org.slug, id), detailOpts(s.chair, s.org.slug, id));
    expect(after.data.warnings.map((w: { code: string }) => w.code)).not.toContain("extension_document_missing");
    // A member who does not coordinate it may not.
    const before2 = await rowCounts();
    const refused = await post(detail.action, detailPath(s.org.slug, id), multipart({ intent: "attachDocument", extensionId: second2.id }, { name: "x.pdf", bytes: PDF, field: "document" }), detailOpts(s.other.user, s.org.slug, id));
    expect(refused.status).toBe(404);
    expect(await rowCounts()).toEqual(before2);
  });

  it("the 2nd with its self-assessment: no document warning; the review recorded clears review_due", async () => {
    const { s, id } = await ijzk();
    await extend(s, id, 1, { newEndsOn: "2026-07-31" });
    const second = await extend(s, id, 2, { newEndsOn: "2026-08-31" }, PDF);
    expect(second.location).toContain("extended=1");
    let page = await get(detail.loader, detailPath(s.org.slug, id), detailOpts(s.chair, s.org.slug, id));
    expect(page.data.warnings.map((w: { code: string }) => w.code)).not.toContain("extension_document_missing");
    expect(page.data.warnings.map((w: { code: string }) => w.code)).toContain("review_due");
    expect((await post(detail.action, detailPath(s.org.slug, id), { intent: "review", reviewDoneOn: "2026-09-01", version: "3" }, detailOpts(s.chair, s.org.slug, id))).status).toBe(302);
    page = await get(detail.loader, detailPath(s.org.slug, id), detailOpts(s.chair, s.org.slug, id));
    expect(page.data.warnings.map((w: { code: string }) => w.code)).not.toContain("review_due");
  });

  it("a document that is not a PDF or image is refused beside the field, nothing written", async () => {
    const { s, id } = await ijzk();
    const before = await rowCounts();
    const res = await extend(s, id, 1, {}, new TextEncoder().encode("just text"));
    expect(res.status).toBe(400);
    expect(res.data.result.error.document).toEqual(["errors.fileType"]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("importing time entries", () => {
  async function upload(who: TestUser, s: Setup, text: string, name = "uren.csv") {
    const form = multipart({}, { name, bytes: new TextEncoder().encode(text), type: "text/csv", field: "file" });
    return post(importUpload.action, `/c/${s.org.slug}/trajectories/import`, form, { cookie: who.cookie, params: { org: s.org.slug } });
  }
  const previewOf = (s: Setup, id: string) => get(importPreview.loader, `/c/${s.org.slug}/trajectories/import/${id}`, { cookie: s.chair.cookie, params: { org: s.org.slug, timeImportId: id } });
  const confirm = (s: Setup, id: string, version: number) => post(importPreview.action, `/c/${s.org.slug}/trajectories/import/${id}`, { intent: "confirm", version: String(version) }, { cookie: s.chair.cookie, params: { org: s.org.slug, timeImportId: id } });

  it("preview shows each row's errors (incl. not eligible), confirm writes the valid rows at once, a second import of the same file changes nothing", async () => {
    const s = await setup();
    const code = unique("HLM");
    const id = await newTrajectory(s, { clientCode: code, allocationNumber: "JW-77" });
    await post(detail.action, detailPath(s.org.slug, id), { intent: "addPractitioner", memberId: s.unregistered.member.id }, detailOpts(s.chair, s.org.slug, id));
    await withSystem((tx) => tx.insert(agbCodes).values({ organizationId: s.org.id, code: "90251234", kind: "personal", memberId: s.therapist.member.id }));
    const d1 = addDays(today, -20);
    const d2 = addDays(today, -13);
    const [y, m, d] = d2.split("-");
    const csvText = [
      "datum;traject;behandelaar;direct;indirect",
      `${d1};${code};90251234;1:30;15`,
      `${Number(d)}-${m}-${y};JW-77;${s.therapist.user.email};60;0`,
      `${d1};${code};${s.unregistered.user.email};60;0`,
      `${d1};ONBEKEND;90251234;60;0`,
      `gisteren;${code};90251234;60;0`,
      `${addDays(start, -1)};${code};90251234;60;0`,
    ].join("\n");
    const res = await upload(s.chair, s, csvText);
    expect(res.status).toBe(302);
    const importId = res.location!.split("/").pop()!;
    const before = await rowCounts();
    const preview = await previewOf(s, importId);
    expect(await rowCounts()).toEqual(before);
    expect(preview.data.counts).toEqual({ create: 2, unchanged: 0, error: 4 });
    const errorsByRow = Object.fromEntries(preview.data.rows.filter((r: { outcome: string }) => r.outcome === "error").map((r: { row: number; errors: { messageKey: string }[] }) => [r.row, r.errors.map((e) => e.messageKey)]));
    expect(errorsByRow).toEqual({
      4: ["timeEntries.errors.notEligible_missing"],
      5: ["timeImport.errors.trajectory"],
      6: ["timeImport.errors.date"],
      7: ["timeEntries.errors.before_start"],
    });
    const report = await get(importErrors.loader, `/c/${s.org.slug}/trajectories/import/${importId}/errors.csv`, { cookie: s.chair.cookie, params: { org: s.org.slug, timeImportId: importId } });
    expect(report.status).toBe(200);
    expect(String(report.data)).toContain("ONBEKEND");
    expect((await confirm(s, importId, 1)).status).toBe(302);
    const written = await entriesOf(id);
    expect(written.map((e) => [e.workedOn, e.directMinutes, e.indirectMinutes]).sort()).toEqual([[d1, 90, 15], [d2, 60, 0]].sort());
    const [imp] = await withSystem((tx) => tx.select().from(timeEntryImports).where(eq(timeEntryImports.id, importId)));
    expect(imp).toMatchObject({ status: "done", createdCount: 2, errorCount: 4 });
    // Confirming again is stale.
    expect((await confirm(s, importId, 1)).status).toBe(409);
    // The same file again: every valid row is already there.
    const again = await upload(s.chair, s, csvText);
    const againId = again.location!.split("/").pop()!;
    const second = await previewOf(s, againId);
    expect(second.data.counts).toMatchObject({ create: 0, unchanged: 2 });
    await confirm(s, againId, 1);
    expect(await entriesOf(id)).toHaveLength(2);
  });

  it("refuses a member, another cooperative and anonymous; nothing written", async () => {
    const s = await setup();
    const stranger = await setup();
    const before = await rowCounts();
    expect((await upload(s.therapist.user, s, "datum;traject;behandelaar;direct\n")).status).toBe(403);
    expect((await upload(stranger.chair, s, "datum;traject;behandelaar;direct\n")).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    const res = await upload(s.chair, s, "datum;traject;behandelaar;direct\n2026-01-01;X;a@b.nl;60");
    const importId = res.location!.split("/").pop()!;
    const other = await get(importPreview.loader, `/c/${stranger.org.slug}/trajectories/import/${importId}`, { cookie: stranger.chair.cookie, params: { org: stranger.org.slug, timeImportId: importId } });
    expect(other.status).toBe(404);
  });
});

describe("summaries of time entries (time_entry_totals, trajectory_time_totals)", () => {
  /** The chair's context for calling module functions directly, as the routes do after the guard. */
  function chairCtx(s: Setup): MemberContext {
    return { user: { id: s.chair.id }, ip: null, org: { id: s.org.id, slug: s.org.slug }, role: "chair", can: () => true } as unknown as MemberContext;
  }
  const drift = (s: Setup) => withSystem((tx) => totalsDrift(tx, s.org.id));

  it("after a mix of writes (hand entries, an import, a new tariff, an amendment, a product's unit) they equal a fresh pricing of the raw entries", async () => {
    const s = await setup();
    const code = unique("HLM");
    const id = await newTrajectory(s, { clientCode: code, allocatedHours: "50" });
    const second = await newTrajectory(s, { coordinatorId: s.other.member.id, allocatedHours: "50" });
    // Hand entries: two on one day (one summary row), and indirect time.
    for (const [workedOn, direct, indirect] of [[addDays(today, -30), "1:00", "20"], [addDays(today, -30), "0:45", "0"], [addDays(today, -5), "2:00", "30"]] as const) {
      expect((await log(s.chair, s, id, { memberId: s.therapist.member.id, workedOn, direct, indirect })).status).toBe(302);
    }
    expect((await log(s.chair, s, second, { memberId: s.other.member.id, workedOn: addDays(today, -3), direct: "1:10", indirect: "5" })).status).toBe(302);
    expect(await drift(s)).toEqual([]);
    // An import of two rows.
    await withSystem((tx) => tx.insert(agbCodes).values({ organizationId: s.org.id, code: "90259999", kind: "personal", memberId: s.therapist.member.id }));
    const csvText = ["datum;traject;behandelaar;direct;indirect", `${addDays(today, -20)};${code};90259999;1:30;15`, `${addDays(today, -30)};${code};90259999;0:30;0`].join("\n");
    const form = multipart({}, { name: "uren.csv", bytes: new TextEncoder().encode(csvText), type: "text/csv", field: "file" });
    const uploaded = await post(importUpload.action, `/c/${s.org.slug}/trajectories/import`, form, { cookie: s.chair.cookie, params: { org: s.org.slug } });
    const importId = uploaded.location!.split("/").pop()!;
    const confirmed = await post(importPreview.action, `/c/${s.org.slug}/trajectories/import/${importId}`, { intent: "confirm", version: "1" }, { cookie: s.chair.cookie, params: { org: s.org.slug, timeImportId: importId } });
    expect(confirmed.status).toBe(302);
    expect((await entriesOf(id)).length).toBe(5);
    expect(await drift(s)).toEqual([]);
    // Prices change: a tariff from a date in the past, an amendment paying indirect time, a product's unit.
    const ctx = chairCtx(s);
    const productId = s.contract.productIds["45VT1"];
    await addTariff(ctx, s.contract.contractId, productId, { amount: 9_000, validFrom: addDays(today, -25) });
    expect(await drift(s)).toEqual([]);
    await createAmendment(ctx, s.contract.contractId, { key: crypto.randomUUID(), title: "Addendum indirecte tijd", effectiveOn: addDays(today, -10), summary: null, changesTerms: true, indirectTime: "share", indirectSharePercent: 25 } as never, null);
    expect(await drift(s)).toEqual([]);
    const [product] = await withSystem((tx) => tx.select().from(contractProducts).where(eq(contractProducts.id, productId)));
    await updateProduct(ctx, s.contract.contractId, productId, { name: product.name, category: product.category, code: product.code, unit: "minute", requiresLeadClinician: product.requiresLeadClinician, version: product.version } as never);
    expect(await drift(s)).toEqual([]);
    const stored = await withSystem((tx) => storedTotals(tx, s.org.id));
    expect(stored.totals.reduce((n, r) => n + r.entries, 0)).toBe(6);
    expect(stored.perTrajectory.find((t) => t.trajectoryId === id)).toMatchObject({ entries: 5, directMinutes: 60 + 45 + 120 + 90 + 30 });
  });

  it("the check notices a write that skipped the summaries", async () => {
    const s = await setup();
    const id = await newTrajectory(s);
    expect((await log(s.chair, s, id, { memberId: s.therapist.member.id })).status).toBe(302);
    await withSystem((tx) => tx.insert(timeEntries).values({ organizationId: s.org.id, trajectoryId: id, memberId: s.therapist.member.id, workedOn: addDays(today, -2), directMinutes: 60, submissionKey: unique("raw") }));
    expect((await drift(s)).length).toBe(2); // the day's priced row and the trajectory's minutes
    await withSystem((tx) => rebuildTimeEntryTotals(tx, s.org.id));
    expect(await drift(s)).toEqual([]);
  });
});

describe("the list a page at a time", () => {
  it("shows 50 a page, open ones first in a stable order, keeps the filters while paging, and the CSV stays complete", async () => {
    const s = await setup();
    const productId = s.contract.productIds["45VT1"];
    // 53 open and 2 completed, all ending on the same day: the order falls back to code, then id.
    await withSystem((tx) =>
      tx.insert(trajectories).values(
        Array.from({ length: 55 }, (_, i) => ({
          organizationId: s.org.id,
          contractId: s.contract.contractId,
          productId,
          clientCode: `P${String(i).padStart(3, "0")}`,
          birthYear: 2015,
          coordinatorId: s.therapist.member.id,
          referrerType: "gp" as const,
          startsOn: start,
          endsOn: i < 2 ? addDays(start, 1) : end,
          allocatedVolume: 600,
          status: i < 2 ? ("completed" as const) : ("active" as const),
        })),
      ),
    );
    const at = (query: string) => get(list.loader, `/c/${s.org.slug}/trajectories${query}`, { cookie: s.chair.cookie, params: { org: s.org.slug } });
    const first = await at("");
    expect(first.data.paging).toEqual({ page: 1, pages: 2, total: 55, from: 1, to: 50 });
    const codes1 = first.data.trajectories.map((t: { clientCode: string }) => t.clientCode);
    expect(codes1[0]).toBe("P002"); // completed ones (P000, P001, ending first) come last
    const second = await at("?page=2");
    expect(second.data.paging).toMatchObject({ page: 2, from: 51, to: 55 });
    const codes2 = second.data.trajectories.map((t: { clientCode: string }) => t.clientCode);
    expect(codes2.slice(-2)).toEqual(["P000", "P001"]);
    expect(new Set([...codes1, ...codes2]).size).toBe(55);
    expect((await at("?page=99")).data.paging).toMatchObject({ page: 2, from: 51 });
    const filtered = await at("?status=active&page=2");
    expect(filtered.data.paging).toMatchObject({ page: 2, total: 53, from: 51, to: 53 });
    expect(filtered.data.query).toBe("?status=active");
    const file = await get(csv.loader, `/c/${s.org.slug}/trajectories.csv?page=2`, { cookie: s.chair.cookie, params: { org: s.org.slug } });
    expect(String(file.data).trim().split("\n")).toHaveLength(56); // header + every row
    // One audit row per view, whatever the number of rows shown.
    const lists = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, s.org.id), eq(auditLog.action, "trajectory.list_read"))));
    expect(lists.map((r) => (r.after as { ids: string[] }).ids.length).sort((a, b) => a - b)).toEqual([3, 5, 5, 50, 55]);
  });
  it("sorts on a column in SQL before it pages, open ones still first; the status sort puts open, completed, stopped in that order", async () => {
    const s = await setup();
    const productId = s.contract.productIds["45VT1"];
    await withSystem((tx) =>
      tx.insert(trajectories).values(
        Array.from({ length: 55 }, (_, i) => ({
          organizationId: s.org.id,
          contractId: s.contract.contractId,
          productId,
          clientCode: `S${String(i).padStart(3, "0")}`,
          birthYear: 2015,
          coordinatorId: s.therapist.member.id,
          referrerType: "gp" as const,
          startsOn: start,
          endsOn: end,
          allocatedVolume: 600,
          status: i < 2 ? ("completed" as const) : i === 2 ? ("stopped" as const) : ("active" as const),
        })),
      ),
    );
    const at = (query: string) => get(list.loader, `/c/${s.org.slug}/trajectories${query}`, { cookie: s.chair.cookie, params: { org: s.org.slug } });
    const codesOf = (res: { data: { trajectories: { clientCode: string }[] } }) => res.data.trajectories.map((t) => t.clientCode);
    const both = async (query: string) => [...codesOf(await at(query)), ...codesOf(await at(`${query}&page=2`))];
    const code = (i: number) => `S${String(i).padStart(3, "0")}`;
    const open = Array.from({ length: 52 }, (_, i) => code(i + 3));
    // Client code descending: the 52 open ones first (descending), then the closed ones (descending).
    expect(await both("?sort=clientCode&dir=desc")).toEqual([...[...open].reverse(), code(2), code(1), code(0)]);
    expect((await at("?sort=clientCode&dir=desc")).data.sort).toMatchObject({ key: "clientCode", dir: "desc", isDefault: false });
    // By status: open, completed, stopped; descending the other way round.
    expect(await both("?sort=status&dir=asc")).toEqual([...open, code(0), code(1), code(2)]);
    expect((await both("?sort=status&dir=desc")).slice(0, 3)).toEqual([code(2), code(0), code(1)]);
    // A column the list does not sort on is the default order (what ends first, open ones on top).
    expect((await at("?sort=birthYear")).data.sort).toMatchObject({ key: "endsOn", dir: "asc", isDefault: true });
    // The filter form as submitted, "all contracts" being an empty value: no filter, not an error.
    const submitted = await at("?contractId=&status=active&sort=clientCode&dir=desc");
    expect(submitted.status).toBe(200);
    expect(submitted.data.paging.total).toBe(52);
    // The CSV link carries neither the order nor the page.
    expect((await at("?sort=clientCode&dir=desc&status=active&page=2")).data.query).toBe("?status=active");
  });
});
