import { withSystem } from "~db/tenant";
import { insertContractSpec, type ContractSpec } from "~db/seed/contract-spec";
import { HAARLEM_PILOT } from "~db/seed/demo-contracts";
import { unique } from "./app";

/**
 * A contract in the given cooperative, by default the Haarlem pilot (EUR 70.80 an
 * hour, treatment at most 60 hours, Register Vaktherapie and a VOG of at most 36
 * months required, EUR 75,000 a year), under a unique name.
 */
export async function createContract(organizationId: string, over: Partial<ContractSpec> = {}) {
  const spec: ContractSpec = { ...HAARLEM_PILOT, name: unique("Contract"), ...over };
  return withSystem((tx) => insertContractSpec(tx, organizationId, spec));
}
