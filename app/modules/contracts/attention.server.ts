// Eligibility on Vandaag: who may not work under a contract today, and who stops
// being allowed to within 90 days, from the same rule and basis as the matrix, the
// roster and the time-logging gate (eligibility.server.ts). A prospective or suspended
// member is listed (admit them, or follow up the suspension); one who left is not.
import { LAPSE_WINDOW_DAYS, addDays, lapseSeverity, type AttentionItem, type AttentionParam, type IneligibleReason } from "@koepel/rules";
import type { AttentionScope } from "~/modules/attention/registry.server";
import { eligibilityCells, eligibilityFrom } from "./eligibility.server";

type TypeLabel = { code: string | null; name: string | null };

/** A reason in words as a parameter, with the same keys as the matrix (compliance/reasons.ts). */
function reasonParam(reason: IneligibleReason, types: Map<string, TypeLabel>): AttentionParam {
  if (reason.code === "not_active") return { t: "eligibility.reasons.not_active", params: { status: { t: `memberStatus.${reason.status}` } } };
  const label = types.get(reason.typeId);
  const type: AttentionParam = label?.code ? { t: `registrations.types.${label.code}` } : (label?.name ?? "?");
  const key = `eligibility.reasons.${reason.subject === "organization" ? "organization." : ""}${reason.code}`;
  if (reason.code === "missing" || reason.code === "unverified") return { t: key, params: { type } };
  if (reason.code === "too_old") return { t: key, params: { type, date: { date: reason.on }, months: reason.maxAgeMonths } };
  return { t: key, params: { type, date: { date: reason.on } } };
}

/** The reasons of several contracts once each, in the order met. */
function uniqueReasons(reasons: readonly IneligibleReason[], types: Map<string, TypeLabel>): AttentionParam {
  const seen = new Map<string, AttentionParam>();
  for (const r of reasons) seen.set(JSON.stringify(r), reasonParam(r, types));
  return { list: [...seen.values()] };
}

export async function eligibilityAttentionItems(scope: AttentionScope): Promise<AttentionItem[]> {
  if (!scope.may("compliance:view")) return [];
  const basis = await eligibilityCells(scope.tx, scope.orgId, { date: scope.today, windowDays: LAPSE_WINDOW_DAYS });
  const types = new Map<string, TypeLabel>();
  for (const reqs of basis.requirements.values()) for (const r of reqs) types.set(r.typeId, { code: r.typeCode, name: r.typeName });
  scope.noteContracts(basis.contracts);
  const contractName = new Map(basis.contracts.map((c) => [c.id, c.name]));
  const notEligible = new Map<string, { contracts: string[]; reasons: IneligibleReason[] }>();
  const lapsing = new Map<string, { until: string; contracts: string[]; reasons: IneligibleReason[] }>();
  for (const cell of basis.cells) {
    const e = cell.eligibility;
    if (e.reasons.some((r) => r.code === "not_active" && r.status === "left")) continue;
    if (!e.eligible) {
      const entry = notEligible.get(cell.memberId) ?? { contracts: [], reasons: [] };
      entry.contracts.push(contractName.get(cell.contractId) ?? "");
      entry.reasons.push(...e.reasons);
      notEligible.set(cell.memberId, entry);
    } else if (e.lapsesSoon && e.until !== null) {
      // Why, asked of the same rule on the day after the last eligible day (as the matrix does).
      const next = eligibilityFrom(basis, cell.contractId, cell.memberId, addDays(e.until, 1));
      const key = `${cell.memberId}|${e.until}`;
      const entry = lapsing.get(key) ?? { until: e.until, contracts: [], reasons: [] };
      entry.contracts.push(contractName.get(cell.contractId) ?? "");
      entry.reasons.push(...(next?.reasons ?? []));
      lapsing.set(key, entry);
    }
  }
  const items: AttentionItem[] = [];
  const audience = { action: "compliance:view" };
  for (const [memberId, entry] of notEligible) {
    const name = basis.members.get(memberId)?.name ?? "";
    items.push({
      key: `eligibility:${memberId}:not_eligible`,
      kind: "member_not_eligible",
      severity: "warning",
      dueOn: null,
      subject: name,
      params: { member: name, contracts: { list: entry.contracts }, reasons: uniqueReasons(entry.reasons, types) },
      link: `/members/${memberId}/registrations`,
      audience,
      about: `member:${memberId}`,
    });
  }
  for (const [key, entry] of lapsing) {
    const memberId = key.split("|")[0];
    const name = basis.members.get(memberId)?.name ?? "";
    items.push({
      key: `eligibility:${memberId}:lapsing:${entry.until}`,
      kind: "member_lapsing",
      severity: lapseSeverity(entry.until, scope.today),
      dueOn: entry.until,
      subject: name,
      params: { member: name, date: { date: entry.until }, contracts: { list: entry.contracts }, reasons: uniqueReasons(entry.reasons, types) },
      link: `/members/${memberId}/registrations`,
      audience,
    });
  }
  return items;
}
