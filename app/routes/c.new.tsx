import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { requireUser } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { createOrganization } from "~/modules/organizations/organizations.server";
import { createOrganizationSchema, legalForms } from "~/modules/organizations/schemas";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "user", action: "user" }), ...page({ title: "org.newTitle" }) };

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request);
  return null;
});

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const ctx = await requireUser(request);
  const result = await submitForm(await request.formData(), createOrganizationSchema, (v) => createOrganization(ctx, v));
  if (!result.ok) return result.response;
  return redirect(`/c/${result.value.slug}`);
});

export default function NewOrganization() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(createOrganizationSchema, {
    lastResult: actionData?.result,
    defaultValue: { legalForm: "cooperative_ua" },
  });
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-6 text-2xl font-semibold">{t("org.newTitle")}</h1>
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <TextField field={fields.name} label={t("org.name")} />
          <SelectField field={fields.legalForm} label={t("org.legalForm")} options={legalForms.map((f) => ({ value: f, label: t(`legalForms.${f}`) }))} />
          <TextField field={fields.kvkNumber} label={t("org.kvk")} hint={t("org.kvkHint")} />
          <TextField field={fields.slug} label={t("org.slug")} hint={t("org.slugHint")} />
          <Button>{t("org.create")}</Button>
        </Form>
      </Card>
    </div>
  );
}
