import { getFormProps } from "@conform-to/react";
import { sortFrom } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PracticeFields } from "~/components/members/practice-fields";
import { DataTable, type Column } from "~/components/ui/data-table";
import { Button, Card, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { PRACTICE_SORT_KEYS, createPractice, listPractices } from "~/modules/members/practices.server";
import { practiceSchema } from "~/modules/members/schemas";

export const handle = { ...access({ loader: "members:view", action: "members:write" }), ...page({ title: "shell.nav.practices" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const sort = sortFrom(new URL(request.url).searchParams, PRACTICE_SORT_KEYS, { key: "name", dir: "asc" });
  return { slug: ctx.org.slug, sort, practices: await listPractices(ctx, sort), canWrite: ctx.can("members:write") };
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
  const { slug, sort, practices, canWrite } = useLoaderData<typeof loader>();
  type Row = (typeof practices)[number];
  const columns: Column<Row>[] = [
    {
      key: "name",
      header: t("fields.name"),
      rowHeader: true,
      sortable: true,
      cell: (p) => (
        <Link to={p.id} className="font-medium text-teal-800 underline">
          {p.name}
        </Link>
      ),
    },
    { key: "city", header: t("practices.city"), sortable: true, cell: (p) => p.city },
    { key: "therapists", header: t("practices.therapistsColumn"), sortable: true, numeric: true, cell: (p) => p.therapists },
  ];
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
        <DataTable caption={t("practices.title")} columns={columns} rows={practices} rowKey={(p) => p.id} sort={sort} rowTestId="practice-row" testId="practices-table" />
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
