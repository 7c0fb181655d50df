// Products under a contract: the product itself, its tariffs (a row per validity
// start, yearly indexation adds one) and its rules (a row per effective date, the
// contract's start or an amendment's). Rows are appended, never edited, so the
// history stays readable and any date finds what was in force (tariffOn, rulesOn).
import { extensionRuleProblems, groupBy, isTimeUnit, parseVolume, rulesOn, tariffOn, todayInAmsterdam, type ProductUnit } from "@koepel/rules";
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { contractAmendments, contractProducts, productRules, productTariffs } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { rebuildTimeEntryTotals } from "~/modules/budget/totals.server";
import { audit } from "../audit/audit.server";
import { loadContract } from "./contracts.server";
import type { CreateProductInput, RuleFieldsInput, RulesInput, TariffInput, UpdateProductInput } from "./product-schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A product of this contract and cooperative, or "not found". */
async function loadProduct(tx: Tx, orgId: string, contractId: string, productId: string, lock = false) {
  if (!UUID.test(productId)) throw new AppError("not_found");
  const q = tx
    .select()
    .from(contractProducts)
    .where(and(eq(contractProducts.id, productId), eq(contractProducts.contractId, contractId), eq(contractProducts.organizationId, orgId)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

/** The rule columns from what the board typed: volume converted by the unit, fields that hang together. */
function ruleColumns(input: RuleFieldsInput, unit: ProductUnit) {
  let maxVolume: number | null = null;
  if (input.maxVolume !== null) {
    maxVolume = parseVolume(input.maxVolume, unit);
    if (maxVolume === null) throw new AppError("invalid", isTimeUnit(unit) ? "products.errors.volumeHours" : "products.errors.volume", "maxVolume");
  }
  const rules = {
    maxVolume,
    maxDurationWeeks: input.maxDurationWeeks,
    extensionsWithoutReferrer: input.extensionsWithoutReferrer,
    documentAtExtension: input.documentAtExtension,
    documentName: input.documentName,
    reviewAfterExtension: input.reviewAfterExtension,
    reviewBy: input.reviewBy,
  };
  const [problem] = extensionRuleProblems(rules);
  if (problem) throw new AppError("invalid", problem.key, problem.field);
  return rules;
}

function codeTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", "products.errors.codeTaken", "code");
  throw error;
}

/** The contract's products with the tariff and rules in force on `date` (today by default). */
export async function listProducts(ctx: MemberContext, contractId: string, date = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    const products = await tx
      .select()
      .from(contractProducts)
      .where(and(eq(contractProducts.organizationId, ctx.org.id), eq(contractProducts.contractId, contract.id)))
      .orderBy(asc(contractProducts.category), asc(contractProducts.code));
    const ids = products.map((p) => p.id);
    const tariffs = ids.length
      ? await tx.select().from(productTariffs).where(and(eq(productTariffs.organizationId, ctx.org.id), inArray(productTariffs.productId, ids)))
      : [];
    const rules = ids.length ? await tx.select().from(productRules).where(and(eq(productRules.organizationId, ctx.org.id), inArray(productRules.productId, ids))) : [];
    const tariffsBy = groupBy(tariffs, (t) => t.productId);
    const rulesBy = groupBy(rules, (r) => r.productId);
    return {
      contract: { id: contract.id, startsOn: contract.startsOn, endsOn: contract.endsOn },
      date,
      products: products.map((p) => {
        const tariff = tariffOn(
          tariffsBy.get(p.id) ?? [],
          date,
        );
        const rule = rulesOn(
          rulesBy.get(p.id) ?? [],
          date,
        );
        return {
          id: p.id,
          name: p.name,
          category: p.category,
          code: p.code,
          unit: p.unit,
          requiresLeadClinician: p.requiresLeadClinician,
          tariffCents: tariff?.amountCents ?? null,
          maxVolume: rule?.maxVolume ?? null,
          maxDurationWeeks: rule?.maxDurationWeeks ?? null,
        };
      }),
    };
  });
}

/** A new product with its first tariff and first rules, both from `validFrom`. */
export async function createProduct(ctx: MemberContext, contractId: string, input: CreateProductInput) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    const rules = ruleColumns(input, input.unit);
    const product = { name: input.name, category: input.category, code: input.code, unit: input.unit, requiresLeadClinician: input.requiresLeadClinician };
    const [row] = await tx
      .insert(contractProducts)
      .values({ organizationId: ctx.org.id, contractId: contract.id, ...product })
      .returning();
    await tx.insert(productTariffs).values({ organizationId: ctx.org.id, productId: row.id, validFrom: input.validFrom, amountCents: input.tariff, createdBy: ctx.user.id });
    await tx.insert(productRules).values({ organizationId: ctx.org.id, productId: row.id, effectiveOn: input.validFrom, ...rules });
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "product.created",
      entityType: "product",
      entityId: row.id,
      after: { contractId: contract.id, ...product, tariff: { validFrom: input.validFrom, amountCents: input.tariff }, rules: { effectiveOn: input.validFrom, ...rules } },
      ip: ctx.ip,
    });
    return row;
  }).catch(codeTaken);
}

/** One product: its history of tariffs and rules, and what is in force on `date`. */
export async function getProduct(ctx: MemberContext, contractId: string, productId: string, date = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    const product = await loadProduct(tx, ctx.org.id, contract.id, productId);
    const tariffs = await tx
      .select({ id: productTariffs.id, validFrom: productTariffs.validFrom, amountCents: productTariffs.amountCents })
      .from(productTariffs)
      .where(and(eq(productTariffs.organizationId, ctx.org.id), eq(productTariffs.productId, product.id)))
      .orderBy(desc(productTariffs.validFrom));
    const rules = await tx
      .select({
        id: productRules.id,
        effectiveOn: productRules.effectiveOn,
        amendmentId: productRules.amendmentId,
        amendmentTitle: contractAmendments.title,
        maxVolume: productRules.maxVolume,
        maxDurationWeeks: productRules.maxDurationWeeks,
        extensionsWithoutReferrer: productRules.extensionsWithoutReferrer,
        documentAtExtension: productRules.documentAtExtension,
        documentName: productRules.documentName,
        reviewAfterExtension: productRules.reviewAfterExtension,
        reviewBy: productRules.reviewBy,
      })
      .from(productRules)
      .leftJoin(contractAmendments, and(eq(contractAmendments.id, productRules.amendmentId), eq(contractAmendments.organizationId, ctx.org.id)))
      .where(and(eq(productRules.organizationId, ctx.org.id), eq(productRules.productId, product.id)))
      .orderBy(desc(productRules.effectiveOn));
    const amendments = await tx
      .select({ id: contractAmendments.id, title: contractAmendments.title, effectiveOn: contractAmendments.effectiveOn })
      .from(contractAmendments)
      .where(and(eq(contractAmendments.organizationId, ctx.org.id), eq(contractAmendments.contractId, contract.id)))
      .orderBy(asc(contractAmendments.effectiveOn));
    return {
      contract: { id: contract.id, startsOn: contract.startsOn, endsOn: contract.endsOn },
      product: { id: product.id, name: product.name, category: product.category, code: product.code, unit: product.unit, requiresLeadClinician: product.requiresLeadClinician, version: product.version },
      date,
      tariffs,
      rules,
      amendments,
      currentTariff: tariffOn(tariffs, date),
      currentRules: rulesOn(rules, date),
    };
  });
}

export async function updateProduct(ctx: MemberContext, contractId: string, productId: string, input: Omit<UpdateProductInput, "intent">) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const before = await loadProduct(tx, ctx.org.id, contractId, productId, true);
    if (before.version !== input.version) throw new AppError("conflict", "errors.stale");
    // Stored volumes are minutes for time units and counts otherwise: switching between the two would misread them.
    if (isTimeUnit(before.unit) !== isTimeUnit(input.unit)) {
      const [withVolume] = await tx
        .select({ id: productRules.id })
        .from(productRules)
        .where(and(eq(productRules.organizationId, ctx.org.id), eq(productRules.productId, before.id), isNotNull(productRules.maxVolume)))
        .limit(1);
      if (withVolume) throw new AppError("invalid", "products.errors.unitKind", "unit");
    }
    const after = { name: input.name, category: input.category, code: input.code, unit: input.unit, requiresLeadClinician: input.requiresLeadClinician };
    await tx
      .update(contractProducts)
      .set({ ...after, version: before.version + 1 })
      .where(and(eq(contractProducts.id, before.id), eq(contractProducts.organizationId, ctx.org.id)));
    if (before.unit !== input.unit) await rebuildTimeEntryTotals(tx, ctx.org.id, [before.contractId]);
    const { name, category, code, unit, requiresLeadClinician } = before;
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "product.updated", entityType: "product", entityId: before.id, before: { name, category, code, unit, requiresLeadClinician }, after, ip: ctx.ip });
  }).catch(codeTaken);
}

function dateTaken(field: string, key: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw new AppError("invalid", key, field);
    throw error;
  };
}

/** A tariff from a date on (yearly indexation). One tariff per date. */
export async function addTariff(ctx: MemberContext, contractId: string, productId: string, input: Omit<TariffInput, "intent">) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const product = await loadProduct(tx, ctx.org.id, contractId, productId);
    const [same] = await tx
      .select({ id: productTariffs.id })
      .from(productTariffs)
      .where(and(eq(productTariffs.organizationId, ctx.org.id), eq(productTariffs.productId, product.id), eq(productTariffs.validFrom, input.validFrom)));
    if (same) throw new AppError("invalid", "products.errors.tariffDate", "validFrom");
    const [row] = await tx.insert(productTariffs).values({ organizationId: ctx.org.id, productId: product.id, validFrom: input.validFrom, amountCents: input.amount, createdBy: ctx.user.id }).returning();
    // Entries already logged on or after the new tariff's date are priced at it: their summaries follow.
    await rebuildTimeEntryTotals(tx, ctx.org.id, [product.contractId]);
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "product.tariff_added", entityType: "product", entityId: product.id, after: { tariffId: row.id, validFrom: input.validFrom, amountCents: input.amount }, ip: ctx.ip });
    return row;
  }).catch(dateTaken("validFrom", "products.errors.tariffDate"));
}

/** A new version of the product's rules from a date, optionally the work of one of this contract's amendments. */
export async function addRules(ctx: MemberContext, contractId: string, productId: string, input: Omit<RulesInput, "intent">) {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    const product = await loadProduct(tx, ctx.org.id, contractId, productId);
    let amendmentId: string | null = null;
    if (input.amendmentId) {
      const [amendment] = await tx
        .select({ id: contractAmendments.id, effectiveOn: contractAmendments.effectiveOn })
        .from(contractAmendments)
        .where(and(eq(contractAmendments.id, input.amendmentId), eq(contractAmendments.contractId, contractId), eq(contractAmendments.organizationId, ctx.org.id)));
      if (!amendment) throw new AppError("invalid", "products.errors.amendment", "amendmentId");
      // An amendment changes the rules from its own date on, not before.
      if (input.effectiveOn < amendment.effectiveOn) throw new AppError("invalid", "products.errors.beforeAmendment", "effectiveOn");
      amendmentId = amendment.id;
    }
    const rules = ruleColumns(input, product.unit);
    const [same] = await tx
      .select({ id: productRules.id })
      .from(productRules)
      .where(and(eq(productRules.organizationId, ctx.org.id), eq(productRules.productId, product.id), eq(productRules.effectiveOn, input.effectiveOn)));
    if (same) throw new AppError("invalid", "products.errors.rulesDate", "effectiveOn");
    const [row] = await tx
      .insert(productRules)
      .values({ organizationId: ctx.org.id, productId: product.id, amendmentId, effectiveOn: input.effectiveOn, ...rules })
      .returning();
    await audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: "product.rules_added", entityType: "product", entityId: product.id, after: { ruleId: row.id, amendmentId, effectiveOn: input.effectiveOn, ...rules }, ip: ctx.ip });
    return row;
  }).catch(dateTaken("effectiveOn", "products.errors.rulesDate"));
}
