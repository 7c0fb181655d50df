import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors, TextField } from "~/components/ui/form";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { clearSessionCookie } from "~/lib/session.server";
import { resetPassword } from "~/modules/auth/accounts.server";
import { deviceCookie } from "~/modules/auth/devices.server";
import { resetPasswordSchema } from "~/modules/auth/schemas";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "reset.title" }) };

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), resetPasswordSchema, (v) => resetPassword(v.token, v.password, clientIp(request)));
  if (!result.ok) return result.response;
  // Every session of the account has ended, this browser's too: log in with the new password.
  // Following the link proved the mailbox, so this browser becomes a known device: the
  // way in from a new device while strangers keep the address locked (decision 018).
  const headers = new Headers({ "Set-Cookie": clearSessionCookie() });
  headers.append("Set-Cookie", deviceCookie(result.value.id));
  return redirect("/login?reset=1", { headers });
});

export default function ResetPassword() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(resetPasswordSchema, {
    lastResult: actionData?.result,
    defaultValue: { token },
  });
  return (
    <AuthLayout title={t("reset.title")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.token, { type: "hidden" })} />
        <TextField field={fields.password} label={t("reset.newPassword")} type="password" autoComplete="new-password" hint={t("signup.passwordHint")} />
        <TextField field={fields.confirm} label={t("reset.confirm")} type="password" autoComplete="new-password" />
        <Button className="w-full">{t("reset.submit")}</Button>
      </Form>
    </AuthLayout>
  );
}
