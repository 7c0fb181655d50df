import { getFormProps } from "@conform-to/react";
import { formatMoney } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductFields, RuleFields, categoryLabel, unitLabel, volumeLabel, weeksLabel } from "~/components/contracts/product-fields";
import { DateField } from "~/components/ui/date-field";
import { MoneyField } from "~/components/ui/money-field";
import { Button, Card, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { createProductSchema, onDateParam } from "~/modules/contracts/product-schemas";
import { createProduct, listProducts } from "~/modules/contracts/products.server";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "contracts:view", action: "contracts:write" }), ...page({ title: "contracts.sections.products", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  return { slug: ctx.org.slug, ...(await listProducts(ctx, params.contractId ?? "", onDateParam(request))), canWrite: ctx.can("contracts:write") };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const contractId = params.contractId ?? "";
  const result = await submitForm(await request.formData(), createProductSchema, (v) => createProduct(ctx, contractId, v));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/contracts/${contractId}/products/${result.value.id}`);
});

/** The contract's products with the tariff and limits in force today; the board adds products. */
export default function ContractProducts() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { contract, products, canWrite, date } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(createProductSchema, {
    id: "new-product",
    lastResult: actionData?.result,
    defaultValue: { category: "45", unit: "hour", validFrom: date >= contract.startsOn && date <= contract.endsOn ? date : contract.startsOn, extensionsWithoutReferrer: "0" },
  });
  return (
    <div className="space-y-4">
      <Card title={t("products.title")}>
        {products.length === 0 ? (
          <p className="text-sm text-slate-600">{t("products.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm [&_td]:py-2 [&_td]:pr-3 [&_th]:pr-3" data-testid="products">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2">{t("products.fields.name")}</th>
                  <th>{t("products.fields.category")}</th>
                  <th>{t("products.fields.code")}</th>
                  <th>{t("products.fields.unit")}</th>
                  <th>{t("products.columns.tariff")}</th>
                  <th>{t("products.columns.maxVolume")}</th>
                  <th>{t("products.columns.maxDuration")}</th>
                  <th>{t("products.columns.leadClinician")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {products.map((p) => (
                  <tr key={p.id} data-testid={`product-${p.code}`}>
                    <td>
                      <Link to={p.id} className="font-medium text-teal-800 underline">
                        {p.name}
                      </Link>
                    </td>
                    <td>{categoryLabel(t, p.category)}</td>
                    <td>{p.code}</td>
                    <td>{unitLabel(t, p.unit)}</td>
                    <td>{p.tariffCents === null ? "—" : formatMoney(p.tariffCents, lng)}</td>
                    <td>{volumeLabel(t, p.maxVolume, p.unit, lng)}</td>
                    <td>{weeksLabel(t, p.maxDurationWeeks)}</td>
                    <td>{p.requiresLeadClinician ? t("products.yes") : t("products.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {canWrite ? (
        <Card title={t("products.new")}>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <ProductFields fields={fields} />
            <div className="grid gap-3 sm:grid-cols-2">
              <MoneyField field={fields.tariff} label={t("products.fields.tariff")} hint={t("products.hints.tariff")} />
              <DateField field={fields.validFrom} label={t("products.fields.validFrom")} />
            </div>
            <RuleFields fields={fields} />
            <Button>{t("products.create")}</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
