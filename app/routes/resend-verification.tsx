import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, Notice, TextField } from "~/components/ui/form";
import { handler, submitForm } from "~/lib/route.server";
import { resendVerification } from "~/modules/auth/accounts.server";
import { emailOnlySchema } from "~/modules/auth/schemas";

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), emailOnlySchema, (v) => resendVerification(v.email));
  if (!result.ok) return result.response;
  // The same answer whether or not the address has an unconfirmed account.
  return { result: undefined, sent: true };
});

export default function ResendVerification() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
    shouldValidate: "onBlur",
  });
  return (
    <AuthLayout title={t("resendVerification.title")}>
      {actionData && "sent" in actionData ? (
        <Notice tone="success">{t("resendVerification.sent")}</Notice>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
          <Button className="w-full">{t("resendVerification.submit")}</Button>
        </Form>
      )}
    </AuthLayout>
  );
}
