import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeFields } from "~/components/members/practice-fields";
import { Button, Card, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { createPractice, listPractices } from "~/modules/members/practices.server";
import { practiceSchema } from "~/modules/members/schemas";

export const handle = { ...access({ loader: "members:view", action: "members:write" }), ...page({ title: "shell.nav.practices" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  return { slug: ctx.org.slug, practices: await listPractices(ctx), canWrite: ctx.can("members:write") };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  // Made from a member's page: link that member at once (checked to be this cooperative's).
  const memberId = new URL(request.url).searchParams.get("member") ?? undefined;
  const result = await submitForm(await request.formData(), practiceSchema, (v) => createPractice(ctx, v, memberId));
  if (!result.ok) return result.response;
  return redirect(memberId ? `/c/${ctx.org.slug}/members/${memberId}` : `/c/${ctx.org.slug}/practices/${result.value.id}`);
});

/** Practices (praktijken): several therapists can share one. */
export default function Practices() {
  const { t } = useTranslation();
  const { slug, practices, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(practiceSchema, { lastResult: actionData?.result });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <p className="mb-2 text-sm">
          <Link to={`/c/${slug}/members`} className="text-teal-800 underline">
            {t("members.back")}
          </Link>
        </p>
        {practices.length === 0 ? <p className="text-sm text-slate-600">{t("practices.none")}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm">
          {practices.map((p) => (
            <li key={p.id} className="flex flex-wrap gap-2 py-1">
              <Link to={p.id} className="font-medium text-teal-800 underline">
                {p.name}
              </Link>
              <span className="text-slate-500">{p.city}</span>
              <span className="ml-auto text-slate-500">{t("practices.therapists", { count: p.therapists })}</span>
            </li>
          ))}
        </ul>
      </Card>
      {canWrite ? (
        <Card title={t("practices.new")}>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors errors={form.errors} />
            <PracticeFields fields={fields} />
            <Button>{t("practices.create")}</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
