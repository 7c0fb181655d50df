import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { OnboardingChecklist } from "~/components/onboarding/checklist";
import { onboardingChecklist } from "~/modules/organizations/onboarding.server";
import { setTwoFactorRoles, twoFactorRolesOf, updateOrganization } from "~/modules/organizations/organizations.server";
import { legalForms, twoFactorRolesSchema, updateOrganizationSchema } from "~/modules/organizations/schemas";
import { ROLES } from "@koepel/rules";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "org:settings", action: "org:settings" }), ...page({ title: "shell.nav.settings" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:settings");
  return { org: ctx.org, twoFactorRoles: await twoFactorRolesOf(ctx), onboarding: await onboardingChecklist(ctx) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:settings");
  const formData = await request.formData();
  if (formData.get("intent") === "twoFactor") {
    const roles = await submitForm(formData, twoFactorRolesSchema, (v) => setTwoFactorRoles(ctx, v));
    if (!roles.ok) return roles.response;
    return { result: undefined, saved: true };
  }
  const result = await submitForm(formData, updateOrganizationSchema, (v) => updateOrganization(ctx, v));
  if (!result.ok) return result.response;
  return { result: undefined, saved: true };
});

export default function Settings() {
  const { t } = useTranslation();
  const { org, twoFactorRoles, onboarding } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateOrganizationSchema, {
    // After a save the loader's new version is the form's: reset it from the data.
    id: `settings-${org.version}`,
    lastResult: actionData?.result,
    defaultValue: { name: org.name, legalForm: org.legalForm, kvkNumber: org.kvkNumber, version: String(org.version) },
  });
  return (
    <div className="max-w-xl space-y-4">
      <OnboardingChecklist checklist={onboarding} />
      {actionData && "saved" in actionData ? <Notice tone="success">{t("account.saved")}</Notice> : null}
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
          <TextField field={fields.name} label={t("org.name")} />
          <SelectField field={fields.legalForm} label={t("org.legalForm")} options={legalForms.map((f) => ({ value: f, label: t(`legalForms.${f}`) }))} />
          <TextField field={fields.kvkNumber} label={t("org.kvk")} hint={t("org.kvkHint")} />
          <p className="text-sm text-slate-600">
            {t("org.slug")}: <code>{org.slug}</code> · {t("org.slugFixed")}
          </p>
          <Button>{t("actions.save")}</Button>
        </Form>
      </Card>
      <Card title={t("security.twoFactorRoles.title")}>
        {/* Plain checkboxes, version-checked like the form above; the key resets them after a save. */}
        <Form method="post" className="space-y-4" key={`two-factor-${org.version}`}>
          <input type="hidden" name="intent" value="twoFactor" />
          <input type="hidden" name="version" value={org.version} />
          <fieldset>
            <legend className="mb-2 text-sm text-slate-600">{t("security.twoFactorRoles.intro")}</legend>
            {ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="roles" value={role} defaultChecked={twoFactorRoles.includes(role)} />
                {t(`roles.${role}`)}
              </label>
            ))}
          </fieldset>
          <Button>{t("security.twoFactorRoles.save")}</Button>
        </Form>
      </Card>
    </div>
  );
}
