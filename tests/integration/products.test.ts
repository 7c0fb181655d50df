import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, contractAmendments, contractProducts, contractRequirements, productRules, productTariffs } from "~db/schema";
import { withSystem } from "~db/tenant";
import * as productPage from "~/routes/c.$org.contracts.$contractId.products_.$productId";
import * as productList from "~/routes/c.$org.contracts.$contractId.products";
import * as requirementsPage from "~/routes/c.$org.contracts.$contractId.requirements";
import { addMember, createUser, get, orgWithChair, post, rowCounts } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { typeByCode } from "../helpers/registrations";

// The board keeps a contract's products (tariffs and rules with their history) and
// requirements; everyone who works sees them. Figures from the Haarlem pilot and the
// IJZK perceel 2 addendum (DOMAIN.md).

const listPath = (slug: string, contractId: string) => `/c/${slug}/contracts/${contractId}/products`;
const productPath = (slug: string, contractId: string, productId: string) => `/c/${slug}/contracts/${contractId}/products/${productId}`;
const reqPath = (slug: string, contractId: string) => `/c/${slug}/contracts/${contractId}/requirements`;
const params = (slug: string, contractId: string, productId?: string) => ({ params: { org: slug, contractId, ...(productId ? { productId } : {}) } });

/** What the board types for "consultation and advice": EUR 70.80 an hour, at most 8 hours. */
const consultation = (over: Record<string, string> = {}) => ({
  name: "Consultatie en advies",
  category: "45",
  code: "45CA1",
  unit: "hour",
  tariff: "70,80",
  validFrom: "2026-01-01",
  maxVolume: "8",
  maxDurationWeeks: "12",
  extensionsWithoutReferrer: "0",
  ...over,
});

async function setup() {
  const { chair, org } = await orgWithChair();
  const fixture = await createContract(org.id);
  return { chair, org, contractId: fixture.contractId, fixture };
}

async function productRows(contractId: string) {
  return withSystem((tx) => tx.select().from(contractProducts).where(eq(contractProducts.contractId, contractId)));
}

async function createVia(chair: { cookie: string }, slug: string, contractId: string, form: Record<string, string>) {
  return post(productList.action, listPath(slug, contractId), form, { cookie: chair.cookie, ...params(slug, contractId) });
}

describe("products of a contract", () => {
  it("the board creates a product with its first tariff and rules; the list shows them in force", async () => {
    const { chair, org, contractId } = await setup();
    const res = await createVia(chair, org.slug, contractId, consultation({ extensionsWithoutReferrer: "2", documentAtExtension: "2", documentName: "Zelfevaluatie", reviewAfterExtension: "2", reviewBy: "CJG", requiresLeadClinician: "on" }));
    expect(res.status).toBe(302);
    const productId = res.location!.split("/").pop()!;
    const [product] = await withSystem((tx) => tx.select().from(contractProducts).where(eq(contractProducts.id, productId)));
    expect(product).toMatchObject({ organizationId: org.id, contractId, category: "45", code: "45CA1", unit: "hour", requiresLeadClinician: true, version: 1 });
    const tariffs = await withSystem((tx) => tx.select().from(productTariffs).where(eq(productTariffs.productId, productId)));
    expect(tariffs).toEqual([expect.objectContaining({ validFrom: "2026-01-01", amountCents: 7080, organizationId: org.id })]);
    const rules = await withSystem((tx) => tx.select().from(productRules).where(eq(productRules.productId, productId)));
    // 8 hours stored as 480 minutes.
    expect(rules).toEqual([
      expect.objectContaining({ effectiveOn: "2026-01-01", maxVolume: 480, maxDurationWeeks: 12, extensionsWithoutReferrer: 2, documentAtExtension: 2, documentName: "Zelfevaluatie", reviewAfterExtension: 2, reviewBy: "CJG", amendmentId: null }),
    ]);
    const [logged] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, productId), eq(auditLog.action, "product.created"))));
    expect(logged.actorUserId).toBe(chair.id);

    const list = await get(productList.loader, `${listPath(org.slug, contractId)}?on=2026-06-01`, { cookie: chair.cookie, ...params(org.slug, contractId) });
    expect(list.status).toBe(200);
    const row = list.data.products.find((p: { code: string }) => p.code === "45CA1");
    expect(row).toMatchObject({ tariffCents: 7080, maxVolume: 480, maxDurationWeeks: 12, requiresLeadClinician: true, unit: "hour" });
    // The fixture's Haarlem treatment: at most 60 hours.
    expect(list.data.products.find((p: { code: string }) => p.code === "45VT1")).toMatchObject({ tariffCents: 7080, maxVolume: 3600 });
    expect(list.data.canWrite).toBe(true);
  });

  it("a non-time unit keeps its volume as a count; code typed in lower case is stored upper case", async () => {
    const { chair, org, contractId } = await setup();
    const res = await createVia(chair, org.slug, contractId, consultation({ code: "45dp1", unit: "day_part", maxVolume: "10" }));
    expect(res.status).toBe(302);
    const [rule] = await withSystem((tx) => tx.select().from(productRules).innerJoin(contractProducts, eq(contractProducts.id, productRules.productId)).where(and(eq(contractProducts.contractId, contractId), eq(contractProducts.code, "45DP1"))));
    expect(rule.product_rules.maxVolume).toBe(10);
  });

  it.each([
    ["bad money", { tariff: "70.80.1" }, "tariff", "products.errors.money"],
    ["code too long", { code: "45VT12" }, "code", "products.errors.code"],
    ["code with a dash", { code: "45-V" }, "code", "products.errors.code"],
    ["unknown category", { category: "99" }, "category", "products.errors.category"],
    ["hours that are no whole minutes", { maxVolume: "7,33" }, "maxVolume", "products.errors.volumeHours"],
    ["a document without its extension", { documentName: "Zelfevaluatie" }, "documentAtExtension", "products.errors.documentAt"],
    ["a review without who", { reviewAfterExtension: "2" }, "reviewBy", "products.errors.reviewBy"],
    ["no date", { validFrom: "" }, "validFrom", "errors.required"],
    ["no name", { name: "" }, "name", "errors.required"],
  ] as const)("%s: 400 beside the field, nothing written", async (_label, over, field, message) => {
    const { chair, org, contractId } = await setup();
    const before = await rowCounts();
    const res = await createVia(chair, org.slug, contractId, consultation(over));
    expect(res.status).toBe(400);
    expect(res.data.result.error[field]).toEqual([message]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a double submit makes one product (unique contract, category, code): the second answers 409 beside the code", async () => {
    const { chair, org, contractId } = await setup();
    const [first, second] = await Promise.all([createVia(chair, org.slug, contractId, consultation()), createVia(chair, org.slug, contractId, consultation())]);
    expect([first.status, second.status].sort()).toEqual([302, 409]);
    const failed = first.status === 409 ? first : second;
    expect(failed.data.result.error.code).toEqual(["products.errors.codeTaken"]);
    expect((await productRows(contractId)).filter((p) => p.code === "45CA1")).toHaveLength(1);
    // The same code under another category is another product.
    expect((await createVia(chair, org.slug, contractId, consultation({ category: "54" }))).status).toBe(302);
  });

  it("yearly indexation: a tariff from a date, the loader shows the one in force on each date; a duplicate date is 400 beside it", async () => {
    const { chair, org, contractId, fixture } = await setup();
    const productId = fixture.productIds["45VT1"];
    const path = productPath(org.slug, contractId, productId);
    const added = await post(productPage.action, path, { intent: "tariff", amount: "72,90", validFrom: "2027-01-01" }, { cookie: chair.cookie, ...params(org.slug, contractId, productId) });
    expect(added.status).toBe(200);
    expect(added.data.saved).toBe("tariff");
    const on = async (date: string) => (await get(productPage.loader, `${path}?on=${date}`, { cookie: chair.cookie, ...params(org.slug, contractId, productId) })).data;
    expect((await on("2026-12-31")).currentTariff).toMatchObject({ validFrom: "2026-01-01", amountCents: 7080 });
    expect((await on("2027-01-01")).currentTariff).toMatchObject({ validFrom: "2027-01-01", amountCents: 7290 });
    expect((await on("2025-06-01")).currentTariff).toBeNull();
    expect((await on("2027-03-01")).tariffs.map((t: { amountCents: number }) => t.amountCents)).toEqual([7290, 7080]);
    // The list too.
    const list = await get(productList.loader, `${listPath(org.slug, contractId)}?on=2027-02-01`, { cookie: chair.cookie, ...params(org.slug, contractId) });
    expect(list.data.products.find((p: { code: string }) => p.code === "45VT1").tariffCents).toBe(7290);

    const before = await rowCounts();
    const again = await post(productPage.action, path, { intent: "tariff", amount: "75,00", validFrom: "2027-01-01" }, { cookie: chair.cookie, ...params(org.slug, contractId, productId) });
    expect(again.status).toBe(400);
    expect(again.data.result.error.validFrom).toEqual(["products.errors.tariffDate"]);
    const bad = await post(productPage.action, path, { intent: "tariff", amount: "70.80.1", validFrom: "2028-01-01" }, { cookie: chair.cookie, ...params(org.slug, contractId, productId) });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.amount).toEqual(["products.errors.money"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a rules version linked to an amendment of this contract, shown as from <date> (addendum X); rulesOn by date", async () => {
    const { chair, org, contractId, fixture } = await setup();
    const [amendment] = await withSystem((tx) =>
      tx.insert(contractAmendments).values({ organizationId: org.id, contractId, title: "Addendum 2027", effectiveOn: "2027-01-01" }).returning(),
    );
    const productId = fixture.productIds["45VT1"];
    const path = productPath(org.slug, contractId, productId);
    const opts = { cookie: chair.cookie, ...params(org.slug, contractId, productId) };
    const res = await post(
      productPage.action,
      path,
      { intent: "rules", effectiveOn: "2027-01-01", amendmentId: amendment.id, maxVolume: "60", extensionsWithoutReferrer: "2", documentAtExtension: "2", documentName: "Zelfevaluatie", reviewAfterExtension: "2", reviewBy: "CJG" },
      opts,
    );
    expect(res.status).toBe(200);
    const page = (await get(productPage.loader, `${path}?on=2027-02-01`, opts)).data;
    expect(page.rules).toHaveLength(2);
    expect(page.rules[0]).toMatchObject({ effectiveOn: "2027-01-01", amendmentId: amendment.id, amendmentTitle: "Addendum 2027", maxVolume: 3600, extensionsWithoutReferrer: 2, reviewBy: "CJG" });
    expect(page.currentRules).toMatchObject({ effectiveOn: "2027-01-01", extensionsWithoutReferrer: 2 });
    expect(page.amendments.map((a: { id: string }) => a.id)).toEqual([amendment.id]);
    const earlier = (await get(productPage.loader, `${path}?on=2026-12-31`, opts)).data;
    expect(earlier.currentRules).toMatchObject({ effectiveOn: "2026-01-01", extensionsWithoutReferrer: 0, amendmentId: null });

    // An amendment of another contract (same cooperative) or another cooperative: 400 beside the select.
    const other = await createContract(org.id);
    const [foreign] = await withSystem((tx) => tx.insert(contractAmendments).values({ organizationId: org.id, contractId: other.contractId, title: "Ander addendum", effectiveOn: "2027-06-01" }).returning());
    const elsewhere = await orgWithChair();
    const theirs = await createContract(elsewhere.org.id);
    const [stranger] = await withSystem((tx) => tx.insert(contractAmendments).values({ organizationId: elsewhere.org.id, contractId: theirs.contractId, title: "Hun addendum", effectiveOn: "2027-06-01" }).returning());
    const before = await rowCounts();
    for (const amendmentId of [foreign.id, stranger.id]) {
      const refused = await post(productPage.action, path, { intent: "rules", effectiveOn: "2027-06-01", amendmentId, extensionsWithoutReferrer: "1" }, opts);
      expect(refused.status).toBe(400);
      expect(refused.data.result.error.amendmentId).toEqual(["products.errors.amendment"]);
    }
    const early = await post(productPage.action, path, { intent: "rules", effectiveOn: "2026-12-01", amendmentId: amendment.id, extensionsWithoutReferrer: "1" }, opts);
    expect(early.status).toBe(400);
    expect(early.data.result.error.effectiveOn).toEqual(["products.errors.beforeAmendment"]);
    const sameDate = await post(productPage.action, path, { intent: "rules", effectiveOn: "2027-01-01", extensionsWithoutReferrer: "1" }, opts);
    expect(sameDate.status).toBe(400);
    expect(sameDate.data.result.error.effectiveOn).toEqual(["products.errors.rulesDate"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("editing a product carries its version: a stale version is 409 and changes nothing", async () => {
    const { chair, org, contractId, fixture } = await setup();
    const productId = fixture.productIds["45VT2"];
    const path = productPath(org.slug, contractId, productId);
    const opts = { cookie: chair.cookie, ...params(org.slug, contractId, productId) };
    const form = { intent: "update", name: "Consultatie", category: "45", code: "45VT2", unit: "hour", requiresLeadClinician: "on", version: "1" };
    const ok = await post(productPage.action, path, form, opts);
    expect(ok.status).toBe(200);
    const [row] = await withSystem((tx) => tx.select().from(contractProducts).where(eq(contractProducts.id, productId)));
    expect(row).toMatchObject({ name: "Consultatie", requiresLeadClinician: true, version: 2 });
    const before = await rowCounts();
    const stale = await post(productPage.action, path, { ...form, name: "Iets anders" }, opts);
    expect(stale.status).toBe(409);
    expect(stale.data.result.error[""]).toEqual(["errors.stale"]);
    // Switching a product with a volume in minutes to a count would misread it.
    const unit = await post(productPage.action, path, { ...form, unit: "piece", version: "2" }, opts);
    expect(unit.status).toBe(400);
    expect(unit.data.result.error.unit).toEqual(["products.errors.unitKind"]);
    // Taking the code of the other product.
    const taken = await post(productPage.action, path, { ...form, code: "45VT1", version: "2" }, opts);
    expect(taken.status).toBe(409);
    expect(taken.data.result.error.code).toEqual(["products.errors.codeTaken"]);
    expect(await rowCounts()).toEqual(before);
    const [still] = await withSystem((tx) => tx.select().from(contractProducts).where(eq(contractProducts.id, productId)));
    expect(still).toMatchObject({ name: "Consultatie", version: 2, code: "45VT2", unit: "hour" });
  });
});

describe("requirements of a contract", () => {
  it("the board adds a practitioner requirement and one on the cooperative, lists them, and removes one", async () => {
    const { chair, org, contractId } = await setup();
    const opts = { cookie: chair.cookie, ...params(org.slug, contractId) };
    const path = reqPath(org.slug, contractId);
    const skj = await typeByCode(org.id, "skj");
    const hkz = await typeByCode(org.id, "hkz");
    expect((await post(requirementsPage.action, path, { intent: "add", typeId: skj.id }, opts)).status).toBe(200);
    expect((await post(requirementsPage.action, path, { intent: "add", typeId: hkz.id }, opts)).status).toBe(200);
    const page = (await get(requirementsPage.loader, path, opts)).data;
    // The fixture's Register Vaktherapie and VOG of at most 36 months, and SKJ; HKZ on the cooperative.
    expect(page.practitioner.map((r: { code: string }) => r.code).sort()).toEqual(["register_vaktherapie", "skj", "vog"]);
    expect(page.practitioner.find((r: { code: string }) => r.code === "vog").maxAgeMonths).toBe(36);
    expect(page.organization.map((r: { code: string }) => r.code)).toEqual(["hkz"]);
    expect(page.available.map((t: { id: string }) => t.id)).not.toContain(skj.id);
    expect(page.leadClinicianProducts).toEqual([]);

    const skjRow = page.practitioner.find((r: { code: string }) => r.code === "skj");
    const removed = await post(requirementsPage.action, path, { intent: "remove", requirementId: skjRow.id }, opts);
    expect(removed.status).toBe(200);
    const rows = await withSystem((tx) => tx.select().from(contractRequirements).where(eq(contractRequirements.contractId, contractId)));
    expect(rows.map((r) => r.typeId)).not.toContain(skj.id);
    const logged = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, contractId), eq(auditLog.organizationId, org.id))));
    expect(logged.map((l) => l.action).sort()).toEqual(["contract.requirement_added", "contract.requirement_added", "contract.requirement_removed"]);
  });

  it("a VOG of at most 36 months, the products that need a lead clinician listed", async () => {
    const { chair, org, contractId } = await setup();
    const opts = { cookie: chair.cookie, ...params(org.slug, contractId) };
    await withSystem((tx) => tx.delete(contractRequirements).where(eq(contractRequirements.contractId, contractId)));
    const vog = await typeByCode(org.id, "vog");
    expect((await post(requirementsPage.action, reqPath(org.slug, contractId), { intent: "add", typeId: vog.id, maxAgeMonths: "36" }, opts)).status).toBe(200);
    await createVia(chair, org.slug, contractId, consultation({ requiresLeadClinician: "on" }));
    const page = (await get(requirementsPage.loader, reqPath(org.slug, contractId), opts)).data;
    expect(page.practitioner).toEqual([expect.objectContaining({ code: "vog", maxAgeMonths: 36 })]);
    expect(page.leadClinicianProducts.map((p: { code: string }) => p.code)).toEqual(["45CA1"]);
  });

  it("a duplicate, a type of another cooperative, a bad age: 400 beside the field, nothing written; removing an unknown id is 404", async () => {
    const { chair, org, contractId } = await setup();
    const opts = { cookie: chair.cookie, ...params(org.slug, contractId) };
    const path = reqPath(org.slug, contractId);
    const vog = await typeByCode(org.id, "vog");
    const elsewhere = await orgWithChair();
    const theirSkj = await typeByCode(elsewhere.org.id, "skj");
    const before = await rowCounts();
    const dup = await post(requirementsPage.action, path, { intent: "add", typeId: vog.id }, opts);
    expect(dup.status).toBe(400);
    expect(dup.data.result.error.typeId).toEqual(["requirements.errors.duplicate"]);
    const foreign = await post(requirementsPage.action, path, { intent: "add", typeId: theirSkj.id }, opts);
    expect(foreign.status).toBe(400);
    expect(foreign.data.result.error.typeId).toEqual(["requirements.errors.type"]);
    const age = await post(requirementsPage.action, path, { intent: "add", typeId: (await typeByCode(org.id, "skj")).id, maxAgeMonths: "0" }, opts);
    expect(age.status).toBe(400);
    expect(age.data.result.error.maxAgeMonths).toEqual(["products.errors.wholeNumber"]);
    const gone = await post(requirementsPage.action, path, { intent: "remove", requirementId: "00000000-0000-4000-8000-000000000000" }, opts);
    expect(gone.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("a double submit adds one requirement", async () => {
    const { chair, org, contractId } = await setup();
    const opts = { cookie: chair.cookie, ...params(org.slug, contractId) };
    const skj = await typeByCode(org.id, "skj");
    const results = await Promise.all([1, 2].map(() => post(requirementsPage.action, reqPath(org.slug, contractId), { intent: "add", typeId: skj.id }, opts)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const rows = await withSystem((tx) => tx.select().from(contractRequirements).where(and(eq(contractRequirements.contractId, contractId), eq(contractRequirements.typeId, skj.id))));
    expect(rows).toHaveLength(1);
  });
});

describe("refusals", () => {
  it("a member sees products and requirements read-only, and gets 403 on every write, with nothing written", async () => {
    const { org, contractId, fixture } = await setup();
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const productId = fixture.productIds["45VT1"];
    const list = await get(productList.loader, listPath(org.slug, contractId), { cookie: member.cookie, ...params(org.slug, contractId) });
    expect(list.status).toBe(200);
    expect(list.data.canWrite).toBe(false);
    expect((await get(productPage.loader, productPath(org.slug, contractId, productId), { cookie: member.cookie, ...params(org.slug, contractId, productId) })).status).toBe(200);
    const reqs = await get(requirementsPage.loader, reqPath(org.slug, contractId), { cookie: member.cookie, ...params(org.slug, contractId) });
    expect(reqs.status).toBe(200);
    expect(reqs.data.canWrite).toBe(false);

    const skj = await typeByCode(org.id, "skj");
    const before = await rowCounts();
    const attempts = [
      await createVia(member, org.slug, contractId, consultation()),
      await post(productPage.action, productPath(org.slug, contractId, productId), { intent: "tariff", amount: "99,00", validFrom: "2027-01-01" }, { cookie: member.cookie, ...params(org.slug, contractId, productId) }),
      await post(productPage.action, productPath(org.slug, contractId, productId), { intent: "update", name: "X", category: "45", code: "45VT1", unit: "hour", version: "1" }, { cookie: member.cookie, ...params(org.slug, contractId, productId) }),
      await post(requirementsPage.action, reqPath(org.slug, contractId), { intent: "add", typeId: skj.id }, { cookie: member.cookie, ...params(org.slug, contractId) }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(await rowCounts()).toEqual(before);
  });

  it("another cooperative's board gets 404 for this contract, its products and requirements; nothing written", async () => {
    const { org, contractId, fixture } = await setup();
    const other = await orgWithChair();
    const productId = fixture.productIds["45VT1"];
    const theirs = await createContract(other.org.id);
    const before = await rowCounts();
    // Through their own cooperative's URL with this contract's id...
    const own = (id?: string) => ({ cookie: other.chair.cookie, ...params(other.org.slug, contractId, id) });
    expect((await get(productList.loader, listPath(other.org.slug, contractId), own())).status).toBe(404);
    expect((await get(productPage.loader, productPath(other.org.slug, contractId, productId), own(productId))).status).toBe(404);
    expect((await get(requirementsPage.loader, reqPath(other.org.slug, contractId), own())).status).toBe(404);
    expect((await createVia(other.chair, other.org.slug, contractId, consultation())).status).toBe(404);
    expect((await post(productPage.action, productPath(other.org.slug, contractId, productId), { intent: "tariff", amount: "1,00", validFrom: "2027-01-01" }, own(productId))).status).toBe(404);
    const theirVog = await typeByCode(other.org.id, "vog");
    expect((await post(requirementsPage.action, reqPath(other.org.slug, contractId), { intent: "add", typeId: theirVog.id }, own())).status).toBe(404);
    // ...and through this cooperative's URL, which they do not belong to.
    expect((await get(productList.loader, listPath(org.slug, contractId), { cookie: other.chair.cookie, ...params(org.slug, contractId) })).status).toBe(404);
    // A product of their own contract under this contract's id: not found either.
    expect((await get(productPage.loader, productPath(other.org.slug, theirs.contractId, productId), { cookie: other.chair.cookie, ...params(other.org.slug, theirs.contractId, productId) })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("anonymous visitors are sent to the login page", async () => {
    const { org, contractId } = await setup();
    const res = await get(productList.loader, listPath(org.slug, contractId), params(org.slug, contractId));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/login/);
    const post1 = await createVia({ cookie: "" }, org.slug, contractId, consultation());
    expect(post1.status).toBe(302);
    expect((await productRows(contractId)).map((p) => p.code).sort()).toEqual(["45VT1", "45VT2"]);
  });
});
