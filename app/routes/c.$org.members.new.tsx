import { getFormProps } from "@conform-to/react";
import { MEMBER_TYPES } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { createMember } from "~/modules/members/members.server";
import { createMemberSchema } from "~/modules/members/schemas";

export const handle = { ...access({ loader: "members:write", action: "members:write" }), ...page({ title: "members.new", parent: { to: "members", label: "shell.nav.members" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  await requireMember(request, params.org, "members:write");
  return null;
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const result = await submitForm(await request.formData(), createMemberSchema, (v) => createMember(ctx, v));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/members/${result.value.id}`);
});

/** The board records a prospective member (aspirant-lid); an invitation can follow from the member page. */
export default function NewMember() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(createMemberSchema, { lastResult: actionData?.result, defaultValue: { type: "member" } });
  return (
    <div className="max-w-xl">
      <Card>
        <p className="mb-4 text-sm text-slate-600">{t("members.newIntro")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <TextField field={fields.name} label={t("fields.name")} />
          <TextField field={fields.email} label={t("fields.email")} type="email" />
          <TextField field={fields.phone} label={t("members.phone")} />
          <SelectField field={fields.type} label={t("members.type")} options={MEMBER_TYPES.map((m) => ({ value: m, label: t(`memberTypes.${m}`) }))} />
          <Button>{t("members.create")}</Button>
        </Form>
      </Card>
    </div>
  );
}
