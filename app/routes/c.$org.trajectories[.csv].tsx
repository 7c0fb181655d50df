import { formatDate, formatMinutes } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { trajectoriesCsv } from "~/modules/trajectories/trajectories.server";
import { trajectoryFilterSchema } from "~/modules/trajectories/schemas";

export const handle = access({ loader: "contracts:view" });

/** The list as CSV with the same filters and scope as the page; each read is logged. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const t = await fixedT(ctx.user.locale);
  const filters = trajectoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await trajectoriesCsv(ctx, filters);
  const fields = [t("trajectories.clientCode"), t("trajectories.allocationNumber"), t("trajectories.birthYear"), t("trajectories.municipality"), t("trajectories.contract"), t("trajectories.product"), t("trajectories.coordinator"), t("trajectories.startsOn"), t("trajectories.endsOn"), t("trajectories.status"), t("timeEntries.direct"), t("timeEntries.indirect"), t("trajectories.allocated"), t("trajectories.warningsTitle")];
  const data = rows.map((r) => [r.clientCode, r.allocationNumber ?? "", r.birthYear, r.municipalityName ?? "", r.contractName, `${r.productCode} ${r.productName}`, r.coordinatorName, formatDate(r.startsOn, ctx.user.locale), formatDate(r.endsOn, ctx.user.locale), t(`trajectories.statuses.${r.status}`), formatMinutes(r.usedDirect), formatMinutes(r.usedIndirect), formatMinutes(r.allocated), r.warnings.map((w) => w.code).join(", ")]);
  return csvResponse(`${ctx.org.slug}-trajectories.csv`, fields, data);
}, { resource: true });
