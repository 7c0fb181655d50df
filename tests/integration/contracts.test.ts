import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, contractAmendments, contractContacts, contractDocuments, contractMunicipalities, contractTerms, contracts, municipalities, productRules, regions } from "~db/schema";
import { withSystem } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { contractTermsOn } from "~/modules/contracts/amendments.server";
import { contractMunicipalityOptions } from "~/modules/contracts/contracts.server";
import * as overview from "~/routes/c.$org.contracts.$contractId._index";
import * as amendmentsRoute from "~/routes/c.$org.contracts.$contractId.amendments";
import * as documentRoute from "~/routes/c.$org.contracts.$contractId.documents.$documentId";
import * as list from "~/routes/c.$org.contracts._index";
import * as csv from "~/routes/c.$org.contracts[.csv]";
import * as reference from "~/routes/c.$org.contracts.municipalities";
import * as newContract from "~/routes/c.$org.contracts.new";
import { addMember, createUser, get, orgWithChair, post, rowCounts, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { PDF, multipart } from "../helpers/registrations";

type Org = { id: string; slug: string; name: string };
const p = (slug: string, extra: Record<string, string> = {}) => ({ params: { org: slug, ...extra } });

async function builtIn(name: string) {
  const [row] = await withSystem((tx) => tx.select().from(municipalities).where(and(isNull(municipalities.organizationId), eq(municipalities.name, name))));
  return row;
}
async function regionByCode(code: string) {
  const [row] = await withSystem((tx) => tx.select().from(regions).where(eq(regions.code, code)));
  return row;
}

/** The form the board fills in: a KAS-style segment 4 contract in Hart van Brabant, 25 % indirect. */
async function segment4(over: Record<string, string | string[]> = {}) {
  const region = await regionByCode("hart-van-brabant");
  return {
    name: `Segment 4 ${randomUUID().slice(0, 8)}`,
    reference: "S4-2023-017",
    clientKind: "region",
    regionId: region.id,
    kind: "tender_framework",
    lot: "segment 4",
    startsOn: "2023-01-01",
    endsOn: "2027-12-31",
    extensionOptions: "verlengbaar tot zes jaar",
    latestEndOn: "2028-12-31",
    evaluationDates: "2025-12-31",
    financing: "effort",
    indirectTime: "share",
    indirectSharePercent: "25",
    notes: "Ongeveer 20 % extra administratie.",
    ...over,
  };
}

function form(fields: Record<string, string | string[]>) {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}

async function create(chair: TestUser, slug: string, fields: Record<string, string | string[]>) {
  const res = await post(newContract.action, `/c/${slug}/contracts/new`, form(fields), { cookie: chair.cookie, ...p(slug) });
  return { res, id: res.location?.split("/").pop() ?? "" };
}

async function contractRow(id: string) {
  const [row] = await withSystem((tx) => tx.select().from(contracts).where(eq(contracts.id, id)));
  return row ?? null;
}

const ctxOf = (user: TestUser, org: Org): MemberContext => ({ ...user.ctx, org: { ...org, legalForm: "cooperative_ua", kvkNumber: "12345678", version: 1 }, role: "chair", membershipId: "", can: () => true });

describe("creating contracts", () => {
  it("the board records a contract; it is listed with its client, in the CSV, and audited", async () => {
    const { chair, org } = await orgWithChair();
    const fields = await segment4({ evaluationDates: ["2025-12-31", "2024-06-30", ""] });
    const { res, id } = await create(chair, org.slug, fields);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}/contracts/${id}`);
    expect(await contractRow(id)).toMatchObject({
      organizationId: org.id,
      name: fields.name,
      clientKind: "region",
      kind: "tender_framework",
      lot: "segment 4",
      latestEndOn: "2028-12-31",
      evaluationDates: ["2024-06-30", "2025-12-31"],
      indirectTime: "share",
      indirectSharePercent: 25,
      stopsWhenBudgetSpent: false,
      version: 1,
      createdBy: chair.id,
    });
    const [audit] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "contract.created"))));
    expect(audit).toMatchObject({ actorUserId: chair.id, organizationId: org.id });

    const page = await get(list.loader, `/c/${org.slug}/contracts`, { cookie: chair.cookie, ...p(org.slug) });
    expect(page.data.contracts).toEqual([expect.objectContaining({ id, clientLabel: "Hart van Brabant", kind: "tender_framework", lot: "segment 4", status: "running" })]);
    const file = await get(csv.loader, `/c/${org.slug}/contracts.csv`, { cookie: chair.cookie, ...p(org.slug) });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toContain("text/csv");
    expect(String(file.data)).toContain(`${fields.name};S4-2023-017;Jeugdregio;Hart van Brabant;Raamovereenkomst (aanbesteding);segment 4;01-01-2023;31-12-2027;31-12-2028;Lopend`);
  });

  it("a contract for municipalities links them; a main contractor needs a name", async () => {
    const { chair, org } = await orgWithChair();
    const haarlem = await builtIn("Haarlem");
    const heemstede = await builtIn("Heemstede");
    const { res, id } = await create(chair, org.slug, await segment4({ clientKind: "municipalities", regionId: "", municipalityIds: [haarlem.id, heemstede.id], kind: "pilot", indirectTime: "not_paid", indirectSharePercent: "" }));
    expect(res.status).toBe(302);
    const links = await withSystem((tx) => tx.select().from(contractMunicipalities).where(eq(contractMunicipalities.contractId, id)));
    expect(links.map((l) => l.municipalityId).sort()).toEqual([haarlem.id, heemstede.id].sort());
    expect((await contractMunicipalityOptions(ctxOf(chair, org), id)).map((m) => m.name)).toEqual(["Haarlem", "Heemstede"]);
    // A region's contract without a subset offers the whole region.
    const whole = await create(chair, org.slug, await segment4());
    expect(await contractMunicipalityOptions(ctxOf(chair, org), whole.id)).toHaveLength(11);
    const sub = await create(chair, org.slug, await segment4({ clientKind: "main_contractor", regionId: "", mainContractor: "" }));
    expect(sub.res.status).toBe(400);
    expect(sub.res.data.result.error.mainContractor).toEqual(["contracts.errors.mainContractorRequired"]);
  });

  it("filters by kind and status (running / ended)", async () => {
    const { chair, org } = await orgWithChair();
    await create(chair, org.slug, await segment4({ name: "Lopend raamcontract" }));
    await create(chair, org.slug, await segment4({ name: "Oude pilot", kind: "pilot", startsOn: "2020-01-01", endsOn: "2021-12-31", latestEndOn: "", evaluationDates: "" }));
    const names = async (q: string) => (await get(list.loader, `/c/${org.slug}/contracts?${q}`, { cookie: chair.cookie, ...p(org.slug) })).data.contracts.map((c: { name: string }) => c.name);
    expect(await names("")).toHaveLength(2);
    expect(await names("status=running")).toEqual(["Lopend raamcontract"]);
    expect(await names("status=ended")).toEqual(["Oude pilot"]);
    expect(await names("kind=pilot")).toEqual(["Oude pilot"]);
    expect(await names("kind=koning&status=%27")).toHaveLength(2);
  });

  it("bad input is a 400 beside each field, and nothing is written", async () => {
    const { chair, org } = await orgWithChair();
    const other = await orgWithChair();
    const [theirTown] = await withSystem((tx) => tx.insert(municipalities).values({ organizationId: other.org.id, name: `Eigen ${randomUUID()}` }).returning());
    const [theirRegion] = await withSystem((tx) => tx.insert(regions).values({ organizationId: other.org.id, name: `Eigen ${randomUUID()}` }).returning());
    const before = await rowCounts();
    const { res } = await create(chair, org.slug, await segment4({ name: "", kind: "koning", indirectSharePercent: "120" }));
    expect(res.status).toBe(400);
    expect(res.data.result.error).toMatchObject({ name: ["errors.required"], kind: ["errors.invalid"], indirectSharePercent: ["contracts.errors.share"] });
    // Checks across fields, once every field is valid on its own.
    const across = await create(chair, org.slug, await segment4({ regionId: "", endsOn: "2022-12-31", latestEndOn: "" }));
    expect(across.res.status).toBe(400);
    expect(across.res.data.result.error).toMatchObject({ regionId: ["contracts.errors.regionRequired"], endsOn: ["contracts.errors.endBeforeStart"] });
    const outside = await create(chair, org.slug, await segment4({ evaluationDates: "2030-01-01", startsOn: "2023-02-30" }));
    expect(outside.res.status).toBe(400);
    expect(outside.res.data.result.error.startsOn).toEqual(["members.errors.date"]);
    expect((await create(chair, org.slug, await segment4({ evaluationDates: "2030-01-01" }))).res.data.result.error.evaluationDates).toEqual(["contracts.errors.evaluationOutside"]);
    expect((await create(chair, org.slug, await segment4({ indirectSharePercent: "" }))).res.data.result.error.indirectSharePercent).toEqual(["contracts.errors.shareRequired"]);
    // Another cooperative's own municipality and region are not choices here.
    const foreignTown = await create(chair, org.slug, await segment4({ clientKind: "municipalities", municipalityIds: [theirTown.id] }));
    expect(foreignTown.res.status).toBe(400);
    expect(foreignTown.res.data.result.error.municipalityIds).toEqual(["reference.errors.unknownMunicipality"]);
    const foreignRegion = await create(chair, org.slug, await segment4({ regionId: theirRegion.id }));
    expect(foreignRegion.res.status).toBe(400);
    expect(foreignRegion.res.data.result.error.regionId).toEqual(["reference.errors.unknownRegion"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a double submit makes one contract (the name is unique in the cooperative, case aside)", async () => {
    const { chair, org } = await orgWithChair();
    const fields = await segment4();
    const [a, b] = await Promise.all([create(chair, org.slug, fields), create(chair, org.slug, fields)]);
    expect([a.res.status, b.res.status].sort()).toEqual([302, 409]);
    const refused = a.res.status === 409 ? a.res : b.res;
    expect(refused.data.result.error.name).toEqual(["contracts.errors.nameTaken"]);
    const again = await create(chair, org.slug, { ...fields, name: String(fields.name).toUpperCase() });
    expect(again.res.status).toBe(409);
    const rows = await withSystem((tx) => tx.select().from(contracts).where(eq(contracts.organizationId, org.id)));
    expect(rows).toHaveLength(1);
    // Another cooperative may use the same name.
    const other = await orgWithChair();
    expect((await create(other.chair, other.org.slug, fields)).res.status).toBe(302);
  });
});

describe("editing a contract", () => {
  it("the board edits with the version; a stale version is a 409 and writes nothing", async () => {
    const { chair, org } = await orgWithChair();
    const { id } = await create(chair, org.slug, await segment4());
    const path = `/c/${org.slug}/contracts/${id}`;
    const params = p(org.slug, { contractId: id });
    const edited = await post(overview.action, path, form({ ...(await segment4({ name: "Segment 4 vaktherapie", lot: "segment 4 (Tilburg)", indirectSharePercent: "20" })), intent: "details", version: "1" }), { cookie: chair.cookie, ...params });
    expect(edited.status).toBe(200);
    expect(edited.data.done).toBe("saved");
    expect(await contractRow(id)).toMatchObject({ name: "Segment 4 vaktherapie", lot: "segment 4 (Tilburg)", indirectSharePercent: 20, version: 2 });
    const [audit] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "contract.updated"))));
    expect(audit.before).toMatchObject({ indirectSharePercent: 25 });
    expect(audit.after).toMatchObject({ indirectSharePercent: 20 });
    const before = await rowCounts();
    const stale = await post(overview.action, path, form({ ...(await segment4({ name: "Iets anders" })), intent: "details", version: "1" }), { cookie: chair.cookie, ...params });
    expect(stale.status).toBe(409);
    expect(stale.data.result.error[""]).toEqual(["errors.stale"]);
    const bad = await post(overview.action, path, form({ ...(await segment4({ endsOn: "2020-01-01" })), intent: "details", version: "2" }), { cookie: chair.cookie, ...params });
    expect(bad.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    expect((await contractRow(id))!.name).toBe("Segment 4 vaktherapie");
    // The overview shows it to every role that may view contracts.
    const page = await get(overview.loader, path, { cookie: chair.cookie, ...params });
    expect(page.data).toMatchObject({ canWrite: true, clientLabel: "Hart van Brabant", contract: { id, version: 2, status: "running" } });
  });
});

describe("contacts and documents", () => {
  it("the board adds and removes a contact person; another contract's contact is a 404", async () => {
    const { chair, org } = await orgWithChair();
    const { contractId } = await createContract(org.id);
    const params = p(org.slug, { contractId });
    const path = `/c/${org.slug}/contracts/${contractId}`;
    const added = await post(overview.action, path, { intent: "addContact", name: "Anne de Wit", role: "Contractmanager", email: "A.deWit@Haarlem.example", phone: "023 511 5115" }, { cookie: chair.cookie, ...params });
    expect(added.data.done).toBe("contactAdded");
    const [contact] = await withSystem((tx) => tx.select().from(contractContacts).where(eq(contractContacts.contractId, contractId)));
    expect(contact).toMatchObject({ name: "Anne de Wit", role: "Contractmanager", email: "a.dewit@haarlem.example", organizationId: org.id });
    expect((await post(overview.action, path, { intent: "addContact", name: "", email: "geen" }, { cookie: chair.cookie, ...params })).data.result.error).toMatchObject({ name: ["errors.required"], email: ["errors.email"] });
    // A contact of another contract cannot be removed through this one.
    const other = await createContract(org.id);
    const before = await rowCounts();
    expect((await post(overview.action, `/c/${org.slug}/contracts/${other.contractId}`, { intent: "removeContact", contactId: contact.id, confirmed: "1" }, { cookie: chair.cookie, ...p(org.slug, { contractId: other.contractId }) })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    // Removing a contact asks first: nothing changes without confirmed.
    const asked = await post(overview.action, path, { intent: "removeContact", contactId: contact.id }, { cookie: chair.cookie, ...params });
    expect(asked.data.confirm).toMatchObject({ intent: "removeContact" });
    expect(await rowCounts()).toEqual(before);
    const removed = await post(overview.action, path, { intent: "removeContact", contactId: contact.id, confirmed: "1" }, { cookie: chair.cookie, ...params });
    expect(removed.data.done).toBe("contactRemoved");
    expect(await withSystem((tx) => tx.select().from(contractContacts).where(eq(contractContacts.contractId, contractId)))).toEqual([]);
  });

  it("the board uploads a PDF; members of the cooperative download it, nobody else; other file types are refused", async () => {
    const { chair, org } = await orgWithChair();
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const { contractId } = await createContract(org.id);
    const params = p(org.slug, { contractId });
    const path = `/c/${org.slug}/contracts/${contractId}`;
    const before = await rowCounts();
    const fake = await post(overview.action, path, multipart({ intent: "upload", title: "Overeenkomst" }, { name: "contract.pdf", bytes: new TextEncoder().encode("MZ not a pdf"), field: "document" }), { cookie: chair.cookie, ...params });
    expect(fake.status).toBe(400);
    expect(fake.data.result.error.document).toEqual(["errors.fileType"]);
    const none = await post(overview.action, path, multipart({ intent: "upload", title: "Overeenkomst" }), { cookie: chair.cookie, ...params });
    expect(none.status).toBe(400);
    expect(none.data.result.error.document).toEqual(["errors.required"]);
    expect(await rowCounts()).toEqual(before);
    const ok = await post(overview.action, path, multipart({ intent: "upload", title: "Overeenkomst pilot" }, { name: "../overeenkomst.pdf", bytes: PDF, field: "document" }), { cookie: chair.cookie, ...params });
    expect(ok.data.done).toBe("uploaded");
    const [doc] = await withSystem((tx) => tx.select().from(contractDocuments).where(eq(contractDocuments.contractId, contractId)));
    expect(doc).toMatchObject({ title: "Overeenkomst pilot", organizationId: org.id, createdBy: chair.id });
    const docPath = `${path}/documents/${doc.id}`;
    const docParams = p(org.slug, { contractId, documentId: doc.id });
    for (const user of [chair, member]) {
      const res = await get(documentRoute.loader, docPath, { cookie: user.cookie, ...docParams });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      expect(res.headers.get("Content-Disposition")).toContain('filename="overeenkomst.pdf"');
      expect(String(res.data)).toContain("%PDF-1.4");
    }
    // Another cooperative: 404, whether through its own slug or ours.
    const other = await orgWithChair();
    expect((await get(documentRoute.loader, docPath, { cookie: other.chair.cookie, ...docParams })).status).toBe(404);
    expect((await get(documentRoute.loader, `/c/${other.org.slug}/contracts/${contractId}/documents/${doc.id}`, { cookie: other.chair.cookie, params: { org: other.org.slug, contractId, documentId: doc.id } })).status).toBe(404);
    // Through another contract of ours: 404.
    const second = await createContract(org.id);
    expect((await get(documentRoute.loader, docPath, { cookie: chair.cookie, params: { org: org.slug, contractId: second.contractId, documentId: doc.id } })).status).toBe(404);
    expect((await get(documentRoute.loader, docPath, { params: docParams.params })).status).toBe(302);
  });
});

describe("amendments", () => {
  it("an amendment changes indirect time from its date; earlier dates keep the contract's terms; newest first with linked rule changes", async () => {
    const { chair, org } = await orgWithChair();
    const { id } = await create(chair, org.slug, await segment4());
    const path = `/c/${org.slug}/contracts/${id}/amendments`;
    const params = p(org.slug, { contractId: id });
    const key = randomUUID();
    const fields = { key, title: "Addendum indirecte tijd 2026", effectiveOn: "2026-07-01", summary: "Indirecte tijd wordt niet meer betaald.", changesTerms: "on", indirectTime: "not_paid" };
    const [a, b] = await Promise.all([
      post(amendmentsRoute.action, path, multipart(fields, { name: "addendum.pdf", bytes: PDF, field: "document" }), { cookie: chair.cookie, ...params }),
      post(amendmentsRoute.action, path, multipart(fields, { name: "addendum.pdf", bytes: PDF, field: "document" }), { cookie: chair.cookie, ...params }),
    ]);
    expect([a.status, b.status]).toEqual([302, 302]);
    const rows = await withSystem((tx) => tx.select().from(contractAmendments).where(eq(contractAmendments.contractId, id)));
    expect(rows).toHaveLength(1);
    const terms = await withSystem((tx) => tx.select().from(contractTerms).where(eq(contractTerms.contractId, id)));
    expect(terms).toEqual([expect.objectContaining({ amendmentId: key, effectiveOn: "2026-07-01", indirectTime: "not_paid", indirectSharePercent: null })]);
    const ctx = ctxOf(chair, org);
    expect(await contractTermsOn(ctx, id, "2026-06-30")).toEqual({ indirectTime: "share", indirectSharePercent: 25, effectiveOn: null });
    expect(await contractTermsOn(ctx, id, "2026-07-01")).toEqual({ indirectTime: "not_paid", indirectSharePercent: null, effectiveOn: "2026-07-01" });

    // An older amendment (no terms) and one from 2027 restoring 20 %.
    expect((await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "Addendum 2025", effectiveOn: "2025-01-01" }), { cookie: chair.cookie, ...params })).status).toBe(302);
    expect((await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "Addendum 2027", effectiveOn: "2027-01-01", changesTerms: "on", indirectTime: "share", indirectSharePercent: "20" }), { cookie: chair.cookie, ...params })).status).toBe(302);
    expect(await contractTermsOn(ctx, id, "2027-03-01")).toMatchObject({ indirectTime: "share", indirectSharePercent: 20 });
    // The products part links its rule changes to an amendment; they show with it.
    const [oldest] = await withSystem((tx) => tx.select().from(contractAmendments).where(and(eq(contractAmendments.contractId, id), eq(contractAmendments.title, "Addendum 2025"))));
    const fixture = await createContract(org.id);
    await withSystem((tx) => tx.update(productRules).set({ amendmentId: oldest.id }).where(eq(productRules.productId, fixture.productIds["45VT1"])));
    const page = await get(amendmentsRoute.loader, path, { cookie: chair.cookie, ...params });
    expect(page.data.amendments.map((x: { title: string }) => x.title)).toEqual(["Addendum 2027", "Addendum indirecte tijd 2026", "Addendum 2025"]);
    expect(page.data.amendments[1]).toMatchObject({ terms: { indirectTime: "not_paid" }, documents: [expect.objectContaining({ filename: "addendum.pdf" })] });
    // Rules of another contract's product are not this contract's history.
    expect(page.data.amendments[2].productRules).toEqual([]);
    expect(page.data.base).toEqual({ indirectTime: "share", indirectSharePercent: 25 });
  });

  it("an amendment's product rule changes are listed with it", async () => {
    const { chair, org } = await orgWithChair();
    const { contractId, productIds } = await createContract(org.id, {
      amendments: [{ title: "Addendum perceel 2, 2025", effectiveOn: "2026-06-01", productRules: { "45VT1": { extensionsWithoutReferrer: 2, documentAtExtension: 2, documentName: "Zelfevaluatie", reviewAfterExtension: 2, reviewBy: "CJG" } } }],
    });
    const page = await get(amendmentsRoute.loader, `/c/${org.slug}/contracts/${contractId}/amendments`, { cookie: chair.cookie, ...p(org.slug, { contractId }) });
    expect(page.data.amendments[0].productRules).toEqual([expect.objectContaining({ productCode: "45VT1", extensionsWithoutReferrer: 2, documentName: "Zelfevaluatie", reviewBy: "CJG" })]);
    expect(productIds["45VT1"]).toBeDefined();
  });

  it("bad input, a date outside the contract and a second terms change on one date are refused; nothing written", async () => {
    const { chair, org } = await orgWithChair();
    const { id } = await create(chair, org.slug, await segment4());
    const path = `/c/${org.slug}/contracts/${id}/amendments`;
    const params = p(org.slug, { contractId: id });
    expect((await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "Eerste", effectiveOn: "2026-01-01", changesTerms: "on", indirectTime: "included" }), { cookie: chair.cookie, ...params })).status).toBe(302);
    const other = await createContract(org.id);
    const before = await rowCounts();
    const bad = await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "", effectiveOn: "2026-13-01" }), { cookie: chair.cookie, ...params });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error).toMatchObject({ title: ["errors.required"], effectiveOn: ["members.errors.date"] });
    const termless = await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "X", effectiveOn: "2026-02-01", changesTerms: "on" }), { cookie: chair.cookie, ...params });
    expect(termless.data.result.error.indirectTime).toEqual(["errors.required"]);
    const shareless = await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "X", effectiveOn: "2026-02-01", changesTerms: "on", indirectTime: "share" }), { cookie: chair.cookie, ...params });
    expect(shareless.data.result.error.indirectSharePercent).toEqual(["contracts.errors.shareRequired"]);
    const outside = await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "Te laat", effectiveOn: "2030-01-01" }), { cookie: chair.cookie, ...params });
    expect(outside.status).toBe(400);
    expect(outside.data.result.error.effectiveOn).toEqual(["contracts.errors.amendmentOutside"]);
    const same = await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "Tweede", effectiveOn: "2026-01-01", changesTerms: "on", indirectTime: "not_paid" }), { cookie: chair.cookie, ...params });
    expect(same.status).toBe(409);
    expect(same.data.result.error.effectiveOn).toEqual(["contracts.errors.termsSameDate"]);
    const wrongFile = await post(amendmentsRoute.action, path, multipart({ key: randomUUID(), title: "Met plaatje", effectiveOn: "2026-03-01" }, { name: "a.pdf", bytes: new TextEncoder().encode("GIF89a"), field: "document" }), { cookie: chair.cookie, ...params });
    expect(wrongFile.status).toBe(400);
    expect(wrongFile.data.result.error.document).toEqual(["errors.fileType"]);
    // A key already used for another contract's amendment is not taken over.
    const [foreign] = await withSystem((tx) => tx.select().from(contractAmendments).where(eq(contractAmendments.contractId, id)));
    const reused = await post(amendmentsRoute.action, `/c/${org.slug}/contracts/${other.contractId}/amendments`, multipart({ key: foreign.id, title: "Gekaapt", effectiveOn: "2026-03-01" }), { cookie: chair.cookie, ...p(org.slug, { contractId: other.contractId }) });
    expect(reused.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("reference data", () => {
  it("lists the built-in regions with their municipalities; the board adds its own region and municipality; names are unique", async () => {
    const { chair, org } = await orgWithChair();
    const path = `/c/${org.slug}/contracts/municipalities`;
    const page = await get(reference.loader, path, { cookie: chair.cookie, ...p(org.slug) });
    const byName = Object.fromEntries(page.data.regions.map((r: { name: string; municipalities: unknown[] }) => [r.name, r.municipalities.length]));
    expect(byName).toMatchObject({ "Zuid-Kennemerland en IJmond": 7, "Hart van Brabant": 11, "Rijk van Nijmegen": 7, Eemland: 7, Friesland: 18 });
    const region = await post(reference.action, path, { intent: "addRegion", name: "Holland Rijnland" }, { cookie: chair.cookie, ...p(org.slug) });
    expect(region.data.done).toBe("addRegion");
    const [own] = await withSystem((tx) => tx.select().from(regions).where(eq(regions.organizationId, org.id)));
    expect(own.name).toBe("Holland Rijnland");
    expect((await post(reference.action, path, { intent: "addMunicipality", name: "Leiden", regionId: own.id }, { cookie: chair.cookie, ...p(org.slug) })).data.done).toBe("addMunicipality");
    const before = await rowCounts();
    for (const [fields, field, key] of [
      [{ intent: "addRegion", name: "hart van brabant" }, "name", "reference.errors.regionTaken"],
      [{ intent: "addRegion", name: "Holland Rijnland" }, "name", "reference.errors.regionTaken"],
      [{ intent: "addMunicipality", name: "HAARLEM" }, "name", "reference.errors.municipalityTaken"],
      [{ intent: "addMunicipality", name: "Leiden" }, "name", "reference.errors.municipalityTaken"],
      [{ intent: "addMunicipality", name: "" }, "name", "errors.required"],
      [{ intent: "addMunicipality", name: "Katwijk", regionId: randomUUID() }, "regionId", "reference.errors.unknownRegion"],
    ] as const) {
      const res = await post(reference.action, path, fields, { cookie: chair.cookie, ...p(org.slug) });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.data.result.error[field]).toEqual([key]);
    }
    expect(await rowCounts()).toEqual(before);
    const after = await get(reference.loader, path, { cookie: chair.cookie, ...p(org.slug) });
    expect(after.data.regions.find((r: { name: string }) => r.name === "Holland Rijnland")).toMatchObject({ own: true, municipalities: [expect.objectContaining({ name: "Leiden", own: true })] });
    // Another cooperative neither sees them nor is blocked by their names.
    const other = await orgWithChair();
    const theirs = await get(reference.loader, path, { cookie: other.chair.cookie, ...p(other.org.slug) });
    expect(JSON.stringify(theirs.data)).not.toContain("Holland Rijnland");
    expect((await post(reference.action, path, { intent: "addRegion", name: "Holland Rijnland" }, { cookie: other.chair.cookie, ...p(other.org.slug) })).data.done).toBe("addRegion");
  });
});

describe("refusals", () => {
  it("a member sees contracts read-only; every write is a 403 and writes nothing", async () => {
    const { chair, org } = await orgWithChair();
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const { id } = await create(chair, org.slug, await segment4());
    const params = p(org.slug, { contractId: id });
    const view = await get(overview.loader, `/c/${org.slug}/contracts/${id}`, { cookie: member.cookie, ...params });
    expect(view.status).toBe(200);
    expect(view.data).toMatchObject({ canWrite: false, reference: null });
    expect((await get(list.loader, `/c/${org.slug}/contracts`, { cookie: member.cookie, ...p(org.slug) })).data.canWrite).toBe(false);
    expect((await get(newContract.loader, `/c/${org.slug}/contracts/new`, { cookie: member.cookie, ...p(org.slug) })).status).toBe(403);
    const before = await rowCounts();
    const attempts = [
      await create(member, org.slug, await segment4()).then((r) => r.res),
      await post(overview.action, `/c/${org.slug}/contracts/${id}`, form({ ...(await segment4()), intent: "details", version: "1" }), { cookie: member.cookie, ...params }),
      await post(overview.action, `/c/${org.slug}/contracts/${id}`, { intent: "addContact", name: "X" }, { cookie: member.cookie, ...params }),
      await post(amendmentsRoute.action, `/c/${org.slug}/contracts/${id}/amendments`, multipart({ key: randomUUID(), title: "X", effectiveOn: "2026-01-01" }), { cookie: member.cookie, ...params }),
      await post(reference.action, `/c/${org.slug}/contracts/municipalities`, { intent: "addRegion", name: "X" }, { cookie: member.cookie, ...p(org.slug) }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    expect(await rowCounts()).toEqual(before);
  });

  it("another cooperative's board gets 404 for our contract, and anonymous visitors go to the login", async () => {
    const { chair, org } = await orgWithChair();
    const { id } = await create(chair, org.slug, await segment4());
    const other = await orgWithChair();
    const before = await rowCounts();
    // Through our slug: not a member, 404. Through their own slug with our id: not their contract, 404.
    expect((await get(overview.loader, `/c/${org.slug}/contracts/${id}`, { cookie: other.chair.cookie, ...p(org.slug, { contractId: id }) })).status).toBe(404);
    expect((await get(overview.loader, `/c/${other.org.slug}/contracts/${id}`, { cookie: other.chair.cookie, ...p(other.org.slug, { contractId: id }) })).status).toBe(404);
    expect((await get(amendmentsRoute.loader, `/c/${other.org.slug}/contracts/${id}/amendments`, { cookie: other.chair.cookie, ...p(other.org.slug, { contractId: id }) })).status).toBe(404);
    expect((await post(overview.action, `/c/${other.org.slug}/contracts/${id}`, form({ ...(await segment4()), intent: "details", version: "1" }), { cookie: other.chair.cookie, ...p(other.org.slug, { contractId: id }) })).status).toBe(404);
    expect((await post(overview.action, `/c/${other.org.slug}/contracts/${id}`, { intent: "addContact", name: "Spion" }, { cookie: other.chair.cookie, ...p(other.org.slug, { contractId: id }) })).status).toBe(404);
    expect((await post(amendmentsRoute.action, `/c/${other.org.slug}/contracts/${id}/amendments`, multipart({ key: randomUUID(), title: "X", effectiveOn: "2026-01-01" }), { cookie: other.chair.cookie, ...p(other.org.slug, { contractId: id }) })).status).toBe(404);
    const theirList = await get(list.loader, `/c/${other.org.slug}/contracts`, { cookie: other.chair.cookie, ...p(other.org.slug) });
    expect(theirList.data.contracts).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    const anonymous = await get(list.loader, `/c/${org.slug}/contracts`, p(org.slug));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});
