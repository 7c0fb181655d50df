import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { clientIp, handler, safeRedirect, submitForm } from "~/lib/route.server";
import { getAnySession } from "~/lib/session.server";
import { deviceCookie, readKnownDevice } from "~/modules/auth/devices.server";
import { codeSchema } from "~/modules/auth/schemas";
import { verifySecondFactor } from "~/modules/auth/two-factor.server";

// The second login step. Only a session that passed the password and still waits for
// its code gets here; anyone else is sent to the login page or on to the app.
export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "security.twoFactor.stepTitle" }) };

async function pendingSession(request: Request) {
  const session = await getAnySession(request);
  if (!session) throw redirect("/login");
  if (!session.twoFactorPending) throw redirect("/");
  return session;
}

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  await pendingSession(request);
  return null;
});

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const session = await pendingSession(request);
  const result = await submitForm(await request.formData(), codeSchema, async (v) => {
    await verifySecondFactor(session, v.code, clientIp(request), readKnownDevice(request));
    return safeRedirect(v.redirectTo);
  });
  if (!result.ok) return result.response;
  // Password and code both given: this browser is now a known device of the account (decision 018).
  return redirect(result.value, { headers: { "Set-Cookie": deviceCookie(session.user.id) } });
});

export default function TwoFactorStep() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(codeSchema, {
    lastResult: actionData?.result,
    defaultValue: { redirectTo: params.get("redirectTo") ?? "" },
  });
  return (
    <AuthLayout title={t("security.twoFactor.stepTitle")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <p className="text-sm text-slate-600">{t("security.twoFactor.stepIntro")}</p>
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
        <TextField field={fields.code} label={t("security.twoFactor.code")} autoComplete="one-time-code" hint={t("security.twoFactor.codeHint")} />
        <Button className="w-full">{t("security.twoFactor.verify")}</Button>
      </Form>
      <Form method="post" action="/logout" className="mt-4">
        <button type="submit" className="text-sm text-teal-800 underline">
          {t("nav.logout")}
        </button>
      </Form>
    </AuthLayout>
  );
}
