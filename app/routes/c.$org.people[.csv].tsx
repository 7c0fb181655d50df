import { formatDate, seesWholeRecords } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { listPeople } from "~/modules/people/people.server";
import { access } from "~/lib/access";

export const handle = access({ loader: "people:view" });

/** The people list as CSV, in the user's language; semicolons, as Dutch Excel expects. Fields by decision 017. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "people:view");
  const t = await fixedT(ctx.user.locale);
  const people = await listPeople(ctx);
  // The same columns per role as the page: without contact and membership fields a member gets names and roles.
  const full = seesWholeRecords(ctx.role);
  const header = full ? [t("fields.name"), t("fields.email"), t("fields.role"), t("people.since")] : [t("fields.name"), t("fields.role")];
  const rows = people.map((p) => (full ? [p.name, p.email ?? "", t(`roles.${p.role}`), p.since ? formatDate(p.since, ctx.user.locale) : ""] : [p.name, t(`roles.${p.role}`)]));
  return csvResponse(`${ctx.org.slug}-people.csv`, header, rows);
}, { resource: true });
