import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { downloadResponse } from "~/lib/download.server";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { readEvidence } from "~/modules/registrations/registrations.server";

// The member themself and the board (credentials:verify) only; anyone else gets 404.
// Every read is written to the audit log.
export const handle = access({ loader: "profile:self" });

export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "profile:self");
    const file = await readEvidence(ctx, params.registrationId ?? "");
    return downloadResponse(file);
  },
  { resource: true },
);
