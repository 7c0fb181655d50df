import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NumberField, typeLabel, type TypeView } from "~/components/registrations";
import { Button, Card, FieldErrors, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { addRegistrationType, getTypesSettings, updateRegistrationType, updateReminderDays } from "~/modules/registrations/registrations.server";
import { addTypeSchema, reminderDaysSchema, typesActionSchema, updateTypeSchema } from "~/modules/registrations/schemas";

// Which registrations the cooperative requires, its own types, and the reminder ladder: the board's.
export const handle = { ...access({ loader: "credentials:verify", action: "credentials:verify" }), ...page({ title: "registrations.typesTitle", parent: { to: "registrations", label: "shell.nav.registrations" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "credentials:verify");
  return { slug: ctx.org.slug, ...(await getTypesSettings(ctx)) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "credentials:verify");
  const formData = await request.formData();
  const result = await submitForm(formData, typesActionSchema, async (v) => {
    if (v.intent === "updateType") await updateRegistrationType(ctx, v);
    else if (v.intent === "addType") await addRegistrationType(ctx, v);
    else await updateReminderDays(ctx, v);
    return v.intent;
  });
  if (!result.ok) return data({ ...result.response.data, intent: String(formData.get("intent")), typeId: String(formData.get("typeId") ?? "") }, result.response.init ?? undefined);
  return { result: undefined, saved: result.value, intent: result.value, typeId: "" };
});

export default function RegistrationTypes() {
  const { t } = useTranslation();
  const { types, reminderDays, orgVersion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = (intent: string, typeId = "") => (actionData && actionData.intent === intent && actionData.typeId === typeId ? actionData.result : null);
  return (
    <div className="space-y-4">
      <Link to=".." relative="path" className="text-sm text-teal-800 underline">
        {t("registrations.backToQueue")}
      </Link>
      {actionData && "saved" in actionData && actionData.saved ? <Notice tone="success">{t("account.saved")}</Notice> : null}
      <Card>
        <p className="mb-3 text-sm text-slate-600">{t("registrations.typesIntro")}</p>
        <ul className="divide-y divide-slate-100">
          {types.map((ty) => (
            <li key={ty.id} className="py-3">
              <TypeForm type={ty} lastResult={failed("updateType", ty.id)} />
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("registrations.addType")}>
        <AddTypeForm lastResult={failed("addType")} />
      </Card>
      <Card title={t("registrations.reminderDaysTitle")}>
        <LadderForm days={reminderDays} version={orgVersion} lastResult={failed("reminderDays")} />
      </Card>
    </div>
  );
}

type Result = Parameters<typeof useSchemaForm>[1]["lastResult"];

function TypeForm({ type, lastResult }: { type: TypeView & { version: number }; lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(updateTypeSchema, {
    id: `type-${type.id}-${type.version}`,
    lastResult,
    defaultValue: { intent: "updateType", typeId: type.id, version: String(type.version), cycleMonths: type.cycleMonths ? String(type.cycleMonths) : "", required: type.required ? "on" : "", active: type.active ? "on" : "" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-4" aria-label={typeLabel(t, type)}>
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
      <input {...getInputProps(fields.typeId, { type: "hidden" })} key={fields.typeId.key} />
      <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
      <div className="min-w-48 flex-1">
        <p className="font-medium">{typeLabel(t, type)}</p>
        <p className="text-xs text-slate-500">{t(`registrations.subject.${type.subject}`)}</p>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input {...getInputProps(fields.required, { type: "checkbox" })} key={fields.required.key} />
        {t("registrations.fields.required")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input {...getInputProps(fields.active, { type: "checkbox" })} key={fields.active.key} />
        {t("registrations.fields.active")}
      </label>
      <div className="w-32">
        <NumberField field={fields.cycleMonths} label={t("registrations.fields.cycleMonths")} />
      </div>
      <Button size="sm" variant="secondary">
        {t("actions.save")}
      </Button>
    </Form>
  );
}

function AddTypeForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(addTypeSchema, { id: "add-type", lastResult, defaultValue: { intent: "addType", subject: "member" } });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
      <TextField field={fields.name} label={t("registrations.fields.name")} />
      <SelectField field={fields.subject} label={t("registrations.fields.subject")} options={["member", "organization"].map((s) => ({ value: s, label: t(`registrations.subject.${s}`) }))} />
      <NumberField field={fields.cycleMonths} label={t("registrations.fields.cycleMonths")} />
      <NumberField field={fields.pointsRequired} label={t("registrations.fields.pointsRequired")} />
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.required, { type: "checkbox" })} key={fields.required.key} />
          {t("registrations.fields.required")}
        </label>
        <FieldErrors id={fields.required.errorId} errors={fields.required.errors} />
      </div>
      <Button>{t("registrations.addType")}</Button>
    </Form>
  );
}

function LadderForm({ days, version, lastResult }: { days: number[]; version: number; lastResult: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(reminderDaysSchema, { id: `ladder-${version}`, lastResult, defaultValue: { intent: "reminderDays", version: String(version), reminderDays: days.join(", ") } });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
      <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
      <TextField field={fields.reminderDays} label={t("registrations.fields.reminderDays")} hint={t("registrations.reminderDaysHint")} />
      <Button>{t("actions.save")}</Button>
    </Form>
  );
}
