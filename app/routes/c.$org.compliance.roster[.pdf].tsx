import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { renderRosterPdf } from "~/modules/compliance/roster-pdf.server";
import { getRoster } from "~/modules/compliance/roster.server";
import { rosterInput } from "~/modules/compliance/schemas";

export const handle = access({ loader: "compliance:view" });

/** The bid-ready roster as a PDF to attach to a tender: the cooperative, the date, its own registrations and every practitioner. */
export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "compliance:view");
    const roster = await getRoster(ctx, rosterInput(request));
    const pdf = await renderRosterPdf(roster, await fixedT(ctx.user.locale), ctx.user.locale);
    const filename = `${ctx.org.slug}-inzetlijst-${roster.date}.pdf`.replace(/[^\w.-]/g, "_");
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(pdf.byteLength),
        "Content-Disposition": `attachment; filename="${filename}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
  { resource: true },
);
