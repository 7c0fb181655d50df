import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { downloadResponse } from "~/lib/download.server";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { readDocument } from "~/modules/contracts/documents.server";

// Everyone who may see the contract may read its documents; another cooperative's is a 404.
export const handle = access({ loader: "contracts:view" });

export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "contracts:view");
    const file = await readDocument(ctx, params.contractId ?? "", params.documentId ?? "");
    return downloadResponse(file);
  },
  { resource: true },
);
