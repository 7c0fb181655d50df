import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { reasonWords, typeLabel } from "~/modules/compliance/reasons";
import { getRoster } from "~/modules/compliance/roster.server";
import { rosterInput } from "~/modules/compliance/schemas";

export const handle = access({ loader: "compliance:view" });

/**
 * The bid-ready roster as CSV: one row per practitioner and registration (the
 * practitioner's columns repeated), then the cooperative's own registrations.
 * With ?contractId= two more columns say who is eligible under that contract.
 */
export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "compliance:view");
    const lng = ctx.user.locale;
    const t = await fixedT(lng);
    const roster = await getRoster(ctx, rosterInput(request));
    const date = (d: string | null) => (d ? formatDate(d, lng) : "");
    const keys = ["name", "type", "status", "disciplines", "personalAgb", "practices", "businessAgb", "registration", "number", "verification", "validUntil"];
    if (roster.contract) keys.push("eligible", "reasons");
    const rows: (string | null)[][] = [];
    for (const e of roster.entries) {
      const person = [
        e.name,
        t(`memberTypes.${e.type}`),
        t(`memberStatus.${e.status}`),
        e.disciplines.map((d) => t(`disciplines.${d}`)).join(", "),
        e.personalAgb.join(", "),
        e.practices.map((p) => p.name).join(", "),
        e.practices.flatMap((p) => p.businessAgb).join(", "),
      ];
      const marks = e.eligibility ? [e.eligibility.eligible ? t("eligibility.yes") : t("eligibility.no"), e.eligibility.reasons.map((r) => reasonWords(t, r, roster.types, lng)).join("; ")] : [];
      if (e.registrations.length === 0) rows.push([...person, "", "", "", "", ...marks]);
      for (const r of e.registrations) rows.push([...person, typeLabel(t, r.type), r.number, t(`roster.verification.${r.verification}`), date(r.validUntil), ...marks]);
    }
    for (const r of roster.organizationRegistrations) {
      rows.push([roster.organization.name, t("roster.organizationRow"), "", "", "", "", "", typeLabel(t, r.type), r.number, t(`roster.verification.${r.verification}`), date(r.validUntil), ...(roster.contract ? ["", ""] : [])]);
    }
    return csvResponse(`${ctx.org.slug}-inzetlijst-${roster.date}.csv`, keys.map((k) => t(`roster.columns.${k}`)), rows);
  },
  { resource: true },
);
