import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { categoryLabel } from "~/components/contracts/product-fields";
import { NumberField, typeLabel } from "~/components/registrations";
import { Button, Card, FormErrors, Notice, SelectField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { addRequirementSchema, requirementActionSchema } from "~/modules/contracts/product-schemas";
import { addRequirement, getRequirements, removeRequirement } from "~/modules/contracts/requirements.server";

export const handle = { ...access({ loader: "contracts:view", action: "contracts:write" }), ...page({ title: "contracts.sections.requirements", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  return { slug: ctx.org.slug, ...(await getRequirements(ctx, params.contractId ?? "")), canWrite: ctx.can("contracts:write") };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const contractId = params.contractId ?? "";
  const formData = await request.formData();
  const result = await submitForm(formData, requirementActionSchema, async (v) => {
    if (v.intent === "add") await addRequirement(ctx, contractId, v);
    else await removeRequirement(ctx, contractId, v.requirementId);
    return v.intent;
  });
  if (!result.ok) return data({ ...result.response.data, intent: String(formData.get("intent")) }, result.response.init ?? undefined);
  return { result: undefined, saved: result.value, intent: result.value };
});

type Row = { id: string; code: string | null; name: string | null; maxAgeMonths: number | null };

/** What the contract demands of each practitioner and of the cooperative; the board keeps it. */
export default function ContractRequirements() {
  const { t } = useTranslation();
  const { practitioner, organization, available, leadClinicianProducts, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && actionData.intent === "add" ? actionData.result : null;
  const [form, fields] = useSchemaForm(addRequirementSchema, { id: `add-requirement-${practitioner.length + organization.length}`, lastResult, defaultValue: { intent: "add" } });
  const removeFailed = actionData && actionData.intent === "remove" && !("saved" in actionData && actionData.saved);
  return (
    <div className="space-y-4">
      {actionData && "saved" in actionData && actionData.saved ? <Notice tone="success">{t(`requirements.saved.${actionData.saved}`)}</Notice> : null}
      {removeFailed ? <FormErrors errors={["errors.invalid"]} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("requirements.practitioner")}>
          <RequirementList rows={practitioner} canWrite={canWrite} testId="practitioner-requirements" t={t} />
        </Card>
        <Card title={t("requirements.organization")}>
          <RequirementList rows={organization} canWrite={canWrite} testId="organization-requirements" t={t} />
        </Card>
      </div>
      <Card title={t("requirements.leadClinician")}>
        {leadClinicianProducts.length === 0 ? (
          <p className="text-sm text-slate-600">{t("requirements.noLeadClinician")}</p>
        ) : (
          <ul className="text-sm" data-testid="lead-clinician-products">
            {leadClinicianProducts.map((p) => (
              <li key={p.id}>
                <Link to={`../products/${p.id}`} relative="path" className="text-teal-800 underline">
                  {p.code} · {p.name}
                </Link>{" "}
                <span className="text-slate-500">{categoryLabel(t, p.category)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-xs text-slate-500">{t("requirements.leadClinicianHint")}</p>
      </Card>
      {canWrite ? (
        <Card title={t("requirements.add")}>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
            <SelectField
              field={fields.typeId}
              label={t("requirements.fields.type")}
              options={[{ value: "", label: t("requirements.choose") }, ...available.map((ty) => ({ value: ty.id, label: `${typeLabel(t, ty)} (${t(`registrations.subject.${ty.subject}`)})` }))]}
            />
            <NumberField field={fields.maxAgeMonths} label={t("requirements.fields.maxAgeMonths")} hint={t("requirements.hints.maxAgeMonths")} />
            <Button>{t("requirements.add")}</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

function RequirementList({ rows, canWrite, testId, t }: { rows: Row[]; canWrite: boolean; testId: string; t: TFunction }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("requirements.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
          <span className="font-medium">{typeLabel(t, r)}</span>
          {r.maxAgeMonths ? <span className="text-slate-600">{t("requirements.maxAge", { count: r.maxAgeMonths })}</span> : null}
          {canWrite ? (
            <Form method="post" className="ml-auto">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="requirementId" value={r.id} />
              <Button size="sm" variant="danger" aria-label={t("requirements.removeName", { type: typeLabel(t, r) })}>
                {t("requirements.remove")}
              </Button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
