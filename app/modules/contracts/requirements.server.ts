// What a contract requires: registration types each practitioner must hold (subject
// member, e.g. Register Vaktherapie, a VOG of at most 36 months), registrations of the
// cooperative itself (subject organization, e.g. HKZ), and which products need a lead
// clinician (a flag on the product, listed here). Eligibility reads the same rows
// (eligibility.server.ts), so a change here changes who may deliver.
import { and, asc, eq } from "drizzle-orm";
import { isUniqueViolation } from "~db/errors";
import { contractProducts, contractRequirements, registrationTypes } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { loadContract } from "./contracts.server";
import type { AddRequirementInput } from "./product-schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getRequirements(ctx: MemberContext, contractId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    const rows = await tx
      .select({
        id: contractRequirements.id,
        typeId: contractRequirements.typeId,
        maxAgeMonths: contractRequirements.maxAgeMonths,
        code: registrationTypes.code,
        name: registrationTypes.name,
        subject: registrationTypes.subject,
      })
      .from(contractRequirements)
      .innerJoin(registrationTypes, and(eq(registrationTypes.id, contractRequirements.typeId), eq(registrationTypes.organizationId, ctx.org.id)))
      .where(and(eq(contractRequirements.organizationId, ctx.org.id), eq(contractRequirements.contractId, contract.id)))
      .orderBy(asc(registrationTypes.subject), asc(registrationTypes.code), asc(registrationTypes.name));
    const types = await tx
      .select({ id: registrationTypes.id, code: registrationTypes.code, name: registrationTypes.name, subject: registrationTypes.subject })
      .from(registrationTypes)
      .where(and(eq(registrationTypes.organizationId, ctx.org.id), eq(registrationTypes.active, true)))
      .orderBy(asc(registrationTypes.subject), asc(registrationTypes.code), asc(registrationTypes.name));
    const required = new Set(rows.map((r) => r.typeId));
    const leadClinicianProducts = await tx
      .select({ id: contractProducts.id, name: contractProducts.name, category: contractProducts.category, code: contractProducts.code })
      .from(contractProducts)
      .where(and(eq(contractProducts.organizationId, ctx.org.id), eq(contractProducts.contractId, contract.id), eq(contractProducts.requiresLeadClinician, true)))
      .orderBy(asc(contractProducts.category), asc(contractProducts.code));
    return {
      practitioner: rows.filter((r) => r.subject === "member"),
      organization: rows.filter((r) => r.subject === "organization"),
      available: types.filter((t) => !required.has(t.id)),
      leadClinicianProducts,
    };
  });
}

function duplicate(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("invalid", "requirements.errors.duplicate", "typeId");
  throw error;
}

/** Require a registration type under the contract; the type must be this cooperative's, and required once. */
export async function addRequirement(ctx: MemberContext, contractId: string, input: Omit<AddRequirementInput, "intent">) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    const [type] = await tx
      .select({ id: registrationTypes.id, code: registrationTypes.code, subject: registrationTypes.subject })
      .from(registrationTypes)
      .where(and(eq(registrationTypes.id, input.typeId), eq(registrationTypes.organizationId, ctx.org.id)));
    if (!type) throw new AppError("invalid", "requirements.errors.type", "typeId");
    const [same] = await tx
      .select({ id: contractRequirements.id })
      .from(contractRequirements)
      .where(and(eq(contractRequirements.organizationId, ctx.org.id), eq(contractRequirements.contractId, contract.id), eq(contractRequirements.typeId, type.id)));
    if (same) throw new AppError("invalid", "requirements.errors.duplicate", "typeId");
    const [row] = await tx
      .insert(contractRequirements)
      .values({ organizationId: ctx.org.id, contractId: contract.id, typeId: type.id, maxAgeMonths: input.maxAgeMonths })
      .returning();
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "contract.requirement_added",
      entityType: "contract",
      entityId: contract.id,
      after: { requirementId: row.id, typeId: type.id, typeCode: type.code, subject: type.subject, maxAgeMonths: input.maxAgeMonths },
      ip: ctx.ip,
    });
    return row;
  }).catch(duplicate);
}

export async function removeRequirement(ctx: MemberContext, contractId: string, requirementId: string) {
  return withTenant(ctx.org.id, async (tx) => {
    const contract = await loadContract(tx, ctx.org.id, contractId);
    if (!UUID.test(requirementId)) throw new AppError("not_found");
    const [row] = await tx
      .select()
      .from(contractRequirements)
      .where(and(eq(contractRequirements.id, requirementId), eq(contractRequirements.contractId, contract.id), eq(contractRequirements.organizationId, ctx.org.id)));
    if (!row) throw new AppError("not_found");
    await tx.delete(contractRequirements).where(and(eq(contractRequirements.id, row.id), eq(contractRequirements.organizationId, ctx.org.id)));
    await audit(tx, {
      organizationId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "contract.requirement_removed",
      entityType: "contract",
      entityId: contract.id,
      before: { requirementId: row.id, typeId: row.typeId, maxAgeMonths: row.maxAgeMonths },
      ip: ctx.ip,
    });
  });
}
