import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
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
  return csvResponse(`${ctx.org.slug}-people.csv`, [t("fields.name"), t("fields.email"), t("fields.role"), t("people.since")], people.map((p) => [p.name, p.email, t(`roles.${p.role}`), formatDate(p.since, ctx.user.locale)]));
}, { resource: true });
