import { getFormProps, getInputProps } from "@conform-to/react";
import { formatDateTime, IMPORT_LIMITS } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FieldErrors, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { uploadSchema } from "~/modules/imports/schemas";
import { listTimeImports, uploadTimeImport } from "~/modules/trajectories/time-import.server";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "trajectories:manage", action: "trajectories:manage" }), ...page({ title: "timeImport.title", parent: { to: "trajectories", label: "shell.nav.trajectories" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  const imports = await listTimeImports(ctx);
  return { slug: ctx.org.slug, imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  const { formData, oversized } = await readUploadForm(request, "file", IMPORT_LIMITS.maxBytes);
  if (oversized) return data({ result: { status: "error" as const, error: { file: ["imports.errors.fileTooLarge"] } } }, { status: 400 });
  const result = await submitForm(formData, uploadSchema, (v) => uploadTimeImport(ctx, v.file));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/trajectories/import/${result.value.id}`);
});

/** Time entries from a CSV or Excel file: upload, preview with errors, confirm. */
export default function TimeImportUpload() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, imports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(uploadSchema, { lastResult: actionData?.result });
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link to={`/c/${slug}/trajectories`} className="text-sm text-teal-800 underline">
          {t("trajectories.back")}
        </Link>
      </p>
      <Card>
        <p className="text-sm text-slate-700">{t("timeImport.intro")}</p>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors errors={form.errors} />
          <div>
            <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-800">
              {t("timeImport.file")}
            </label>
            <input {...getInputProps(fields.file, { type: "file" })} key={fields.file.key} accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block w-full text-sm" />
            <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
          </div>
          <Button>{t("timeImport.upload")}</Button>
        </Form>
      </Card>
      {imports.length ? (
        <Card>
          <ul className="divide-y divide-slate-100 text-sm">
            {imports.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link to={i.id} className="font-medium text-teal-800 underline">
                  {i.filename}
                </Link>
                <span className="text-slate-500">{i.status}</span>
                <span className="ml-auto text-slate-500">{formatDateTime(new Date(i.createdAt), lng)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
