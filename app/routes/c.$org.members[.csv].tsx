import { formatDate, visibleGroups, type FieldGroup } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { listMembers } from "~/modules/members/members.server";
import { directoryFilterSchema } from "~/modules/members/schemas";

export const handle = access({ loader: "members:view" });

/** The directory as CSV with the same filters; the columns by the field-visibility rule (decision 017); Dutch dates. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const t = await fixedT(ctx.user.locale);
  const filter = directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const members = await listMembers(ctx, filter);
  const groups = visibleGroups(ctx.role);
  const date = (d: string | null | undefined) => (d ? formatDate(d, ctx.user.locale) : "");
  type Row = (typeof members)[number];
  // Each column with the field group it shows (decision 017); a viewer gets the columns of the groups they see.
  const columns: [FieldGroup, string, (m: Row) => string | number][] = [
    ["profile", t("fields.name"), (m) => m.name],
    ["profile", t("profile.disciplines"), (m) => m.disciplines.map((d) => t(`disciplines.${d}`)).join(", ")],
    ["profile", t("profile.ageRanges"), (m) => m.ageRanges.join(", ")],
    ["profile", t("profile.municipalities"), (m) => m.municipalities.join(", ")],
    ["profile", t("profile.capacity"), (m) => m.capacityHoursPerWeek ?? ""],
    ["profile", t("profile.waitingWeeks"), (m) => m.waitingWeeks ?? ""],
    ["profile", t("members.status"), (m) => t(`memberStatus.${m.status}`)],
    ["profile", t("members.type"), (m) => t(`memberTypes.${m.type}`)],
    ["contact", t("fields.email"), (m) => m.email ?? ""],
    ["contact", t("members.phone"), (m) => m.phone ?? ""],
    ["identifiers", t("agb.personal"), (m) => (m.agbCodes ?? []).join(", ")],
    ["membership", t("members.joinedOn"), (m) => date(m.joinedOn)],
    ["membership", t("members.leavesOnColumn"), (m) => date(m.leavesOn)],
    ["registrations", t("nav.registrations"), (m) => (m.registrationState ? t(`registrations.state.${m.registrationState}`) : "")],
  ];
  const shown = columns.filter(([group]) => groups.has(group));
  const fields = shown.map(([, header]) => header);
  const data = members.map((m) => shown.map(([, , cell]) => cell(m)));
  return csvResponse(`${ctx.org.slug}-members.csv`, fields, data);
}, { resource: true });
