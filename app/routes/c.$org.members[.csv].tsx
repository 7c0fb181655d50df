import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { listMembers } from "~/modules/members/members.server";
import { directoryFilterSchema } from "~/modules/members/schemas";

export const handle = access({ loader: "members:view" });

/** The directory as CSV with the same filters and the same columns per role as the page; Dutch dates. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const t = await fixedT(ctx.user.locale);
  const filter = directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const members = await listMembers(ctx, filter);
  const full = ctx.can("members:write");
  const date = (d: string | null) => (d ? formatDate(d, ctx.user.locale) : "");
  const fields = [t("fields.name"), t("profile.disciplines"), t("profile.ageRanges"), t("profile.municipalities"), t("profile.capacity"), t("profile.waitingWeeks")];
  if (full) fields.push(t("members.status"), t("members.type"), t("fields.email"), t("members.phone"), t("agb.personal"), t("members.joinedOn"), t("members.leavesOnColumn"), t("nav.registrations"));
  const data = members.map((m) => {
    const row = [m.name, m.disciplines.map((d) => t(`disciplines.${d}`)).join(", "), m.ageRanges.join(", "), m.municipalities.join(", "), m.capacityHoursPerWeek ?? "", m.waitingWeeks ?? ""];
    if (full) row.push(t(`memberStatus.${m.status}`), t(`memberTypes.${m.type}`), m.email ?? "", m.phone ?? "", m.agbCodes.join(", "), date(m.joinedOn), date(m.leavesOn), m.registrationState ? t(`registrations.state.${m.registrationState}`) : "");
    return row;
  });
  return csvResponse(`${ctx.org.slug}-members.csv`, fields, data);
}, { resource: true });
