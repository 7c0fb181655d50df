import { indirectTermsOn, todayInAmsterdam, type IndirectTerms } from "@koepel/rules";
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Tx } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { contractAmendments, contractDocuments, contractProducts, contractTerms, files, productRules, users } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { rebuildTimeEntryTotals } from "~/modules/budget/totals.server";
import { audit } from "../audit/audit.server";
import { loadContract } from "./contracts.server";
import { checkOptionalUpload, type Upload } from "../files/uploads.server";
import { storeDocument } from "./documents.server";
import type { AmendmentInput } from "./schemas";

// Amendments (addenda): dated changes. The rules an amendment changes are rows that
// point back to it (contract_terms here, product_rules from the products part), so
// the rules in force on any date are found by date and the history stays readable.

/** The contract's own indirect-time terms and the dated changes to them, oldest first. */
export async function loadIndirectTerms(tx: Tx, orgId: string, contractId: string) {
  const c = await loadContract(tx, orgId, contractId);
  const changes = await tx
    .select({ effectiveOn: contractTerms.effectiveOn, indirectTime: contractTerms.indirectTime, indirectSharePercent: contractTerms.indirectSharePercent, amendmentId: contractTerms.amendmentId })
    .from(contractTerms)
    .where(and(eq(contractTerms.organizationId, orgId), eq(contractTerms.contractId, c.id)))
    .orderBy(asc(contractTerms.effectiveOn));
  const base: IndirectTerms = { indirectTime: c.indirectTime, indirectSharePercent: c.indirectSharePercent };
  return { base, changes };
}

/** The indirect-time terms of a contract in force on a date (for budget and trajectories). */
export async function contractTermsOn(ctx: MemberContext, contractId: string, date: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const { base, changes } = await loadIndirectTerms(tx, ctx.org.id, contractId);
    return indirectTermsOn(base, changes, date);
  });
}

/** The amendments of a contract, newest first, each with its terms, document and product rule changes. */
export async function listAmendments(ctx: MemberContext, contractId: string, today = todayInAmsterdam()) {
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    const { base, changes } = await loadIndirectTerms(tx, ctx.org.id, c.id);
    const rows = await tx
      .select({ a: contractAmendments, by: users.name })
      .from(contractAmendments)
      .leftJoin(users, eq(users.id, contractAmendments.createdBy))
      .where(and(eq(contractAmendments.organizationId, ctx.org.id), eq(contractAmendments.contractId, c.id)))
      .orderBy(desc(contractAmendments.effectiveOn), desc(contractAmendments.createdAt));
    const ids = rows.map((r) => r.a.id);
    const docs = ids.length
      ? await tx
          .select({ id: contractDocuments.id, amendmentId: contractDocuments.amendmentId, title: contractDocuments.title, filename: files.filename })
          .from(contractDocuments)
          .innerJoin(files, and(eq(files.id, contractDocuments.fileId), eq(files.organizationId, ctx.org.id)))
          .where(and(eq(contractDocuments.organizationId, ctx.org.id), eq(contractDocuments.contractId, c.id), isNotNull(contractDocuments.amendmentId), inArray(contractDocuments.amendmentId, ids)))
      : [];
    const rules = ids.length
      ? await tx
          .select({ rule: productRules, productName: contractProducts.name, productCode: contractProducts.code })
          .from(productRules)
          .innerJoin(contractProducts, and(eq(contractProducts.id, productRules.productId), eq(contractProducts.organizationId, ctx.org.id)))
          .where(and(eq(productRules.organizationId, ctx.org.id), eq(contractProducts.contractId, c.id), inArray(productRules.amendmentId, ids)))
          .orderBy(asc(contractProducts.code))
      : [];
    return {
      contractId: c.id,
      base,
      termsToday: indirectTermsOn(base, changes, today),
      amendments: rows.map(({ a, by }) => {
        const terms = changes.find((t) => t.amendmentId === a.id) ?? null;
        return {
          id: a.id,
          title: a.title,
          effectiveOn: a.effectiveOn,
          summary: a.summary,
          by,
          createdAt: a.createdAt.toISOString(),
          terms: terms ? { indirectTime: terms.indirectTime, indirectSharePercent: terms.indirectSharePercent } : null,
          documents: docs.filter((d) => d.amendmentId === a.id).map((d) => ({ id: d.id, title: d.title, filename: d.filename })),
          productRules: rules
            .filter((r) => r.rule.amendmentId === a.id)
            .map(({ rule, productName, productCode }) => ({
              id: rule.id,
              productName,
              productCode,
              maxVolume: rule.maxVolume,
              maxDurationWeeks: rule.maxDurationWeeks,
              extensionsWithoutReferrer: rule.extensionsWithoutReferrer,
              documentAtExtension: rule.documentAtExtension,
              documentName: rule.documentName,
              reviewAfterExtension: rule.reviewAfterExtension,
              reviewBy: rule.reviewBy,
            })),
        };
      }),
    };
  });
}

/**
 * The board records an amendment from its effective date, optionally with new
 * indirect-time terms from that date and the amendment's text as a document.
 * The form carries a key made when it was shown: a double submit records one.
 */
export async function createAmendment(ctx: MemberContext, contractId: string, input: AmendmentInput, upload: Upload | null) {
  const doc = checkOptionalUpload(upload, "document");
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId, true);
    if (input.effectiveOn < c.startsOn || input.effectiveOn > (c.latestEndOn && c.latestEndOn > c.endsOn ? c.latestEndOn : c.endsOn)) {
      throw new AppError("invalid", "contracts.errors.amendmentOutside", "effectiveOn");
    }
    const [row] = await tx
      .insert(contractAmendments)
      .values({ id: input.key, organizationId: ctx.org.id, contractId: c.id, title: input.title, effectiveOn: input.effectiveOn, summary: input.summary || null, createdBy: ctx.user.id })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // The same form again: answer with the first one, if it is this contract's.
      const [existing] = await tx.select().from(contractAmendments).where(and(eq(contractAmendments.organizationId, ctx.org.id), eq(contractAmendments.id, input.key)));
      if (!existing || existing.contractId !== c.id) throw new AppError("conflict", "errors.stale");
      return existing;
    }
    let terms: IndirectTerms | null = null;
    if (input.changesTerms && input.indirectTime) {
      terms = { indirectTime: input.indirectTime, indirectSharePercent: input.indirectTime === "share" ? (input.indirectSharePercent ?? 0) : null };
      const [taken] = await tx
        .select({ id: contractTerms.id })
        .from(contractTerms)
        .where(and(eq(contractTerms.organizationId, ctx.org.id), eq(contractTerms.contractId, c.id), eq(contractTerms.effectiveOn, input.effectiveOn)));
      if (taken) throw new AppError("conflict", "contracts.errors.termsSameDate", "effectiveOn");
      await tx.insert(contractTerms).values({ organizationId: ctx.org.id, contractId: c.id, amendmentId: row.id, effectiveOn: input.effectiveOn, ...terms });
      // Entries from the amendment's date on are priced under its terms: their summaries follow.
      await rebuildTimeEntryTotals(tx, ctx.org.id, [c.id]);
    }
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "contract.amendment_added",
      entityType: "contract",
      entityId: c.id,
      after: { amendmentId: row.id, title: row.title, effectiveOn: row.effectiveOn, summary: row.summary, terms },
      ip: ctx.ip,
    });
    if (doc) await storeDocument(tx, ctx, c.id, input.title, doc, row.id);
    return row;
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new AppError("conflict", "contracts.errors.termsSameDate", "effectiveOn");
    throw error;
  });
}
