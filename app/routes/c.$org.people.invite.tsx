import { getFormProps } from "@conform-to/react";
import { ROLES, canAssignRole } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { invite } from "~/modules/people/people.server";
import { inviteSchema } from "~/modules/people/schemas";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "people:invite", action: "people:invite" }), ...page({ title: "people.invite", parent: { to: "people", label: "shell.nav.people" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "people:invite");
  return { roles: ROLES.filter((r) => canAssignRole(ctx.role, r)) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "people:invite");
  const result = await submitForm(await request.formData(), inviteSchema, (v) => invite(ctx, v));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/people?invited=${encodeURIComponent(result.value.invitation.email)}`);
});

export default function Invite() {
  const { t } = useTranslation();
  const { roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(inviteSchema, {
    lastResult: actionData?.result,
    defaultValue: { role: "member" },
  });
  return (
    <div className="max-w-xl">
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <p className="text-sm text-slate-600">{t("people.inviteIntro")}</p>
          <TextField field={fields.email} label={t("fields.email")} type="email" />
          <SelectField field={fields.role} label={t("fields.role")} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          <Button>{t("people.sendInvitation")}</Button>
        </Form>
      </Card>
    </div>
  );
}
