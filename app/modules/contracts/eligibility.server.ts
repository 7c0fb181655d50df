// Eligibility as the database holds it: the requirements of each contract, the
// registrations of each practitioner and of the cooperative, fed to the pure rule
// (packages/rules/src/eligibility.ts). The time-logging gate, the matrix, the roster
// and the dashboard all ask here, so they can never disagree.
import { eligibilityOn, pushTo, type Eligibility, type HeldRegistration, type MemberStatus, type MemberType, type Requirement } from "@koepel/rules";
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { contractRequirements, contracts, members, registrations, registrationTypes } from "~db/schema";
import { parsedJson } from "~db/json";

export type RequirementRow = Requirement & { contractId: string; id: string; typeCode: string | null; typeName: string | null };

/**
 * Registrations held, per member id, and the cooperative's own: one query for both
 * (the member's rows and those without a member).
 */
async function loadHeld(tx: Tx, orgId: string, memberIds?: readonly string[]) {
  const rows = await tx
    .select({
      memberId: registrations.memberId,
      typeId: registrations.typeId,
      verification: registrations.verification,
      issuedOn: registrations.issuedOn,
      validUntil: registrations.validUntil,
    })
    .from(registrations)
    .where(and(eq(registrations.organizationId, orgId), memberIds ? or(isNull(registrations.memberId), inArray(registrations.memberId, memberIds.length ? [...memberIds] : ["00000000-0000-0000-0000-000000000000"])) : undefined));
  const byMember = new Map<string, HeldRegistration[]>();
  const organization: HeldRegistration[] = [];
  for (const { memberId, ...reg } of rows) {
    if (memberId) pushTo(byMember, memberId, reg);
    else organization.push(reg);
  }
  return { byMember, organization };
}

export type Practitioner = { id: string; name: string; type: MemberType; status: MemberStatus; leavesOn: string | null };

/** Everyone who can deliver care: all member records but office staff. */
export async function loadPractitioners(tx: Tx, orgId: string, memberIds?: readonly string[]): Promise<Practitioner[]> {
  return tx
    .select({ id: members.id, name: members.name, type: members.type, status: members.status, leavesOn: members.leavesOn })
    .from(members)
    .where(and(eq(members.organizationId, orgId), ne(members.type, "office_staff"), memberIds ? inArray(members.id, memberIds.length ? [...memberIds] : ["00000000-0000-0000-0000-000000000000"]) : undefined))
    .orderBy(asc(members.name), asc(members.id));
}

export type EligibilityCell = { contractId: string; memberId: string; eligibility: Eligibility };

/** What eligibility on any date needs, loaded once: the rule can then be asked for many dates without another query. */
export type EligibilityBasis = {
  practitioners: Practitioner[];
  contracts: { id: string; name: string }[];
  /** The same contracts with what the compliance dashboard's cards show of them, so it reads them no second time. */
  contractDetails: { id: string; name: string; lot: string | null; startsOn: string; endsOn: string }[];
  requirements: Map<string, RequirementRow[]>;
  held: Awaited<ReturnType<typeof loadHeld>>;
  members: Map<string, Practitioner>;
};


/**
 * The contracts with their requirements in one statement: each contract's requirements
 * (with the registration type's subject, code and name) ride along as a json array.
 */
async function loadContractsWithRequirements(tx: Tx, orgId: string, contractIds?: readonly string[]) {
  const rows = await tx
    .select({
      id: contracts.id,
      name: contracts.name,
      lot: contracts.lot,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
      requirements: sql`coalesce((select json_agg(json_build_object('id', cr.id, 'contractId', cr.contract_id, 'typeId', cr.type_id, 'maxAgeMonths', cr.max_age_months, 'subject', rt.subject, 'typeCode', rt.code, 'typeName', rt.name)) from ${contractRequirements} cr join ${registrationTypes} rt on rt.id = cr.type_id where cr.organization_id = ${orgId} and cr.contract_id = "contracts"."id"), '[]'::json)`.mapWith(
        (v) => parsedJson(v) as RequirementRow[],
      ),
    })
    .from(contracts)
    .where(and(eq(contracts.organizationId, orgId), contractIds ? inArray(contracts.id, contractIds.length ? [...contractIds] : ["00000000-0000-0000-0000-000000000000"]) : undefined))
    .orderBy(asc(contracts.name), asc(contracts.id));
  const requirements = new Map<string, RequirementRow[]>();
  for (const row of rows) if (row.requirements.length) requirements.set(row.id, row.requirements);
  return { contracts: rows.map((c) => ({ id: c.id, name: c.name })), details: rows.map((c) => ({ id: c.id, name: c.name, lot: c.lot, startsOn: c.startsOn, endsOn: c.endsOn })), requirements };
}

export async function loadEligibilityBasis(tx: Tx, orgId: string, input: { contractIds?: readonly string[]; memberIds?: readonly string[] }): Promise<EligibilityBasis> {
  const { contracts: contractRows, details, requirements } = await loadContractsWithRequirements(tx, orgId, input.contractIds);
  const practitioners = await loadPractitioners(tx, orgId, input.memberIds);
  const held = await loadHeld(tx, orgId, input.memberIds ? practitioners.map((p) => p.id) : undefined);
  return { practitioners, contracts: contractRows, contractDetails: details, requirements, held, members: new Map(practitioners.map((p) => [p.id, p])) };
}

/** The rule for one member under one contract on a date, from a loaded basis (no query). */
export function eligibilityFrom(basis: EligibilityBasis, contractId: string, memberId: string, date: string, windowDays?: number): Eligibility | null {
  const member = basis.members.get(memberId);
  if (!member) return null;
  return eligibilityOn({
    date,
    member,
    requirements: basis.requirements.get(contractId) ?? [],
    registrations: basis.held.byMember.get(memberId) ?? [],
    organizationRegistrations: basis.held.organization,
    windowDays,
  });
}

/**
 * Eligibility of practitioners under contracts on a date: one cell per (contract,
 * member). Narrow with contractIds and memberIds; by default everything of the
 * cooperative.
 */
export async function eligibilityCells(
  tx: Tx,
  orgId: string,
  input: { date: string; contractIds?: readonly string[]; memberIds?: readonly string[]; windowDays?: number },
): Promise<EligibilityBasis & { cells: EligibilityCell[] }> {
  const basis = await loadEligibilityBasis(tx, orgId, input);
  const cells: EligibilityCell[] = [];
  for (const contract of basis.contracts) {
    for (const p of basis.practitioners) {
      cells.push({ contractId: contract.id, memberId: p.id, eligibility: eligibilityFrom(basis, contract.id, p.id, input.date, input.windowDays)! });
    }
  }
  return { ...basis, cells };
}

/**
 * The gate on time logging: may this member deliver under this contract on this
 * date? Returns the eligibility (with reasons) for the caller to show beside the
 * field; a member id from another cooperative simply isn't found (null).
 */
export async function memberEligibility(tx: Tx, orgId: string, contractId: string, memberId: string, date: string): Promise<Eligibility | null> {
  const { cells } = await eligibilityCells(tx, orgId, { date, contractIds: [contractId], memberIds: [memberId] });
  return cells[0]?.eligibility ?? null;
}
