import { getFormProps } from "@conform-to/react";
import { AccountPage } from "~/components/account-page";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireUser } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { changePassword } from "~/modules/auth/accounts.server";
import { changePasswordSchema } from "~/modules/auth/schemas";

export const handle = { ...access({ loader: "user", action: "user" }), ...page({ title: "security.password.title" }) };

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request);
  return null;
});

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const ctx = await requireUser(request);
  const result = await submitForm(await request.formData(), changePasswordSchema, (v) => changePassword(ctx.session, v, ctx.ip));
  if (!result.ok) return result.response;
  return { result: undefined, ended: result.value };
});

export default function ChangePassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changePasswordSchema, { lastResult: actionData?.result });
  const done = actionData && "ended" in actionData;
  return (
    <AccountPage>
      {done ? <Notice tone="success">{t("security.password.changed", { count: actionData.ended })}</Notice> : null}
      <Card /* the page title is the shell's h1 (decision 023) */>
        {/* key: after a change the form starts empty again */}
        <Form method="post" {...getFormProps(form)} key={done ? "done" : "form"} className="space-y-4">
          <FormErrors errors={form.errors} />
          <TextField field={fields.current} label={t("security.password.current")} type="password" autoComplete="current-password" />
          <TextField field={fields.password} label={t("security.password.new")} type="password" autoComplete="new-password" hint={t("signup.passwordHint")} />
          <TextField field={fields.confirm} label={t("reset.confirm")} type="password" autoComplete="new-password" />
          <Button>{t("security.password.submit")}</Button>
        </Form>
      </Card>
    </AccountPage>
  );
}
