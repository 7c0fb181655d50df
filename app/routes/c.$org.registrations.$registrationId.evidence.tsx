import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
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
    return new Response(file.bytes.slice(), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.bytes.byteLength),
        // Never rendered inline from our origin: a download, not a page.
        "Content-Disposition": `attachment; filename="${file.filename.replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
  { resource: true },
);
