import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { INDIRECT_TIME, formatDate } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Checkbox, TextArea } from "~/components/contracts/contract-fields";
import { DateField } from "~/components/ui/date-field";
import { Button, Card, FieldErrors, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { createAmendment, listAmendments } from "~/modules/contracts/amendments.server";
import { uploadFromForm } from "~/modules/files/uploads.server";
import { amendmentSchema } from "~/modules/contracts/schemas";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "contracts:view", action: "contracts:write" }), ...page({ title: "contracts.sections.amendments", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const found = await listAmendments(ctx, params.contractId ?? "");
  // A fresh key per form shown: a double submit of the same form records one amendment.
  return { slug: ctx.org.slug, ...found, canWrite: ctx.can("contracts:write"), formKey: randomUUID() };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const { formData, oversized } = await readUploadForm(request, "document", MAX_EVIDENCE_BYTES);
  const result = await submitForm(formData, amendmentSchema, async (v) => {
    if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "document");
    return createAmendment(ctx, params.contractId ?? "", v, await uploadFromForm(v.document));
  });
  if (!result.ok) return result.response;
  throw redirect(`/c/${ctx.org.slug}/contracts/${params.contractId}/amendments?saved=1`);
});

type Terms = { indirectTime: string; indirectSharePercent: number | null };
const termsText = (t: TFunction, terms: Terms) =>
  terms.indirectTime === "share" ? t("contracts.indirectShare", { percent: terms.indirectSharePercent ?? 0 }) : t(`contracts.indirect.${terms.indirectTime}`);

/** The contract's amendments, newest first, and (for the board) a form to record one. */
export default function Amendments() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contractId, amendments, base, termsToday, canWrite, formKey } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="space-y-4">
        {params.get("saved") ? <Notice tone="success">{t("contracts.amendments.saved")}</Notice> : null}
        <Card title={t("contracts.amendments.title")}>
          <p className="mb-3 text-sm" data-testid="terms-today">
            {t("contracts.amendments.termsToday", { terms: termsText(t, termsToday) })}
            {termsToday.effectiveOn ? ` (${t("contracts.amendments.since", { date: formatDate(termsToday.effectiveOn, lng) })})` : ` (${t("contracts.amendments.asSigned")})`}
          </p>
          {amendments.length === 0 ? <p className="text-sm text-slate-600">{t("contracts.amendments.none")}</p> : null}
          <ol className="space-y-3">
            {amendments.map((a) => (
              <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="amendment">
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="font-medium">{a.title}</span>
                  <span className="text-slate-600">{t("contracts.amendments.from", { date: formatDate(a.effectiveOn, lng) })}</span>
                </div>
                {a.summary ? <p className="mt-1 whitespace-pre-line">{a.summary}</p> : null}
                {a.terms ? <p className="mt-1">{t("contracts.amendments.termsChange", { terms: termsText(t, a.terms) })}</p> : null}
                {a.productRules.length ? (
                  <ul className="mt-1 list-disc pl-5" aria-label={t("contracts.amendments.ruleChanges")}>
                    {a.productRules.map((r) => (
                      <li key={r.id}>
                        {r.productCode} {r.productName}: {t("contracts.amendments.extensions", { count: r.extensionsWithoutReferrer })}
                        {r.documentAtExtension && r.documentName ? `; ${t("contracts.amendments.documentAt", { n: r.documentAtExtension, document: r.documentName })}` : ""}
                        {r.reviewAfterExtension && r.reviewBy ? `; ${t("contracts.amendments.reviewAfter", { n: r.reviewAfterExtension, by: r.reviewBy })}` : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {a.documents.map((d) => (
                  <a key={d.id} href={`/c/${slug}/contracts/${contractId}/documents/${d.id}`} className="mt-1 block text-teal-800 underline">
                    {d.filename}
                  </a>
                ))}
              </li>
            ))}
          </ol>
          <p className="mt-3 text-xs text-slate-500">{t("contracts.amendments.base", { terms: termsText(t, base) })}</p>
        </Card>
      </div>
      {canWrite ? <AmendmentForm formKey={formKey} /> : null}
    </div>
  );
}

function AmendmentForm({ formKey }: { formKey: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(amendmentSchema, { lastResult: actionData?.result, defaultValue: { indirectTime: "not_paid" } });
  return (
    <Card title={t("contracts.amendments.add")}>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-3">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="key" value={formKey} />
        <TextField field={fields.title} label={t("contracts.amendments.fields.title")} />
        <DateField field={fields.effectiveOn} label={t("contracts.amendments.fields.effectiveOn")} />
        <TextArea field={fields.summary} label={t("contracts.amendments.fields.summary")} />
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("contracts.fields.indirectTime")}</legend>
          <Checkbox field={fields.changesTerms} label={t("contracts.amendments.fields.changesTerms")} />
          <SelectField field={fields.indirectTime} label={t("contracts.amendments.fields.indirectTime")} options={INDIRECT_TIME.map((k) => ({ value: k, label: t(`contracts.indirect.${k}`) }))} />
          <TextField field={fields.indirectSharePercent as unknown as FieldMetadata<string>} label={t("contracts.fields.indirectSharePercent")} />
        </fieldset>
        <div>
          <label htmlFor={fields.document.id} className="block text-sm font-medium text-slate-800">
            {t("contracts.amendments.fields.document")}
          </label>
          <input id={fields.document.id} name={fields.document.name} type="file" accept="application/pdf,image/png,image/jpeg" className="mt-1 block text-sm" aria-describedby={fields.document.errorId} />
          <FieldErrors id={fields.document.errorId} errors={fields.document.errors} />
        </div>
        <Button>{t("contracts.amendments.submit")}</Button>
      </Form>
    </Card>
  );
}
