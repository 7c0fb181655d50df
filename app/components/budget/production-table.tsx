import { formatMoney } from "@koepel/rules";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/form";
import type { ProductionRow } from "~/modules/budget/budget.server";

type Totals = { directMinutes: number; indirectMinutes: number; paidIndirectMinutes: number; amountCents: number };

/** Production per (contract,) member, product and month, with the year chooser and the CSV link. */
export function ProductionTable({ rows, totals, year, withContract, csvHref, lng }: { rows: ProductionRow[]; totals: Totals; year: number; withContract: boolean; csvHref: string; lng: "nl" | "en" }) {
  const { t } = useTranslation();
  const num = (n: number) => new Intl.NumberFormat(lng === "nl" ? "nl-NL" : "en-GB").format(n);
  return (
    <div className="space-y-3">
      <Form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="block">
          <span className="block font-medium">{t("production.year")}</span>
          <input name="year" defaultValue={year} inputMode="numeric" className="mt-1 w-24 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <Button variant="secondary" size="sm">
          {t("production.show")}
        </Button>
        <a href={csvHref} className="ml-auto text-teal-800 underline" download>
          {t("production.download")}
        </a>
      </Form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("production.none")}</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} /* a keyboard can scroll a table wider than the phone (axe) */>
          <table className="w-full text-left text-sm" data-testid="production">
            <thead>
              <tr className="border-b border-slate-200">
                {withContract ? <th scope="col" className="py-1 pr-3">{t("production.contract")}</th> : null}
                <th scope="col" className="py-1 pr-3">{t("production.member")}</th>
                <th scope="col" className="py-1 pr-3">{t("production.product")}</th>
                <th scope="col" className="py-1 pr-3">{t("production.month")}</th>
                <th scope="col" className="py-1 pr-3 text-right">{t("production.directMinutes")}</th>
                <th scope="col" className="py-1 pr-3 text-right">{t("production.indirectMinutes")}</th>
                <th scope="col" className="py-1 pr-3 text-right">{t("production.paidIndirectMinutes")}</th>
                <th scope="col" className="py-1 text-right">{t("production.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.contractId}|${r.memberId}|${r.productCode}|${r.month}`} className="border-b border-slate-100">
                  {withContract ? <td className="py-1 pr-3">{r.contractName}</td> : null}
                  <td className="py-1 pr-3">{r.memberName}</td>
                  <td className="py-1 pr-3">
                    {r.productCode} {r.productName}
                  </td>
                  <td className="py-1 pr-3">{r.month}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{num(r.directMinutes)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{num(r.indirectMinutes)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{num(r.paidIndirectMinutes)}</td>
                  <td className="py-1 text-right tabular-nums">{formatMoney(r.amountCents, lng)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" colSpan={withContract ? 4 : 3} className="py-1 pr-3">
                  {t("production.total")}
                </th>
                <td className="py-1 pr-3 text-right tabular-nums">{num(totals.directMinutes)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{num(totals.indirectMinutes)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{num(totals.paidIndirectMinutes)}</td>
                <td className="py-1 text-right tabular-nums" data-testid="production-total">
                  {formatMoney(totals.amountCents, lng)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
