import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FieldErrors, FormErrors, Notice, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { addProblemArea, getMemberSettings, listProblemAreas, removeProblemArea, renameProblemArea, updateMemberSettings } from "~/modules/members/members.server";
import { memberSettingsActionSchema, memberSettingsSchema } from "~/modules/members/schemas";

// The statutes are the board's: org:settings, like the cooperative's other settings.
export const handle = { ...access({ loader: "org:settings", action: "org:settings" }), ...page({ title: "shell.titles.memberSettings", parent: { to: "members", label: "shell.nav.members" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:settings");
  const [settings, problemAreas] = await Promise.all([getMemberSettings(ctx), listProblemAreas(ctx)]);
  return { slug: ctx.org.slug, settings, problemAreas };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:settings");
  const result = await submitForm(await request.formData(), memberSettingsActionSchema, async (v) => {
    switch (v.intent) {
      case "statutes":
        return updateMemberSettings(ctx, v);
      case "addProblemArea":
        return void (await addProblemArea(ctx, v.name));
      case "renameProblemArea":
        return renameProblemArea(ctx, v.problemAreaId, v.name);
      case "removeProblemArea":
        return removeProblemArea(ctx, v.problemAreaId);
    }
  });
  if (!result.ok) return result.response;
  return { result: undefined, saved: true };
});

type Reply = { initialValue?: { intent?: unknown; problemAreaId?: unknown }; error?: Record<string, string[]> };

export default function MemberSettings() {
  const { t } = useTranslation();
  const { slug, settings, problemAreas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reply = actionData?.result as Reply | undefined;
  const [form, fields] = useSchemaForm(memberSettingsSchema, {
    id: `statutes-${settings.version}`,
    lastResult: reply?.initialValue?.intent === "statutes" ? actionData?.result : undefined,
    defaultValue: {
      intent: "statutes",
      resignationNoticeWeeks: String(settings.resignationNoticeWeeks),
      financialYearEndMonth: String(settings.financialYearEndMonth),
      version: String(settings.version),
    },
  });
  const addErrors = reply?.initialValue?.intent === "addProblemArea" ? reply.error : undefined;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="space-y-4">
        {actionData && "saved" in actionData ? <Notice tone="success">{t("account.saved")}</Notice> : null}
        <p className="text-sm">
          <Link to={`/c/${slug}/members`} className="text-teal-800 underline">
            {t("members.back")}
          </Link>
        </p>
        <Card title={t("memberSettings.statutes")}>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="statutes" />
            <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
            <p className="text-sm text-slate-600">{t("memberSettings.intro")}</p>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={fields.resignationAtYearEnd.name} defaultChecked={settings.resignationAtYearEnd} key={`ye-${settings.version}`} />
              {t("memberSettings.atYearEnd")}
            </label>
            <TextField field={fields.resignationNoticeWeeks as never} label={t("memberSettings.noticeWeeks")} />
            <TextField field={fields.financialYearEndMonth as never} label={t("memberSettings.yearEndMonth")} hint={t("memberSettings.yearEndMonthHint")} />
            <Button>{t("actions.save")}</Button>
          </Form>
        </Card>
      </div>
      <Card title={t("problemAreas.title")}>
        <ul className="mb-4 space-y-2">
          {problemAreas.map((p) => {
            const errors = reply?.initialValue?.problemAreaId === p.id ? reply.error : undefined;
            return (
              <li key={p.id} className="flex items-start gap-2">
                <Form method="post" className="flex flex-1 items-start gap-2">
                  <input type="hidden" name="problemAreaId" value={p.id} />
                  <div className="flex-1">
                    <label htmlFor={`area-${p.id}`} className="sr-only">
                      {t("problemAreas.nameOf", { name: p.name })}
                    </label>
                    <input id={`area-${p.id}`} name="name" defaultValue={p.name} className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" aria-describedby={`area-${p.id}-error`} />
                    <FieldErrors id={`area-${p.id}-error`} errors={errors?.name} />
                  </div>
                  <Button variant="secondary" size="sm" name="intent" value="renameProblemArea" aria-label={t("problemAreas.renameName", { name: p.name })}>
                    {t("problemAreas.rename")}
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="problemAreaId" value={p.id} />
                  <Button variant="danger" size="sm" name="intent" value="removeProblemArea" aria-label={t("problemAreas.removeName", { name: p.name })}>
                    {t("problemAreas.remove")}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
        <Form method="post" className="flex items-start gap-2">
          <div className="flex-1">
            <label htmlFor="new-area" className="block text-sm font-medium text-slate-800">
              {t("problemAreas.new")}
            </label>
            <input id="new-area" name="name" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" aria-describedby="new-area-error" />
            <FieldErrors id="new-area-error" errors={addErrors?.name} />
          </div>
          <Button variant="secondary" name="intent" value="addProblemArea" className="mt-6">
            {t("problemAreas.add")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
