import { getFormProps } from "@conform-to/react";
import { AccountPage } from "~/components/account-page";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button, Card, FormErrors, Notice, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireUser } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { reauthenticate } from "~/modules/auth/accounts.server";
import { codeSchema, reauthSchema } from "~/modules/auth/schemas";
import { recentlyReauthenticated } from "~/modules/auth/sessions.server";
import { beginTwoFactorSetup, confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, twoFactorState } from "~/modules/auth/two-factor.server";

// Two-factor authentication for one's own account. Every change needs a password
// confirmed in the last minutes (re-authentication); the page asks for it first.
export const handle = { ...access({ loader: "user", action: "user" }), ...page({ title: "security.twoFactor.title" }) };

export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const ctx = await requireUser(request);
  const state = await twoFactorState(ctx.user);
  return { ...state, reauthenticated: recentlyReauthenticated(ctx.session) };
});

const intentSchema = z.object({ intent: z.enum(["reauth", "begin", "confirm", "disable", "recoveryCodes"]) });

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const ctx = await requireUser(request);
  const formData = await request.formData();
  const parsed = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!parsed.success) throw new AppError("invalid");
  switch (parsed.data.intent) {
    case "reauth": {
      const result = await submitForm(formData, reauthSchema, (v) => reauthenticate(ctx.session, v.password, ctx.ip));
      return result.ok ? { result: undefined } : result.response;
    }
    case "begin":
      await beginTwoFactorSetup(ctx.session);
      return { result: undefined };
    case "confirm": {
      const result = await submitForm(formData, codeSchema, (v) => confirmTwoFactorSetup(ctx.session, v.code, ctx.ip));
      return result.ok ? { result: undefined, recoveryCodes: result.value } : result.response;
    }
    case "disable": {
      const result = await submitForm(formData, codeSchema, (v) => disableTwoFactor(ctx.session, v.code, ctx.ip));
      return result.ok ? { result: undefined, disabled: true } : result.response;
    }
    case "recoveryCodes":
      return { result: undefined, recoveryCodes: await regenerateRecoveryCodes(ctx.session, ctx.ip) };
  }
});

function Reauthenticate() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(reauthSchema, { id: "reauth", lastResult: actionData?.result });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <p className="text-sm text-slate-600">{t("security.reauth.intro")}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="reauth" />
      <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
      <Button>{t("security.reauth.submit")}</Button>
    </Form>
  );
}

function CodeForm({ intent, submit }: { intent: "confirm" | "disable"; submit: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(codeSchema, { id: intent, lastResult: actionData?.result });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <TextField field={fields.code} label={t("security.twoFactor.code")} autoComplete="one-time-code" hint={intent === "disable" ? t("security.twoFactor.codeHint") : undefined} />
      <Button variant={intent === "disable" ? "secondary" : "primary"}>{submit}</Button>
    </Form>
  );
}

export default function TwoFactor() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // Only a cooperative's URL name, so the link cannot lead anywhere else.
  const required = /^[a-z0-9-]{1,60}$/.test(params.get("required") ?? "") ? params.get("required") : null;
  const codes = actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  return (
    <AccountPage>
      {required && data.state !== "enabled" ? (
        <>
          <Notice>{t("security.twoFactor.required")}</Notice>
          {/* Before anything is asked of them, people sent here by their cooperative read why (issue 12). */}
          <Card title={t("security.twoFactor.why.title")}>
            <div className="space-y-3 text-sm text-slate-700" data-testid="two-factor-why">
              <p>{t("security.twoFactor.why.data")}</p>
              <p>{t("security.twoFactor.why.password")}</p>
              <p>{t("security.twoFactor.why.rule")}</p>
              <h3 className="pt-1 font-semibold text-slate-900">{t("security.twoFactor.why.needTitle")}</h3>
              <p>{t("security.twoFactor.why.need")}</p>
              <p>{t("security.twoFactor.why.recovery")}</p>
            </div>
          </Card>
        </>
      ) : null}
      {actionData && "disabled" in actionData ? <Notice tone="success">{t("security.twoFactor.disabled")}</Notice> : null}
      {codes ? (
        <Card title={t("security.twoFactor.recoveryTitle")}>
          <Notice tone="success">{t("security.twoFactor.recoveryIntro")}</Notice>
          <ul className="mt-4 grid grid-cols-2 gap-2 font-mono text-sm" aria-label={t("security.twoFactor.recoveryTitle")}>
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          {required ? (
            <p className="mt-4 text-sm">
              <Link to={`/c/${required}`} className="text-teal-800 underline">
                {t("security.twoFactor.continue")}
              </Link>
            </p>
          ) : null}
        </Card>
      ) : null}
      <Card /* the page title is the shell's h1 (decision 023) */>
        <p className="mb-4 text-sm text-slate-600">{t("security.twoFactor.intro")}</p>
        {!data.reauthenticated ? (
          <Reauthenticate />
        ) : data.state === "off" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="begin" />
            <Button>{t("security.twoFactor.begin")}</Button>
          </Form>
        ) : data.state === "pending" ? (
          <div className="space-y-4">
            <p className="text-sm">{t("security.twoFactor.scan")}</p>
            {/* Rendered on the server as SVG: works without JavaScript. */}
            <div className="w-48" role="img" aria-label={t("security.twoFactor.qr")} dangerouslySetInnerHTML={{ __html: data.qrSvg }} />
            <p className="text-sm">
              {t("security.twoFactor.manual")} <code data-testid="totp-key">{data.keyText}</code>
            </p>
            <CodeForm intent="confirm" submit={t("security.twoFactor.confirm")} />
          </div>
        ) : (
          <div className="space-y-4">
            <p className="text-sm">{t("security.twoFactor.enabled", { count: data.recoveryCodesLeft })}</p>
            <CodeForm intent="disable" submit={t("security.twoFactor.disable")} />
            <Form method="post">
              <input type="hidden" name="intent" value="recoveryCodes" />
              <Button variant="secondary">{t("security.twoFactor.newRecoveryCodes")}</Button>
            </Form>
          </div>
        )}
      </Card>
    </AccountPage>
  );
}
