import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { Button, FormErrors, Notice, TextField } from "~/components/ui/form";
import { resolveLocale } from "~/lib/i18n.server";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { getSession, sessionCookie } from "~/lib/session.server";
import { createSession } from "~/modules/auth/sessions.server";
import { acceptInvitation, findInvitation } from "~/modules/people/people.server";
import { acceptLinkSchema, acceptNewAccountSchema } from "~/modules/people/schemas";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "public", action: "public" }), ...page({ title: "invitation.title" }) };

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const [invitation, session] = await Promise.all([token ? findInvitation(token) : null, getSession(request)]);
  return { token, invitation, user: session ? { name: session.user.name, email: session.user.email } : null, here: url.pathname + url.search };
});

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const formData = await request.formData();
  const ip = clientIp(request);
  const session = await getSession(request);
  if (formData.get("intent") === "link" && session) {
    const result = await submitForm(formData, acceptLinkSchema, () => acceptInvitation(token, { user: session.user }, ip));
    if (!result.ok) return result.response;
    return redirect(`/c/${result.value.slug}`);
  }
  // The new account keeps the language it was created in, as on /signup.
  const locale = await resolveLocale(request);
  const result = await submitForm(formData, acceptNewAccountSchema, (v) => acceptInvitation(token, { name: v.name, password: v.password, locale }, ip));
  if (!result.ok) return result.response;
  const { token: sessionToken } = await createSession(result.value.userId, { userAgent: request.headers.get("user-agent"), ip });
  return redirect(`/c/${result.value.slug}`, { headers: { "Set-Cookie": sessionCookie(sessionToken) } });
});

export default function Invitation() {
  const { t } = useTranslation();
  const { invitation, user, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(acceptNewAccountSchema, {
    lastResult: actionData?.result,
  });
  if (!invitation || invitation.state !== "open") {
    return (
      <AuthLayout title={t("invitation.title")}>
        <Notice>{t(`invitation.state.${invitation?.state ?? "unknown"}`)}</Notice>
      </AuthLayout>
    );
  }
  const intro = t("invitation.intro", { organization: invitation.org.name, role: t(`roles.${invitation.role}`) });
  if (user) {
    return (
      <AuthLayout title={t("invitation.title")}>
        <p className="mb-4 text-slate-700">{intro}</p>
        <Form method="post" className="space-y-4">
          <FormErrors errors={actionData?.result?.error?.[""] ?? undefined} />
          <p className="text-sm text-slate-600">{t("invitation.asUser", { name: user.name, email: user.email })}</p>
          <input type="hidden" name="intent" value="link" />
          <Button className="w-full">{t("invitation.accept")}</Button>
        </Form>
      </AuthLayout>
    );
  }
  if (invitation.hasAccount) {
    return (
      <AuthLayout title={t("invitation.title")}>
        <p className="mb-4 text-slate-700">{intro}</p>
        <p className="mb-4 text-sm text-slate-600">{t("invitation.loginFirst", { email: invitation.email })}</p>
        <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="inline-block rounded-md bg-teal-700 px-4 py-2 text-white">
          {t("nav.login")}
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t("invitation.title")}>
      <p className="mb-4 text-slate-700">{intro}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <p className="text-sm text-slate-600">
          {t("fields.email")}: <strong>{invitation.email}</strong>
        </p>
        <TextField field={fields.name} label={t("fields.name")} autoComplete="name" />
        <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="new-password" hint={t("signup.passwordHint")} />
        <Button className="w-full">{t("invitation.createAndAccept")}</Button>
      </Form>
    </AuthLayout>
  );
}
