// Named products_ (not products.): the product page replaces the list inside the contract layout instead of nesting in it.
import { getFormProps, getInputProps } from "@conform-to/react";
import { formatDate, formatMoney } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExtensionSummary, ProductFields, RuleFields, categoryLabel, unitLabel, volumeLabel, weeksLabel } from "~/components/contracts/product-fields";
import { DateField } from "~/components/ui/date-field";
import { MoneyField } from "~/components/ui/money-field";
import { Button, Card, FormErrors, Notice, SelectField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { onDateParam, productActionSchema, rulesSchema, tariffSchema, updateProductSchema } from "~/modules/contracts/product-schemas";
import { addRules, addTariff, getProduct, updateProduct } from "~/modules/contracts/products.server";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "contracts:view", action: "contracts:write" }), ...page<typeof loader>({ title: (d) => d.product.name }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  return { slug: ctx.org.slug, ...(await getProduct(ctx, params.contractId ?? "", params.productId ?? "", onDateParam(request))), canWrite: ctx.can("contracts:write") };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const contractId = params.contractId ?? "";
  const productId = params.productId ?? "";
  const formData = await request.formData();
  const result = await submitForm(formData, productActionSchema, async (v) => {
    if (v.intent === "update") await updateProduct(ctx, contractId, productId, v);
    else if (v.intent === "tariff") await addTariff(ctx, contractId, productId, v);
    else await addRules(ctx, contractId, productId, v);
    return v.intent;
  });
  if (!result.ok) return data({ ...result.response.data, intent: String(formData.get("intent")) }, result.response.init ?? undefined);
  return { result: undefined, saved: result.value, intent: result.value };
});

type Result = Parameters<typeof useSchemaForm>[1]["lastResult"];

/** One product: what is in force today, the tariff and rule history, and the board's forms. */
export default function ContractProduct() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const loaded = useLoaderData<typeof loader>();
  const { product, tariffs, rules, amendments, currentTariff, currentRules, canWrite } = loaded;
  const actionData = useActionData<typeof action>();
  const failed = (intent: string) => (actionData && actionData.intent === intent ? actionData.result : null);
  const amendmentTitle = (r: (typeof rules)[number]) => r.amendmentTitle;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to=".." relative="path" className="text-teal-800 underline">
          {t("products.back")}
        </Link>
      </p>
      {actionData && "saved" in actionData && actionData.saved ? <Notice tone="success">{t(`products.saved.${actionData.saved}`)}</Notice> : null}
      <Card title={`${product.code} · ${product.name}`}>
        <dl className="grid grid-cols-[12rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-500">{t("products.fields.category")}</dt>
          <dd>{categoryLabel(t, product.category)}</dd>
          <dt className="text-slate-500">{t("products.fields.unit")}</dt>
          <dd>{unitLabel(t, product.unit)}</dd>
          <dt className="text-slate-500">{t("products.columns.tariff")}</dt>
          <dd data-testid="current-tariff">{currentTariff ? formatMoney(currentTariff.amountCents, lng) : "—"}</dd>
          <dt className="text-slate-500">{t("products.columns.maxVolume")}</dt>
          <dd>{volumeLabel(t, currentRules?.maxVolume ?? null, product.unit, lng)}</dd>
          <dt className="text-slate-500">{t("products.columns.maxDuration")}</dt>
          <dd>{weeksLabel(t, currentRules?.maxDurationWeeks ?? null)}</dd>
          <dt className="text-slate-500">{t("products.columns.leadClinician")}</dt>
          <dd>{product.requiresLeadClinician ? t("products.yes") : t("products.no")}</dd>
          <dt className="text-slate-500">{t("products.extensions.title")}</dt>
          <dd>{currentRules ? <ExtensionSummary rules={currentRules} /> : "—"}</dd>
        </dl>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("products.tariffs.title")}>
          <table className="w-full text-left text-sm [&_td]:py-1 [&_td]:pr-3" data-testid="tariffs">
            <thead className="text-slate-500">
              <tr>
                <th>{t("products.fields.validFrom")}</th>
                <th>{t("products.fields.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {tariffs.map((tr) => (
                <tr key={tr.id}>
                  <td>{formatDate(tr.validFrom, lng)}</td>
                  <td>{formatMoney(tr.amountCents, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canWrite ? <TariffForm lastResult={failed("tariff")} count={tariffs.length} /> : null}
        </Card>
        <Card title={t("products.rules.title")}>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="rules">
            {rules.map((r) => (
              <li key={r.id} className="py-2">
                <p className="font-medium">
                  {amendmentTitle(r) ? t("products.rules.fromAmendment", { date: formatDate(r.effectiveOn, lng), title: amendmentTitle(r) }) : t("products.rules.from", { date: formatDate(r.effectiveOn, lng) })}
                </p>
                <p className="text-slate-600">
                  {t("products.columns.maxVolume")}: {volumeLabel(t, r.maxVolume, product.unit, lng)} · {t("products.columns.maxDuration")}: {weeksLabel(t, r.maxDurationWeeks)}
                </p>
                <div className="text-slate-600">
                  <ExtensionSummary rules={r} />
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {canWrite ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("products.edit")}>
            <EditForm product={product} lastResult={failed("update")} />
          </Card>
          <Card title={t("products.rules.add")}>
            <RulesForm amendments={amendments} lastResult={failed("rules")} count={rules.length} />
          </Card>
        </div>
      ) : null}
    </div>
  );
}

function EditForm({ product, lastResult }: { product: { category: string; code: string; name: string; unit: string; requiresLeadClinician: boolean; version: number }; lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(updateProductSchema, {
    id: `product-${product.version}`,
    lastResult,
    defaultValue: { intent: "update", version: String(product.version), name: product.name, category: product.category, code: product.code, unit: product.unit, requiresLeadClinician: product.requiresLeadClinician ? "on" : "" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
      <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
      <ProductFields fields={fields} />
      <Button>{t("actions.save")}</Button>
    </Form>
  );
}

function TariffForm({ lastResult, count }: { lastResult: Result; count: number }) {
  const { t } = useTranslation();
  // Keyed by the number of tariffs, so the form is empty again after one was added.
  const [form, fields] = useSchemaForm(tariffSchema, { id: `tariff-${count}`, lastResult, defaultValue: { intent: "tariff" } });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3 border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold">{t("products.tariffs.add")}</h3>
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
      <div className="grid gap-3 sm:grid-cols-2">
        <MoneyField field={fields.amount} label={t("products.fields.amount")} hint={t("products.hints.tariff")} />
        <DateField field={fields.validFrom} label={t("products.fields.validFrom")} hint={t("products.hints.indexation")} />
      </div>
      <Button variant="secondary">{t("products.tariffs.add")}</Button>
    </Form>
  );
}

function RulesForm({ amendments, lastResult, count }: { amendments: { id: string; title: string; effectiveOn: string }[]; lastResult: Result; count: number }) {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const [form, fields] = useSchemaForm(rulesSchema, { id: `rules-${count}`, lastResult, defaultValue: { intent: "rules", extensionsWithoutReferrer: "0" } });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <p className="text-sm text-slate-600">{t("products.rules.intro")}</p>
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField field={fields.effectiveOn} label={t("products.fields.effectiveOn")} />
        <SelectField
          field={fields.amendmentId}
          label={t("products.fields.amendment")}
          options={[{ value: "", label: t("products.rules.noAmendment") }, ...amendments.map((a) => ({ value: a.id, label: `${a.title} (${formatDate(a.effectiveOn, lng)})` }))]}
        />
      </div>
      <RuleFields fields={fields} />
      <Button variant="secondary">{t("products.rules.add")}</Button>
    </Form>
  );
}
