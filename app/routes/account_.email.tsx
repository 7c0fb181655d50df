import { getFormProps } from "@conform-to/react";
import { AccountPage } from "~/components/account-page";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireUser } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { requestEmailChange } from "~/modules/auth/accounts.server";
import { changeEmailSchema } from "~/modules/auth/schemas";

export const handle = { ...access({ loader: "user", action: "user" }), ...page({ title: "security.email.title" }) };

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const ctx = await requireUser(request);
  return { email: ctx.user.email };
});

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const ctx = await requireUser(request);
  const result = await submitForm(await request.formData(), changeEmailSchema, (v) => requestEmailChange(ctx.session, v, ctx.ip));
  if (!result.ok) return result.response;
  return { result: undefined, sentTo: result.value };
});

export default function ChangeEmail() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changeEmailSchema, { lastResult: actionData?.result });
  return (
    <AccountPage>
      {actionData && "sentTo" in actionData ? <Notice tone="success">{t("security.email.sent", { email: actionData.sentTo })}</Notice> : null}
      <Card /* the page title is the shell's h1 (decision 023) */>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <p className="text-sm text-slate-600">{t("security.email.current", { email })}</p>
          <FormErrors errors={form.errors} />
          <TextField field={fields.email} label={t("security.email.new")} type="email" autoComplete="email" />
          {/* The password again: changing the address is a change of who can reset the password. */}
          <TextField field={fields.password} label={t("security.email.password")} type="password" autoComplete="current-password" />
          <Button>{t("security.email.submit")}</Button>
        </Form>
      </Card>
    </AccountPage>
  );
}
