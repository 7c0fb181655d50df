import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeFields } from "~/components/members/practice-fields";
import { Button, Card, FormErrors, Notice } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { getPractice, updatePractice } from "~/modules/members/practices.server";
import { updatePracticeSchema } from "~/modules/members/schemas";

export const handle = { ...access({ loader: "members:view", action: "members:write" }), ...page<typeof loader>({ title: (d) => d.practice.name, parent: { to: "practices", label: "shell.nav.practices" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  return { slug: ctx.org.slug, ...(await getPractice(ctx, params.practiceId ?? "")) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const result = await submitForm(await request.formData(), updatePracticeSchema, (v) => updatePractice(ctx, params.practiceId ?? "", v));
  if (!result.ok) return result.response;
  return { result: undefined, saved: true };
});

export default function Practice() {
  const { t } = useTranslation();
  const { slug, practice, therapists, full } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const p = practice as typeof practice & { kvkNumber?: string | null; establishmentNumber?: string | null; iban?: string | null; agbCode?: string | null; agbProviderType?: string | null };
  const [form, fields] = useSchemaForm(updatePracticeSchema, {
    id: `practice-${p.version}`,
    lastResult: actionData?.result,
    defaultValue: {
      name: p.name,
      kvkNumber: p.kvkNumber ?? "",
      establishmentNumber: p.establishmentNumber ?? "",
      agbCode: p.agbCode ?? "",
      street: p.street ?? "",
      houseNumber: p.houseNumber ?? "",
      postcode: p.postcode ?? "",
      city: p.city ?? "",
      website: p.website ?? "",
      iban: p.iban ?? "",
      version: String(p.version),
    },
  });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="space-y-4">
        {actionData && "saved" in actionData ? <Notice tone="success">{t("account.saved")}</Notice> : null}
        <Card title={p.name}>
          <p className="mb-2 text-sm">
            <Link to={`/c/${slug}/practices`} className="text-teal-800 underline">
              {t("practices.back")}
            </Link>
          </p>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">{t("practices.address")}</dt>
            <dd>{[p.street, p.houseNumber].filter(Boolean).join(" ")} {[p.postcode, p.city].filter(Boolean).join(" ")}</dd>
            <dt className="text-slate-500">{t("practices.website")}</dt>
            <dd>{p.website ? <a href={p.website} className="text-teal-800 underline" rel="noreferrer noopener" target="_blank">{p.website}</a> : "—"}</dd>
            {p.agbCode ? (
              <>
                <dt className="text-slate-500">{t("agb.business")}</dt>
                <dd>
                  {p.agbCode} <span className="text-slate-500">{t("agb.providerType", { type: p.agbProviderType })}</span>
                </dd>
              </>
            ) : null}
          </dl>
          <h3 className="mt-4 text-sm font-semibold">{t("practices.therapistsTitle")}</h3>
          <ul className="text-sm">
            {therapists.map((m) => (
              <li key={m.id}>
                <Link to={`/c/${slug}/members/${m.id}`} className="text-teal-800 underline">
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {full ? (
        <Card title={t("practices.edit")}>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors errors={form.errors} />
            <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
            <PracticeFields fields={fields} />
            <Button>{t("actions.save")}</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
