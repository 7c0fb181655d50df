import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { csvResponse } from "~/lib/csv.server";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { listContracts } from "~/modules/contracts/contracts.server";
import { contractFilterSchema } from "~/modules/contracts/schemas";

export const handle = access({ loader: "contracts:view" });

/** The contracts list as CSV, with the page's filters; Dutch dates. */
export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "contracts:view");
    const t = await fixedT(ctx.user.locale);
    const filter = contractFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const rows = await listContracts(ctx, filter);
    const date = (d: string | null) => (d ? formatDate(d, ctx.user.locale) : "");
    const fields = [
      t("contracts.fields.name"),
      t("contracts.fields.reference"),
      t("contracts.fields.clientKind"),
      t("contracts.fields.client"),
      t("contracts.fields.kind"),
      t("contracts.fields.lot"),
      t("contracts.fields.startsOn"),
      t("contracts.fields.endsOn"),
      t("contracts.fields.latestEndOn"),
      t("contracts.fields.status"),
    ];
    const data = rows.map((c) => [
      c.name,
      c.reference ?? "",
      t(`contracts.clientKinds.${c.clientKind}`),
      c.clientLabel,
      t(`contracts.kinds.${c.kind}`),
      c.lot ?? "",
      date(c.startsOn),
      date(c.endsOn),
      date(c.latestEndOn),
      t(`contracts.status.${c.status}`),
    ]);
    return csvResponse(`${ctx.org.slug}-contracts.csv`, fields, data);
  },
  { resource: true },
);
