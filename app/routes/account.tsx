import { getFormProps } from "@conform-to/react";
import { formatDateTime } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button, Card, Notice, TextField } from "~/components/ui/form";
import { AppError } from "~/lib/errors";
import { requireUser } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { updateProfile } from "~/modules/auth/accounts.server";
import { profileSchema } from "~/modules/auth/schemas";
import { invalidateOtherSessions, listSessions } from "~/modules/auth/sessions.server";
import type { RootData } from "~/root";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "user", action: "user" }), ...page({ title: "account.title" }) };

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const ctx = await requireUser(request);
  const sessions = await listSessions(ctx.user.id);
  return {
    user: ctx.user,
    twoFactorEnabled: ctx.session.twoFactorEnabled,
    sessions: sessions.map((s) => ({ current: s.id === ctx.session.id, createdAt: s.createdAt.toISOString(), userAgent: s.userAgent })),
  };
});

const intentSchema = z.object({ intent: z.enum(["profile", "endOtherSessions"]) });

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const ctx = await requireUser(request);
  const formData = await request.formData();
  const parsed = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!parsed.success) throw new AppError("invalid");
  if (parsed.data.intent === "endOtherSessions") {
    const ended = await invalidateOtherSessions(ctx.user.id, ctx.session.id, ctx.ip);
    return { result: undefined, ended };
  }
  const result = await submitForm(formData, profileSchema, (v) => updateProfile(ctx.user.id, v, ctx.ip));
  if (!result.ok) return result.response;
  return { result: undefined, saved: true };
});

export default function Account() {
  const { t } = useTranslation();
  const { user, sessions, twoFactorEnabled } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const lng = root?.locale ?? "nl";
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(profileSchema, {
    lastResult: actionData?.result,
    defaultValue: { name: user.name },
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("account.title")}</h1>
      {actionData && "saved" in actionData ? <Notice tone="success">{t("account.saved")}</Notice> : null}
      {actionData && "ended" in actionData ? <Notice tone="success">{t("account.ended", { count: actionData.ended })}</Notice> : null}
      <Card title={t("account.profile")}>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="intent" value="profile" />
          <p className="text-sm text-slate-600">
            {t("fields.email")}: {user.email}
          </p>
          <TextField field={fields.name} label={t("fields.name")} autoComplete="name" />
          <Button>{t("actions.save")}</Button>
        </Form>
      </Card>
      <Card title={t("security.account.title")}>
        <ul className="space-y-2 text-sm">
          <li>
            <Link to="/account/email" className="text-teal-800 underline">
              {t("security.email.title")}
            </Link>
          </li>
          <li>
            <Link to="/account/password" className="text-teal-800 underline">
              {t("security.password.title")}
            </Link>
          </li>
          <li>
            <Link to="/account/two-factor" className="text-teal-800 underline">
              {t("security.twoFactor.title")}
            </Link>{" "}
            · {twoFactorEnabled ? t("security.twoFactor.on") : t("security.twoFactor.off")}
          </li>
        </ul>
      </Card>
      <Card title={t("account.sessions")}>
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {sessions.map((s, i) => (
            <li key={i} className="py-2">
              {formatDateTime(new Date(s.createdAt), lng)} · {s.userAgent ?? "?"} {s.current ? <strong>({t("account.thisSession")})</strong> : null}
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="endOtherSessions" />
          <Button variant="secondary">{t("account.endOthers")}</Button>
        </Form>
      </Card>
    </div>
  );
}
