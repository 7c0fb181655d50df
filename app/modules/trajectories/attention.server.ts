// The compliance dashboard reads trajectories at risk through this function only.
import type { Tx } from "~db/client";
import { warningsOfActive } from "./trajectories.server";

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
