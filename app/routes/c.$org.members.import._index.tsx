import { getFormProps, getInputProps } from "@conform-to/react";
import { formatDateTime, IMPORT_LIMITS } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FieldErrors, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { listImports, uploadImport } from "~/modules/imports/imports.server";
import { uploadSchema } from "~/modules/imports/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "members:write", action: "members:write" }), ...page({ title: "imports.title", parent: { to: "members", label: "shell.nav.members" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const imports = await listImports(ctx);
  return { slug: ctx.org.slug, imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  // The file is held in memory, never on disk; a bigger one is dropped while it streams in.
  const { formData, oversized } = await readUploadForm(request, "file", IMPORT_LIMITS.maxBytes);
  if (oversized) return data({ result: { status: "error" as const, error: { file: ["imports.errors.fileTooLarge"] } } }, { status: 400 });
  const result = await submitForm(formData, uploadSchema, (v) => uploadImport(ctx, v.file));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/members/import/${result.value.id}`);
});

export default function ImportUpload() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, imports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(uploadSchema, { lastResult: actionData?.result });
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link to={`/c/${slug}/members`} className="text-sm text-teal-800 underline">
          {t("imports.backToMembers")}
        </Link>
      </p>
      <Card>
        <div className="space-y-3 text-sm text-slate-700">
          <p>{t("imports.intro")}</p>
          <p>{t("imports.formats", { rows: IMPORT_LIMITS.maxRows, mb: IMPORT_LIMITS.maxBytes / 1024 / 1024 })}</p>
        </div>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors errors={form.errors} />
          <div>
            <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-800">
              {t("imports.upload.file")}
            </label>
            <input
              {...getInputProps(fields.file, { type: "file" })}
              key={fields.file.key}
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="mt-1 block w-full text-sm"
            />
            <p className="mt-1 text-xs text-slate-500">{t("imports.upload.hint")}</p>
            <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
          </div>
          <Button disabled={navigation.state === "submitting"}>{t("imports.upload.submit")}</Button>
        </Form>
      </Card>
      {imports.length ? (
        <Card title={t("imports.recent")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {imports.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link to={`/c/${slug}/members/import/${i.id}`} className="font-medium text-teal-800 underline">
                  {i.filename}
                </Link>
                <span>{t(`imports.status.${i.status}`)}</span>
                <span className="text-slate-500">{t("imports.rowCount", { count: i.totalRows })}</span>
                <span className="ml-auto text-slate-500">{formatDateTime(new Date(i.createdAt), lng)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
