import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { DUTY_RECURRENCES, formatDate, todayInAmsterdam, type OccurrenceStatus } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "~/components/compliance";
import { Button, Card, FieldErrors, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { createDuty, listDuties, setDutyActive, submitReport, updateDuty, type DutyView, type Occurrence } from "~/modules/compliance/duties.server";
import { activateDutySchema, createDutySchema, deactivateDutySchema, submitReportSchema, updateDutySchema } from "~/modules/compliance/schemas";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import type { RootData } from "~/root";
import { uploadFromForm } from "~/modules/files/uploads.server";

export const handle = { ...access({ loader: "compliance:view", action: "contracts:write" }), ...page({ title: "contracts.sections.duties", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const today = todayInAmsterdam();
  const contractId = params.contractId ?? "";
  return { slug: ctx.org.slug, contractId, today, duties: await listDuties(ctx, contractId, today), canWrite: ctx.can("contracts:write"), newKey: randomUUID() };
});

/** Which form on the page a failed answer belongs to. */
const formKeyOf = (formData: FormData) => {
  const intent = String(formData.get("intent") ?? "");
  if (intent === "submit") return `submit-${String(formData.get("dutyId") ?? "")}-${String(formData.get("dueOn") ?? "")}`;
  if (intent === "create") return "create";
  return `duty-${String(formData.get("dutyId") ?? "")}`;
};

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const contractId = params.contractId ?? "";
  const { formData, oversized } = await readUploadForm(request, "report", MAX_EVIDENCE_BYTES);
  const intent = formData.get("intent");
  const run = async () => {
    switch (intent) {
      case "create":
        return submitForm(formData, createDutySchema, (v) => createDuty(ctx, contractId, v));
      case "update":
        return submitForm(formData, updateDutySchema, (v) => updateDuty(ctx, contractId, v));
      case "deactivate":
        return submitForm(formData, deactivateDutySchema, (v) => setDutyActive(ctx, contractId, v, false));
      case "activate":
        return submitForm(formData, activateDutySchema, (v) => setDutyActive(ctx, contractId, v, true));
      case "submit":
        return submitForm(formData, submitReportSchema, async (v) => {
          if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "report");
          return submitReport(ctx, contractId, v, await uploadFromForm(v.report));
        });
      default:
        throw new AppError("invalid");
    }
  };
  const result = await run();
  if (!result.ok) return data({ ...result.response.data, form: formKeyOf(formData) }, result.response.init ?? undefined);
  const done = intent === "create" ? "created" : intent === "update" ? "updated" : intent === "submit" ? "submitted" : intent === "activate" ? "activated" : "deactivated";
  throw redirect(`/c/${ctx.org.slug}/contracts/${contractId}/duties?done=${done}`);
});

const STATUS_TONE: Record<OccurrenceStatus, Tone> = { upcoming: "neutral", due_soon: "attention", overdue: "problem", submitted: "ok" };

function DateInput({ field, label }: { field: FieldMetadata<string>; label: string }) {
  const props = getInputProps(field, { type: "date" });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input {...props} key={props.key} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function NumberInput({ field, label }: { field: FieldMetadata<number>; label: string }) {
  const props = getInputProps(field, { type: "number" });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input {...props} key={props.key} min={0} max={365} className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 text-sm" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

type Result = SubmissionResult<string[]> | null | undefined;

/** Add a duty (newKey from the loader: a double submit is one duty). */
function CreateDutyForm({ newKey, lastResult }: { newKey: string; lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(createDutySchema, { id: `create-${newKey}`, lastResult, defaultValue: { intent: "create", key: newKey, recurrence: "yearly", remindDaysBefore: "14" } });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="create" />
      <input {...getInputProps(fields.key, { type: "hidden" })} key={fields.key.key} />
      <DutyFields fields={fields} />
      <Button>{t("duties.create")}</Button>
    </Form>
  );
}

type DutyFieldSet = { title: FieldMetadata<string>; recurrence: FieldMetadata<string>; firstDueOn: FieldMetadata<string>; remindDaysBefore: FieldMetadata<number> };
function DutyFields({ fields }: { fields: DutyFieldSet }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField field={fields.title} label={t("duties.fields.title")} />
      <SelectField field={fields.recurrence} label={t("duties.fields.recurrence")} options={DUTY_RECURRENCES.map((r) => ({ value: r, label: t(`duties.recurrence.${r}`) }))} />
      <DateInput field={fields.firstDueOn} label={t("duties.fields.firstDueOn")} />
      <NumberInput field={fields.remindDaysBefore} label={t("duties.fields.remindDaysBefore")} />
    </>
  );
}

function EditDutyForm({ duty, lastResult }: { duty: DutyView; lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(updateDutySchema, {
    id: `update-${duty.id}-${duty.version}`,
    lastResult,
    defaultValue: { intent: "update", dutyId: duty.id, version: String(duty.version), title: duty.title, recurrence: duty.recurrence, firstDueOn: duty.firstDueOn, remindDaysBefore: String(duty.remindDaysBefore) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="dutyId" value={duty.id} />
      <input type="hidden" name="version" value={duty.version} />
      <DutyFields fields={fields} />
      <Button variant="secondary">{t("duties.save")}</Button>
    </Form>
  );
}

/** Mark one due date submitted, with the report attached (multipart: works without JavaScript). */
function SubmitForm({ duty, occurrence, today, lastResult }: { duty: DutyView; occurrence: Occurrence; today: string; lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(submitReportSchema, {
    id: `submit-${duty.id}-${occurrence.dueOn}`,
    lastResult,
    defaultValue: { intent: "submit", dutyId: duty.id, dueOn: occurrence.dueOn, submittedOn: today },
  });
  const file = getInputProps(fields.report, { type: "file" });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-2 grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormErrors errors={form.errors} />
      </div>
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="dutyId" value={duty.id} />
      <input type="hidden" name="dueOn" value={occurrence.dueOn} />
      <FieldErrors id={fields.dueOn.errorId} errors={fields.dueOn.errors} />
      <DateInput field={fields.submittedOn} label={t("duties.fields.submittedOn")} />
      <TextField field={fields.note} label={t("duties.fields.note")} />
      <div className="sm:col-span-2">
        <label htmlFor={fields.report.id} className="block text-sm font-medium text-slate-800">
          {t("duties.fields.report")}
        </label>
        <input {...file} key={file.key} accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" className="mt-1 block w-full text-sm" />
        <FieldErrors id={fields.report.errorId} errors={fields.report.errors} />
      </div>
      <div>
        <Button size="sm">{t("duties.submit")}</Button>
      </div>
    </Form>
  );
}

/** A contract's reporting duties: schedule, due dates with status, the reports submitted. */
export default function ContractDuties() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contractId, today, duties, canWrite, newKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const resultFor = (key: string) => (actionData && "form" in actionData && actionData.form === key ? (actionData.result as Result) : null);
  return (
    <div className="space-y-4">
      {done ? <Notice tone="success">{t(`duties.done.${done}`)}</Notice> : null}
      <Card title={t("duties.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("duties.intro")}</p>
        {duties.length === 0 ? <p className="text-sm text-slate-600">{t("duties.none")}</p> : null}
        <div className="space-y-6">
          {duties.map((duty) => (
            <section key={duty.id} className="space-y-2 border-t border-slate-100 pt-4" data-testid="duty">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold">{duty.title}</h3>
                {!duty.active ? <Badge tone="neutral">{t("duties.inactive")}</Badge> : null}
              </div>
              <p className="text-sm text-slate-600">
                {t("duties.schedule", { recurrence: t(`duties.recurrence.${duty.recurrence}`), date: formatDate(duty.firstDueOn, lng), days: duty.remindDaysBefore })}
              </p>
              {duty.occurrences.length === 0 ? <p className="text-sm text-slate-600">{t("duties.noOccurrences")}</p> : null}
              <ul className="space-y-2 text-sm">
                {duty.occurrences.map((o) => (
                  <li key={o.dueOn} data-testid={`occurrence-${o.dueOn}`}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="w-28 font-medium">{formatDate(o.dueOn, lng)}</span>
                      <Badge tone={STATUS_TONE[o.status]}>{t(`duties.status.${o.status}`)}</Badge>
                      {o.submission ? (
                        <span className="text-slate-600">
                          {t("duties.fields.submittedOn")}: {formatDate(o.submission.submittedOn, lng)}
                          {o.submission.note ? ` · ${o.submission.note}` : ""}
                        </span>
                      ) : null}
                      {o.submission?.filename ? (
                        <a href={`/c/${slug}/contracts/${contractId}/duties/${duty.id}/report?dueOn=${o.dueOn}`} className="text-teal-800 underline">
                          {t("duties.download")} ({o.submission.filename})
                        </a>
                      ) : null}
                    </div>
                    {canWrite && duty.active && !o.submission && o.status !== "upcoming" ? <SubmitForm duty={duty} occurrence={o} today={today} lastResult={resultFor(`submit-${duty.id}-${o.dueOn}`)} /> : null}
                  </li>
                ))}
              </ul>
              {canWrite ? (
                <details className="text-sm" open={Boolean(resultFor(`duty-${duty.id}`))}>
                  <summary className="cursor-pointer text-teal-800 underline">{t("duties.edit")}</summary>
                  <div className="mt-2 space-y-3">
                    <EditDutyForm duty={duty} lastResult={resultFor(`duty-${duty.id}`)} />
                    <Form method="post">
                      <input type="hidden" name="intent" value={duty.active ? "deactivate" : "activate"} />
                      <input type="hidden" name="dutyId" value={duty.id} />
                      <input type="hidden" name="version" value={duty.version} />
                      <Button variant={duty.active ? "danger" : "secondary"} size="sm">
                        {duty.active ? t("duties.deactivate") : t("duties.activate")}
                      </Button>
                    </Form>
                  </div>
                </details>
              ) : null}
            </section>
          ))}
        </div>
      </Card>
      {canWrite ? (
        <Card title={t("duties.new")}>
          <CreateDutyForm newKey={newKey} lastResult={resultFor("create")} />
        </Card>
      ) : null}
    </div>
  );
}
