import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import Papa from "papaparse";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { listPeople } from "~/modules/people/people.server";
import { access } from "~/lib/access";

export const handle = access({ loader: "people:view" });

/** The people list as CSV, in the user's language; semicolons, as Dutch Excel expects. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "people:view");
  const t = await fixedT(ctx.user.locale);
  const people = await listPeople(ctx);
  const csv = Papa.unparse(
    {
      fields: [t("fields.name"), t("fields.email"), t("fields.role"), t("people.since")],
      data: people.map((p) => [p.name, p.email, t(`roles.${p.role}`), formatDate(p.since, ctx.user.locale)]),
    },
    { delimiter: ";" },
  );
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ctx.org.slug}-people.csv"`,
      "Cache-Control": "no-store",
    },
  });
}, { resource: true });
