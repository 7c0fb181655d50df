import { getFormProps } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { emailOnlySchema } from "~/modules/auth/schemas";
import { AuthLayout } from "./auth-layout";
import { Button, Notice, TextField } from "./ui/form";
import { useSchemaForm } from "./ui/use-schema-form";

/**
 * "Send me a link" pages (forgotten password, new confirmation link): one email
 * field, and afterwards the same answer whether or not the address has an account.
 */
export function EmailRequest({
  actionData,
  text,
}: {
  actionData: { result?: SubmissionResult<string[]>; sent?: boolean } | undefined;
  text: { title: string; intro?: string; submit: string; sent: string };
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(emailOnlySchema, {
    lastResult: actionData?.result,
  });
  return (
    <AuthLayout title={t(text.title)}>
      {actionData?.sent ? (
        <Notice tone="success">{t(text.sent)}</Notice>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          {text.intro ? <p className="text-sm text-slate-700">{t(text.intro)}</p> : null}
          <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
          <Button className="w-full">{t(text.submit)}</Button>
        </Form>
      )}
    </AuthLayout>
  );
}
