import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors, Notice } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { confirmEmailChange } from "~/modules/auth/accounts.server";
import { tokenSchema } from "~/modules/auth/schemas";

// The link in the mail to the new address. Opening it changes nothing (mail scanners
// open links too); the button does. The token is the proof, so no login is needed.
export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "security.email.confirmTitle" }) };

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), tokenSchema, (v) => confirmEmailChange(v.token, clientIp(request)));
  if (!result.ok) return result.response;
  return { result: undefined, changed: true };
});

export default function ConfirmEmail() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(tokenSchema, { lastResult: actionData?.result, defaultValue: { token } });
  return (
    <AuthLayout title={t("security.email.confirmTitle")}>
      {actionData && "changed" in actionData ? (
        <Notice tone="success">{t("security.email.changed")}</Notice>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <p className="text-sm text-slate-600">{t("security.email.confirmIntro")}</p>
          <FormErrors errors={form.errors} />
          <input {...getInputProps(fields.token, { type: "hidden" })} />
          <Button className="w-full">{t("security.email.confirm")}</Button>
        </Form>
      )}
    </AuthLayout>
  );
}
