// The bid-ready roster: who the cooperative can put in a tender, with their AGB
// codes and registrations, and the cooperative's own (HKZ). As CSV and as PDF.
import { effectiveStatus, groupBy, type Discipline, type IneligibleReason, type MemberStatus, type MemberType, type Verification } from "@koepel/rules";
import { and, asc, eq, ne } from "drizzle-orm";
import { agbCodes, memberPractices, members, practices, registrationTypes, registrations } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { loadContract } from "~/modules/contracts/contracts.server";
import { eligibilityCells } from "~/modules/contracts/eligibility.server";
import type { TypeLabel } from "./reasons";

export type RosterRegistration = { type: TypeLabel; number: string | null; verification: Verification; issuedOn: string | null; validUntil: string | null };
export type RosterPractice = { name: string; businessAgb: string[] };
export type RosterEntry = {
  id: string;
  name: string;
  type: MemberType;
  status: MemberStatus;
  disciplines: Discipline[];
  personalAgb: string[];
  practices: RosterPractice[];
  registrations: RosterRegistration[];
  /** With ?contractId=: eligible under that contract on the date, and why not. */
  eligibility: { eligible: boolean; reasons: IneligibleReason[]; until: string | null } | null;
};
export type Roster = {
  organization: { name: string; kvkNumber: string };
  date: string;
  contract: { id: string; name: string } | null;
  entries: RosterEntry[];
  organizationRegistrations: RosterRegistration[];
  types: Record<string, TypeLabel>;
};

/**
 * The current registration per (holder, type): the one issued last among those not
 * rejected (a renewal replaces the old one in a bid).
 */
function current<T extends { holder: string; typeId: string; issuedOn: string | null; validUntil: string | null }>(rows: T[]): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    const key = `${r.holder}|${r.typeId}`;
    const prev = best.get(key);
    const rank = (x: T) => `${x.issuedOn ?? ""}|${x.validUntil ?? "9999"}`;
    if (!prev || rank(r) > rank(prev)) best.set(key, r);
  }
  return [...best.values()];
}

/** Practitioners (not office staff) who have not left, on `date`; with a contract, marked eligible or not. */
export async function getRoster(ctx: MemberContext, input: { date: string; contractId?: string }): Promise<Roster> {
  return withTenant(ctx.org.id, async (tx) => {
    const orgId = ctx.org.id;
    const contract = input.contractId ? await loadContract(tx, orgId, input.contractId) : null;
    const people = (
      await tx
        .select({ id: members.id, name: members.name, type: members.type, status: members.status, leavesOn: members.leavesOn, disciplines: members.disciplines })
        .from(members)
        .where(and(eq(members.organizationId, orgId), ne(members.type, "office_staff")))
        .orderBy(asc(members.name))
    ).filter((m) => effectiveStatus(m, input.date) !== "left");
    const agb = await tx.select({ code: agbCodes.code, kind: agbCodes.kind, memberId: agbCodes.memberId, practiceId: agbCodes.practiceId }).from(agbCodes).where(eq(agbCodes.organizationId, orgId)).orderBy(asc(agbCodes.code));
    const links = await tx
      .select({ memberId: memberPractices.memberId, practiceId: practices.id, name: practices.name })
      .from(memberPractices)
      .innerJoin(practices, and(eq(practices.id, memberPractices.practiceId), eq(practices.organizationId, orgId)))
      .where(eq(memberPractices.organizationId, orgId))
      .orderBy(asc(practices.name));
    const typeRows = await tx.select({ id: registrationTypes.id, code: registrationTypes.code, name: registrationTypes.name }).from(registrationTypes).where(eq(registrationTypes.organizationId, orgId));
    const types: Record<string, TypeLabel> = Object.fromEntries(typeRows.map((t) => [t.id, { code: t.code, name: t.name }]));
    const regs = await tx
      .select({ memberId: registrations.memberId, typeId: registrations.typeId, number: registrations.number, verification: registrations.verification, issuedOn: registrations.issuedOn, validUntil: registrations.validUntil })
      .from(registrations)
      .where(and(eq(registrations.organizationId, orgId), ne(registrations.verification, "rejected")));
    const held = current(regs.map((r) => ({ ...r, holder: r.memberId ?? "organization" })));
    const view = (r: (typeof held)[number]): RosterRegistration => ({ type: types[r.typeId] ?? { code: null, name: null }, number: r.number, verification: r.verification, issuedOn: r.issuedOn, validUntil: r.validUntil });
    const byName = (a: RosterRegistration, b: RosterRegistration) => (a.type.code ?? a.type.name ?? "").localeCompare(b.type.code ?? b.type.name ?? "");

    let cells: Map<string, RosterEntry["eligibility"]> | null = null;
    if (contract) {
      const result = await eligibilityCells(tx, orgId, { date: input.date, contractIds: [contract.id], memberIds: people.map((p) => p.id) });
      cells = new Map(result.cells.map((c) => [c.memberId, { eligible: c.eligibility.eligible, reasons: c.eligibility.reasons, until: c.eligibility.until }]));
    }
    // Grouped once: a lookup per person instead of a scan of every list per person.
    const personalBy = groupBy(agb.filter((a) => a.kind === "personal"), (a) => a.memberId);
    const businessBy = groupBy(agb.filter((a) => a.kind === "business"), (a) => a.practiceId);
    const linksBy = groupBy(links, (l) => l.memberId);
    const heldBy = groupBy(held, (r) => r.memberId);
    const entries: RosterEntry[] = people.map((p) => ({
      id: p.id,
      name: p.name,
      type: p.type,
      status: effectiveStatus(p, input.date),
      disciplines: p.disciplines as Discipline[],
      personalAgb: (personalBy.get(p.id) ?? []).map((a) => a.code),
      practices: (linksBy.get(p.id) ?? []).map((l) => ({ name: l.name, businessAgb: (businessBy.get(l.practiceId) ?? []).map((a) => a.code) })),
      registrations: (heldBy.get(p.id) ?? []).map(view).sort(byName),
      eligibility: cells?.get(p.id) ?? null,
    }));
    const own = (heldBy.get(null) ?? []).map(view).sort(byName);
    return { organization: { name: ctx.org.name, kvkNumber: ctx.org.kvkNumber }, date: input.date, contract: contract ? { id: contract.id, name: contract.name } : null, entries, organizationRegistrations: own, types };
  });
}
