// The eligibility matrix (members x contracts on a date) and the list of who stops
// being eligible within 90 days. The rule itself lives in packages/rules and is fed
// by app/modules/contracts/eligibility.server.ts; this module only arranges it.
import { LAPSE_WINDOW_DAYS, addDays, isActivePractitioner, pageRows, sortRows, type IneligibleReason, type SortDir } from "@koepel/rules";
import { eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { registrationTypes } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { loadContract } from "~/modules/contracts/contracts.server";
import { eligibilityCells, eligibilityFrom, type EligibilityBasis, type Practitioner } from "~/modules/contracts/eligibility.server";
import type { TypeLabel } from "./reasons";

export type MatrixCell = { contractId: string; memberId: string; eligible: boolean; reasons: IneligibleReason[]; until: string | null; lapsesSoon: boolean };
/** Someone eligible on the date who stops being so within the window: the last day, and why the day after. */
export type Lapse = { memberId: string; memberName: string; contractId: string; contractName: string; until: string; reasons: IneligibleReason[] };

export type EligibilityMatrix = {
  date: string;
  contracts: { id: string; name: string }[];
  practitioners: Practitioner[];
  cells: MatrixCell[];
  lapses: Lapse[];
  /** Registration type names by id, for the reasons' words. */
  types: Record<string, TypeLabel>;
};

async function typeLabels(tx: Tx, orgId: string): Promise<Record<string, TypeLabel>> {
  const rows = await tx.select({ id: registrationTypes.id, code: registrationTypes.code, name: registrationTypes.name }).from(registrationTypes).where(eq(registrationTypes.organizationId, orgId));
  return Object.fromEntries(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/**
 * The matrix inside a transaction. Why a coming lapse happens is asked of the same
 * rule on the day after the last eligible day: its reasons name the registration
 * (expired on, too old, membership ending), so nothing is computed twice.
 */
export async function matrixIn(tx: Tx, orgId: string, date: string, contractIds?: readonly string[]): Promise<EligibilityMatrix> {
  return (await matrixAndContractsIn(tx, orgId, date, contractIds)).matrix;
}

/** The matrix and the contracts it covers with their lot and dates (the compliance dashboard's cards). */
export async function matrixAndContractsIn(tx: Tx, orgId: string, date: string, contractIds?: readonly string[]): Promise<{ matrix: EligibilityMatrix; contracts: EligibilityBasis["contractDetails"] }> {
  const basis = await eligibilityCells(tx, orgId, { date, contractIds, windowDays: LAPSE_WINDOW_DAYS });
  const { practitioners, contracts, cells } = basis;
  const matrixCells: MatrixCell[] = cells.map((c) => ({ contractId: c.contractId, memberId: c.memberId, ...c.eligibility }));
  const names = new Map(practitioners.map((p) => [p.id, p.name]));
  const contractNames = new Map(contracts.map((c) => [c.id, c.name]));
  const lapses: Lapse[] = [];
  // The day after each last eligible day, from the data already loaded: no query per date.
  for (const c of matrixCells) {
    if (!c.lapsesSoon || c.until === null) continue;
    const next = eligibilityFrom(basis, c.contractId, c.memberId, addDays(c.until, 1));
    lapses.push({ memberId: c.memberId, memberName: names.get(c.memberId) ?? "", contractId: c.contractId, contractName: contractNames.get(c.contractId) ?? "", until: c.until, reasons: next?.reasons ?? [] });
  }
  lapses.sort((a, b) => a.until.localeCompare(b.until) || a.memberName.localeCompare(b.memberName) || a.contractName.localeCompare(b.contractName));
  return { matrix: { date, contracts, practitioners, cells: matrixCells, lapses, types: await typeLabels(tx, orgId) }, contracts: basis.contractDetails };
}

/** Everyone under every contract of the cooperative on `date`. */
export async function getEligibilityMatrix(ctx: MemberContext, date: string): Promise<EligibilityMatrix> {
  return withTenant(ctx.org.id, (tx) => matrixIn(tx, ctx.org.id, date));
}

/** "Problems only" (the default, decision 024) or everyone. */
export type MatrixView = "problems" | "all";
export const matrixViewFrom = (value: string | null): MatrixView => (value === "all" ? "all" : "problems");

/**
 * Who has a problem in these cells: not eligible somewhere, or eligible but lapsing
 * within the window (amber needs action too). One pass over the cells.
 */
function withProblems(cells: readonly MatrixCell[]): Set<string> {
  const ids = new Set<string>();
  for (const c of cells) if (!c.eligible || c.lapsesSoon) ids.add(c.memberId);
  return ids;
}

/**
 * The matrix a page of practitioners at a time (`page` from the URL), with only what
 * the page shows: the counts per contract still cover everyone, the cells only the
 * page's rows; the coming lapses are all listed. "Problems only" keeps the rows with
 * a red or amber cell, before paging. The CSV takes the whole matrix.
 */
export async function getEligibilityMatrixPage(ctx: MemberContext, date: string, page: number, options: { view?: MatrixView; dir?: SortDir } = {}) {
  const view = options.view ?? "problems";
  const matrix = await getEligibilityMatrix(ctx, date);
  const problems = withProblems(matrix.cells);
  const listed = view === "problems" ? matrix.practitioners.filter((p) => problems.has(p.id)) : matrix.practitioners;
  const sorted = sortRows(listed, (p) => p.name, options.dir ?? "asc", (p) => p.id);
  const { rows: shown, paging } = pageRows(sorted, page);
  const onPage = new Set(shown.map((p) => p.id));
  // The counts per contract are over active practitioners on the matrix's date (who counts,
  // decision 025), the same "of 34" as the compliance cards; the rows list everyone.
  const active = new Set(matrix.practitioners.filter((p) => isActivePractitioner(p, matrix.date)).map((p) => p.id));
  const eligible: Record<string, number> = {};
  for (const c of matrix.cells) if (c.eligible && active.has(c.memberId)) eligible[c.contractId] = (eligible[c.contractId] ?? 0) + 1;
  return {
    date: matrix.date,
    view,
    contracts: matrix.contracts,
    practitionerCount: active.size,
    /** Everyone listed, active or not. */
    listedCount: matrix.practitioners.length,
    problemCount: problems.size,
    eligible,
    practitioners: shown.map((p) => ({ id: p.id, name: p.name })),
    cells: matrix.cells.filter((c) => onPage.has(c.memberId)).map((c) => ({ contractId: c.contractId, memberId: c.memberId, eligible: c.eligible, reasons: c.reasons, until: c.until, lapsesSoon: c.lapsesSoon })),
    lapses: matrix.lapses,
    types: matrix.types,
    paging: { page: paging.page, pages: paging.pages, total: paging.total, from: paging.from, to: paging.to },
  };
}

/** One contract's column (not found for another cooperative's contract). */
export async function getContractEligibility(ctx: MemberContext, contractId: string, date: string): Promise<EligibilityMatrix> {
  return withTenant(ctx.org.id, async (tx) => {
    await loadContract(tx, ctx.org.id, contractId);
    return matrixIn(tx, ctx.org.id, date, [contractId]);
  });
}
