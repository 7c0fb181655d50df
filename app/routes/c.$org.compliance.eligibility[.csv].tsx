import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { getEligibilityMatrix } from "~/modules/compliance/eligibility.server";
import { reasonWords } from "~/modules/compliance/reasons";
import { dateFromRequest } from "~/modules/compliance/schemas";

export const handle = access({ loader: "compliance:view" });

/** The matrix as CSV: one row per practitioner and contract, with the reasons in words and the last eligible day. */
export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "compliance:view");
    const lng = ctx.user.locale === "en" ? "en" : "nl";
    const t = await fixedT(lng);
    const matrix = await getEligibilityMatrix(ctx, dateFromRequest(request));
    const names = new Map(matrix.practitioners.map((p) => [p.id, p.name]));
    const contracts = new Map(matrix.contracts.map((c) => [c.id, c.name]));
    const rows = [...matrix.cells]
      .sort((a, b) => (names.get(a.memberId) ?? "").localeCompare(names.get(b.memberId) ?? "") || (contracts.get(a.contractId) ?? "").localeCompare(contracts.get(b.contractId) ?? ""))
      .map((c) => [
        names.get(c.memberId),
        contracts.get(c.contractId),
        c.eligible ? t("eligibility.yes") : t("eligibility.no"),
        c.reasons.map((r) => reasonWords(t, r, matrix.types, lng)).join("; "),
        c.until ? formatDate(c.until, lng) : "",
      ]);
    const fields = ["member", "contract", "eligible", "reasons", "lapsesOn"].map((k) => t(`eligibility.columns.${k}`));
    return csvResponse(`${ctx.org.slug}-inzetbaarheid-${matrix.date}.csv`, fields, rows);
  },
  { resource: true },
);
