import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { csvResponse } from "~/lib/csv.server";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { listAllRegistrations } from "~/modules/registrations/registrations.server";

export const handle = access({ loader: "credentials:verify" });

/** All registrations with their state, in the user's language; semicolons, as Dutch Excel expects. */
export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "credentials:verify");
    const lng = ctx.user.locale;
    const t = await fixedT(lng);
    const rows = await listAllRegistrations(ctx);
    const date = (d: string | null) => (d ? formatDate(d, lng) : "");
    return csvResponse(
      `${ctx.org.slug}-registrations.csv`,
      [t("registrations.fields.member"), t("registrations.fields.type"), t("registrations.fields.number"), t("registrations.fields.issuedOn"), t("registrations.fields.validUntil"), t("registrations.fields.points"), t("registrations.fields.state")],
      rows.map((r) => [
          r.memberName ?? ctx.org.name,
          r.type.code ? t(`registrations.types.${r.type.code}`) : (r.type.name ?? ""),
          r.number ?? "",
          date(r.issuedOn),
          date(r.validUntil),
          r.points ?? "",
          t(`registrations.state.${r.state}`),
        ]),
    );
  },
  { resource: true },
);
