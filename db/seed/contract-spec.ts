// One way to write a whole contract (products, tariffs, rules, requirements,
// amendments, ceilings) straight into the database: the demo seeds its contracts
// with it and the tests build their fixtures with it, so both describe a contract
// the same way. The app's own forms go through the contracts module instead.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "../client";
import {
  budgetCeilings,
  contractAmendments,
  contractMunicipalities,
  contractProducts,
  contractRequirements,
  contracts,
  municipalities,
  productRules,
  productTariffs,
  regions,
  registrationTypes,
} from "../schema";

type RuleSpec = {
  maxVolume?: number | null;
  maxDurationWeeks?: number | null;
  extensionsWithoutReferrer?: number;
  documentAtExtension?: number | null;
  documentName?: string | null;
  reviewAfterExtension?: number | null;
  reviewBy?: string | null;
};

export type ContractSpec = {
  name: string;
  reference?: string;
  clientKind: "region" | "municipalities" | "main_contractor";
  regionCode?: string;
  municipalityNames?: string[];
  mainContractor?: string;
  kind: "tender_framework" | "open_house" | "custom" | "pilot" | "subcontract";
  lot?: string;
  startsOn: string;
  endsOn: string;
  extensionOptions?: string;
  latestEndOn?: string;
  evaluationDates?: string[];
  financing?: "effort" | "output" | "task_budget";
  indirectTime?: "not_paid" | "share" | "included";
  indirectSharePercent?: number;
  stopsWhenBudgetSpent?: boolean;
  notes?: string;
  products: {
    name: string;
    category: string;
    code: string;
    unit?: "minute" | "hour" | "day_part" | "piece" | "euro";
    requiresLeadClinician?: boolean;
    tariffs: { validFrom: string; amountCents: number }[];
    rules: RuleSpec;
  }[];
  /** Registration type codes (built-in) with an optional maximum age in months. */
  requirements: { code: string; maxAgeMonths?: number }[];
  amendments?: { title: string; effectiveOn: string; summary?: string; productRules?: Record<string, RuleSpec> }[];
  ceilings?: { year: number; amountCents: number }[];
};

export type ContractFixture = { contractId: string; productIds: Record<string, string>; requirementTypeIds: string[] };

export async function insertContractSpec(tx: Tx, organizationId: string, spec: ContractSpec, createdBy: string | null = null): Promise<ContractFixture> {
  const region = spec.regionCode ? (await tx.select().from(regions).where(eq(regions.code, spec.regionCode)))[0] : undefined;
  const [contract] = await tx
    .insert(contracts)
    .values({
      organizationId,
      name: spec.name,
      reference: spec.reference ?? null,
      clientKind: spec.clientKind,
      regionId: region?.id ?? null,
      mainContractor: spec.mainContractor ?? null,
      kind: spec.kind,
      lot: spec.lot ?? null,
      startsOn: spec.startsOn,
      endsOn: spec.endsOn,
      extensionOptions: spec.extensionOptions ?? null,
      latestEndOn: spec.latestEndOn ?? null,
      evaluationDates: spec.evaluationDates ?? [],
      financing: spec.financing ?? "effort",
      indirectTime: spec.indirectTime ?? "not_paid",
      indirectSharePercent: spec.indirectSharePercent ?? null,
      stopsWhenBudgetSpent: spec.stopsWhenBudgetSpent ?? false,
      notes: spec.notes ?? null,
      createdBy,
    })
    .returning();
  if (spec.municipalityNames?.length) {
    const found = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(and(isNull(municipalities.organizationId), inArray(municipalities.name, spec.municipalityNames)));
    for (const m of found) await tx.insert(contractMunicipalities).values({ organizationId, contractId: contract.id, municipalityId: m.id });
  }
  const productIds: Record<string, string> = {};
  for (const p of spec.products) {
    const [product] = await tx
      .insert(contractProducts)
      .values({ organizationId, contractId: contract.id, name: p.name, category: p.category, code: p.code, unit: p.unit ?? "hour", requiresLeadClinician: p.requiresLeadClinician ?? false })
      .returning();
    productIds[p.code] = product.id;
    for (const t of p.tariffs) await tx.insert(productTariffs).values({ organizationId, productId: product.id, validFrom: t.validFrom, amountCents: t.amountCents, createdBy });
    await tx.insert(productRules).values({ organizationId, productId: product.id, effectiveOn: spec.startsOn, ...p.rules });
  }
  const requirementTypeIds: string[] = [];
  for (const r of spec.requirements) {
    const [type] = await tx
      .select({ id: registrationTypes.id })
      .from(registrationTypes)
      .where(and(eq(registrationTypes.organizationId, organizationId), eq(registrationTypes.code, r.code)));
    if (!type) throw new Error(`registration type ${r.code} missing in ${organizationId}`);
    await tx.insert(contractRequirements).values({ organizationId, contractId: contract.id, typeId: type.id, maxAgeMonths: r.maxAgeMonths ?? null });
    requirementTypeIds.push(type.id);
  }
  for (const a of spec.amendments ?? []) {
    const [amendment] = await tx
      .insert(contractAmendments)
      .values({ organizationId, contractId: contract.id, title: a.title, effectiveOn: a.effectiveOn, summary: a.summary ?? null, createdBy })
      .returning();
    for (const [code, rules] of Object.entries(a.productRules ?? {})) {
      // An amendment restates the product's rules in full from its date: start from those in force.
      const [before] = await tx
        .select()
        .from(productRules)
        .where(and(eq(productRules.productId, productIds[code]), sql`${productRules.effectiveOn} <= ${a.effectiveOn}`))
        .orderBy(sql`${productRules.effectiveOn} desc`)
        .limit(1);
      const { id: _id, createdAt: _c, amendmentId: _a, effectiveOn: _e, ...carried } = before;
      await tx.insert(productRules).values({ ...carried, ...rules, amendmentId: amendment.id, effectiveOn: a.effectiveOn });
    }
  }
  for (const c of spec.ceilings ?? []) {
    await tx.insert(budgetCeilings).values({ organizationId, contractId: contract.id, year: c.year, amountCents: c.amountCents, createdBy });
  }
  return { contractId: contract.id, productIds, requirementTypeIds };
}
