import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors } from "~/components/ui/form";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { sessionCookie } from "~/lib/session.server";
import { verifyEmail } from "~/modules/auth/accounts.server";
import { tokenSchema } from "~/modules/auth/schemas";
import { createSession } from "~/modules/auth/sessions.server";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "verify.title" }) };

// Opening the link changes nothing (mail scanners open links too); the button does.
export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), tokenSchema, (v) => verifyEmail(v.token, clientIp(request)));
  if (!result.ok) return result.response;
  const { token } = await createSession(result.value.id, { userAgent: request.headers.get("user-agent"), ip: clientIp(request) });
  return redirect("/", { headers: { "Set-Cookie": sessionCookie(token) } });
});

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AuthLayout title={t("verify.title")}>
      <Form method="post" className="space-y-4">
        <FormErrors errors={actionData?.result?.error?.[""] ?? actionData?.result?.error?.token ?? undefined} />
        <input type="hidden" name="token" value={token} />
        <p className="text-slate-700">{t("verify.intro")}</p>
        <Button className="w-full">{t("verify.submit")}</Button>
      </Form>
    </AuthLayout>
  );
}
