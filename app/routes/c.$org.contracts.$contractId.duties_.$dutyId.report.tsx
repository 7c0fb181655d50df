import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { downloadResponse } from "~/lib/download.server";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { readReport } from "~/modules/compliance/duties.server";
import { eligibilityDateSchema } from "~/modules/compliance/schemas";

export const handle = access({ loader: "compliance:view" });

/**
 * The report attached to a due date (?dueOn=), as a download. A duty of another
 * contract or cooperative is "not found"; a due date without a report leads back
 * to the duties.
 */
export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "compliance:view");
    const contractId = params.contractId ?? "";
    const parsed = eligibilityDateSchema.safeParse({ date: new URL(request.url).searchParams.get("dueOn") ?? undefined });
    const dueOn = parsed.success ? parsed.data.date : undefined;
    const file = await readReport(ctx, contractId, params.dutyId ?? "", dueOn ?? null);
    if (!file) return redirect(`/c/${ctx.org.slug}/contracts/${contractId}/duties`);
    return downloadResponse(file);
  },
  { resource: true },
);
