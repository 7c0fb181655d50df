import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors, Notice, TextField } from "~/components/ui/form";
import { resolveLocale } from "~/lib/i18n.server";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { getSession } from "~/lib/session.server";
import { signUp } from "~/modules/auth/accounts.server";
import { signupSchema } from "~/modules/auth/schemas";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "signup.title" }) };


export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSession(request)) throw redirect("/");
  return null;
}

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const locale = await resolveLocale(request);
  const result = await submitForm(await request.formData(), signupSchema, (v) => signUp({ ...v, locale, ip: clientIp(request) }));
  if (!result.ok) return result.response;
  // The same answer for a new and an existing address (decision 018): the mail tells them apart.
  return { result: undefined, sentTo: result.value.email };
});

export default function Signup() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(signupSchema, {
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
  });
  if (actionData && "sentTo" in actionData) {
    return (
      <AuthLayout title={t("signup.checkMailTitle")}>
        <Notice tone="success">{t("signup.checkMail", { email: actionData.sentTo })}</Notice>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t("signup.title")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <TextField field={fields.name} label={t("fields.name")} autoComplete="name" />
        <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="new-password" hint={t("signup.passwordHint")} />
        <Button className="w-full">{t("signup.submit")}</Button>
      </Form>
      <p className="mt-4 text-sm text-slate-600">
        {t("signup.haveAccount")}{" "}
        <Link to="/login" className="text-teal-800 underline">
          {t("nav.login")}
        </Link>
      </p>
    </AuthLayout>
  );
}
