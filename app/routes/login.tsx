import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors, Notice, TextField } from "~/components/ui/form";
import { clientIp, handler, safeRedirect, submitForm } from "~/lib/route.server";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { getAnySession, readSessionToken, sessionCookie } from "~/lib/session.server";
import { authenticate } from "~/modules/auth/accounts.server";
import { deviceCookie, readKnownDevice } from "~/modules/auth/devices.server";
import { loginSchema } from "~/modules/auth/schemas";
import { createSession, endSessionByToken } from "~/modules/auth/sessions.server";
import { useSchemaForm } from "~/components/ui/use-schema-form";

export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "login.title" }) };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getAnySession(request);
  if (session) throw redirect(session.twoFactorPending ? "/login/two-factor" : "/");
  return null;
}

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const ip = clientIp(request);
  const result = await submitForm(await request.formData(), loginSchema, async (v) => {
    const user = await authenticate({ email: v.email, password: v.password, ip, device: readKnownDevice(request) });
    return { user, redirectTo: safeRedirect(v.redirectTo) };
  });
  if (!result.ok) return result.response;
  // A new token at every login: a token planted before login is worthless. With
  // two-factor on, the session is good only for the code step until a code is given.
  const { user, redirectTo } = result.value;
  const previous = readSessionToken(request);
  if (previous) await endSessionByToken(previous);
  const { token } = await createSession(user.id, { userAgent: request.headers.get("user-agent"), ip });
  const next = user.totpEnabledAt ? `/login/two-factor${redirectTo === "/" ? "" : `?redirectTo=${encodeURIComponent(redirectTo)}`}` : redirectTo;
  const headers = new Headers({ "Set-Cookie": sessionCookie(token) });
  // The login is complete without a second factor: this browser becomes a known device
  // of the account (decision 018). With two-factor on, the code step does this.
  if (!user.totpEnabledAt) headers.append("Set-Cookie", deviceCookie(user.id));
  return redirect(next, { headers });
});

export default function Login() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(loginSchema, {
    lastResult: actionData?.result,
    defaultValue: { redirectTo: params.get("redirectTo") ?? "" },
  });
  return (
    <AuthLayout title={t("login.title")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        {params.get("reset") ? <Notice tone="success">{t("login.reset")}</Notice> : null}
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
        <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
        <Button className="w-full">{t("login.submit")}</Button>
      </Form>
      {form.errors?.includes("auth.errors.unverified") ? (
        <Link to="/resend-verification" className="mt-4 block text-sm text-teal-800 underline">
          {t("resendVerification.link")}
        </Link>
      ) : null}
      <div className="mt-4 flex justify-between text-sm">
        <Link to="/forgot-password" className="text-teal-800 underline">
          {t("login.forgot")}
        </Link>
        <Link to="/signup" className="text-teal-800 underline">
          {t("nav.signup")}
        </Link>
      </div>
    </AuthLayout>
  );
}
