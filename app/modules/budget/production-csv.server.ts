import { formatMoney } from "@koepel/rules";
import { csvResponse } from "~/lib/csv.server";
import type { MemberContext } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { production } from "./budget.server";

/**
 * Production as CSV: one row per (contract,) member, product and month, and a total
 * row. Amounts twice: in cents (exact, for sums) and as formatted euros.
 */
export async function productionCsv(ctx: MemberContext, input: { contractId?: string; year?: number }) {
  const t = await fixedT(ctx.user.locale);
  const { year, rows, totals } = await production(ctx, input);
  const withContract = !input.contractId;
  const fields = [
    ...(withContract ? [t("production.contract")] : []),
    t("production.member"),
    t("production.productCode"),
    t("production.product"),
    t("production.month"),
    t("production.directMinutes"),
    t("production.indirectMinutes"),
    t("production.paidIndirectMinutes"),
    t("production.amountCents"),
    t("production.amount"),
  ];
  const data = rows.map((r) => [
    ...(withContract ? [r.contractName] : []),
    r.memberName,
    r.productCode,
    r.productName,
    r.month,
    r.directMinutes,
    r.indirectMinutes,
    r.paidIndirectMinutes,
    r.amountCents,
    formatMoney(r.amountCents, ctx.user.locale),
  ]);
  data.push([...(withContract ? [t("production.total")] : []), withContract ? "" : t("production.total"), "", "", "", totals.directMinutes, totals.indirectMinutes, totals.paidIndirectMinutes, totals.amountCents, formatMoney(totals.amountCents, ctx.user.locale)]);
  const name = withContract ? `${ctx.org.slug}-productie-${year}.csv` : `${ctx.org.slug}-productie-${input.contractId!.slice(0, 8)}-${year}.csv`;
  return csvResponse(name, fields, data);
}
