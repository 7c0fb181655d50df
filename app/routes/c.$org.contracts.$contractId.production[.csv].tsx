import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { productionCsv } from "~/modules/budget/production-csv.server";
import { productionFilterSchema } from "~/modules/budget/schemas";

export const handle = access({ loader: "compliance:view" });

/** A contract's production per member, product and month as CSV (cents and euros), with a total row. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const filter = productionFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return productionCsv(ctx, { contractId: params.contractId ?? "", year: filter.year });
}, { resource: true });
