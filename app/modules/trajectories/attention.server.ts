// The compliance dashboard reads trajectories at risk through trajectoriesNeedingAction;
// Vandaag reads them through trajectoryAttentionItems. Both use the same warnings
// (packages/rules/src/trajectories.ts), so a trajectory flagged on one is flagged on both.
import { trajectorySeverity, type AttentionItem, type AttentionParam } from "@koepel/rules";
import type { Tx } from "~db/client";
import type { AttentionScope } from "~/modules/attention/registry.server";
import { activeForAttention, warningsOfActive } from "./trajectories.server";

/** A warning on a trajectory; its text is t(`trajectories.warnings.${code}`, params). */
export type TrajectoryWarning = { code: string; params?: Record<string, string | number> };

export type TrajectoryAttention = {
  trajectoryId: string;
  contractId: string;
  clientCode: string;
  productName: string;
  coordinatorName: string;
  endsOn: string;
  warnings: TrajectoryWarning[];
};

/** Active trajectories with at least one warning on `today`, optionally for some contracts only. */
export async function trajectoriesNeedingAction(tx: Tx, orgId: string, today: string, contractIds?: readonly string[]): Promise<TrajectoryAttention[]> {
  const rows = await warningsOfActive(tx, orgId, today, contractIds);
  return rows.map((r) => ({
    trajectoryId: r.row.id,
    contractId: r.row.contractId,
    clientCode: r.row.clientCode,
    productName: r.row.productName,
    coordinatorName: r.row.coordinatorName,
    endsOn: r.row.endsOn,
    warnings: r.warnings,
  }));
}

/** A warning as a reason's parameter: minutes and dates kept raw for the reader's language. */
function warningParam(w: TrajectoryWarning): AttentionParam {
  const params: Record<string, AttentionParam> = {};
  for (const [k, v] of Object.entries(w.params ?? {})) {
    if ((k === "used" || k === "limit") && typeof v === "number") params[k] = { minutes: v };
    else if ((k === "endsOn" || k === "lastDay") && typeof v === "string") params[k] = { date: v };
    else params[k] = v;
  }
  return { t: `trajectories.warnings.${w.code}`, params };
}

/**
 * For whoever manages trajectories: each active one with a warning (ending soon,
 * hours over allocation, a review or document due). For each practitioner: every
 * active trajectory they coordinate or work on, with the hours used and left, so
 * their Vandaag is where they go to log hours.
 */
export async function trajectoryAttentionItems(scope: AttentionScope): Promise<AttentionItem[]> {
  const manages = scope.may("trajectories:manage");
  const own = scope.viewer?.memberId ?? null;
  if (!manages && (own === null || !scope.may("time:log"))) return [];
  const rows = await activeForAttention(scope.tx, scope.orgId, scope.today, manages ? undefined : own);
  const items: AttentionItem[] = [];
  for (const r of rows) {
    const t = r.row;
    const codes = r.warnings.map((w) => w.code);
    const warnings: AttentionParam = { list: r.warnings.map(warningParam) };
    const common = { severity: trajectorySeverity(codes), dueOn: t.endsOn, subject: t.clientCode, link: `/trajectories/${t.id}`, about: t.id } as const;
    if (manages && r.warnings.length) {
      items.push({ ...common, key: `trajectory:${t.id}:warning`, kind: "trajectory_warning", params: { client: t.clientCode, product: t.productName, warnings }, audience: { action: "trajectories:manage" } });
    }
    for (const memberId of r.involved) {
      // Hours used and left only where the product counts time; a per-session product shows no hours.
      const usage: AttentionParam = r.timeUnit ? { t: "today.usage", params: { used: { minutes: r.usedDirect }, allowed: { minutes: r.allowed } } } : "";
      items.push({
        ...common,
        key: `trajectory:${t.id}:own:${memberId}`,
        kind: "trajectory_own",
        params: { client: t.clientCode, product: t.productName, endsOn: { date: t.endsOn }, usage, warnings },
        audience: { memberId },
      });
    }
  }
  return items;
}
