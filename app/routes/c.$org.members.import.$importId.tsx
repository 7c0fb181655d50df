import { getFormProps } from "@conform-to/react";
import { IMPORT_FIELDS, type ColumnMapping, type RowError } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice, SelectField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { confirmImport, getImport, previewImport, retryImport, saveMapping } from "~/modules/imports/imports.server";
import { importActionSchema, mapSchema, mappingFromForm } from "~/modules/imports/schemas";

export const handle = { ...access({ loader: "members:write", action: "members:write" }), ...page({ title: "shell.titles.importRun", parent: { to: "members/import", label: "imports.title" } }) };

const POLL_MS = 1000;

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const imp = await getImport(ctx, params.importId ?? "");
  // Looking never changes anything (no state changes on GET): a run that stopped with
  // its process resumes at the next server start (resumeImports), or by "try again".
  const preview = imp.status === "previewed" ? await previewImport(ctx, imp) : null;
  return {
    slug: ctx.org.slug,
    id: imp.id,
    filename: imp.filename,
    status: imp.status,
    version: imp.version,
    headers: imp.headers as string[],
    mapping: (imp.mapping ?? {}) as ColumnMapping,
    preview,
    progress: { processed: imp.processedRows, total: imp.totalRows },
    summary: { created: imp.createdCount, updated: imp.updatedCount, unchanged: imp.unchangedCount, skipped: imp.errorCount },
  };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const id = params.importId ?? "";
  // Resolve the import first: another cooperative's import is a 404 whatever the form says.
  await getImport(ctx, id);
  const result = await submitForm(await request.formData(), importActionSchema, async (v) => {
    switch (v.intent) {
      case "map":
        return saveMapping(ctx, { id, version: v.version, mapping: mappingFromForm(v) });
      case "confirm":
        return confirmImport(ctx, { id, version: v.version });
      case "retry":
        return retryImport(ctx, { id, version: v.version });
    }
  });
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/members/import/${id}`);
});

/** The last answer, if it belongs to the form with this intent (two forms share the page). */
function useReplyFor(intent: string) {
  const actionData = useActionData<typeof action>();
  const result = actionData?.result;
  return result && result.initialValue?.intent === intent ? result : undefined;
}
const formErrors = (result: ReturnType<typeof useReplyFor>) =>
  result?.error ? Object.values(result.error).flat().filter((e): e is string => typeof e === "string") : undefined;

function ErrorList({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <ul className="list-disc pl-4 text-red-700">
      {errors.map((e, i) => (
        <li key={i}>
          {e.field ? `${t(`imports.fields.${e.field}`)}: ` : ""}
          {t(e.messageKey, { value: e.value ?? "" })}
        </li>
      ))}
    </ul>
  );
}

function Progress({ processed, total }: { processed: number; total: number }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor="import-progress" className="block text-sm font-medium text-slate-800">
        {t("imports.progress.label", { processed, total })}
      </label>
      <progress id="import-progress" value={processed} max={Math.max(total, 1)} className="mt-1 h-3 w-full" />
    </div>
  );
}

function MappingForm() {
  const { t } = useTranslation();
  const { headers, mapping, version, status } = useLoaderData<typeof loader>();
  const reply = useReplyFor("map");
  const navigation = useNavigation();
  const defaultValue: Record<string, string> = { intent: "map", version: String(version) };
  for (const field of IMPORT_FIELDS) if (mapping[field] !== undefined) defaultValue[field] = String(mapping[field]);
  const [form, fields] = useSchemaForm(mapSchema, { id: `mapping-${version}`, lastResult: navigation.state === "idle" ? reply : null, defaultValue });
  const options = [{ value: "", label: t("imports.mapping.notImported") }, ...headers.map((h, i) => ({ value: String(i), label: h || t("imports.mapping.column", { n: i + 1 }) }))];
  return (
    <Card title={t("imports.mapping.title")}>
      <p className="mb-4 text-sm text-slate-700">{t("imports.mapping.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="map" />
        <input type="hidden" name="version" value={version} />
        <div className="grid gap-4 sm:grid-cols-2">
          {IMPORT_FIELDS.map((field) => (
            <SelectField key={field} field={fields[field]} label={t(`imports.fields.${field}`)} options={options} />
          ))}
        </div>
        <Button variant={status === "previewed" ? "secondary" : "primary"}>{t(status === "previewed" ? "imports.mapping.update" : "imports.mapping.submit")}</Button>
      </Form>
    </Card>
  );
}

function Preview() {
  const { t } = useTranslation();
  const { preview, version } = useLoaderData<typeof loader>();
  const confirmErrors = formErrors(useReplyFor("confirm"));
  const navigation = useNavigation();
  if (!preview) return null;
  const { counts, rows } = preview;
  return (
    <Card title={t("imports.preview.title")}>
      <div className="space-y-4 text-sm">
        <Notice>{t("imports.preview.nothingYet")}</Notice>
        <p data-testid="preview-counts">
          {t("imports.preview.counts", { create: counts.create, update: counts.update, unchanged: counts.unchanged, error: counts.error })}
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t("imports.preview.title")}</caption>
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-2">{t("imports.preview.row")}</th>
                <th className="pr-2">{t("imports.fields.name")}</th>
                <th className="pr-2">{t("imports.fields.email")}</th>
                <th className="pr-2">{t("imports.fields.agb")}</th>
                <th className="pr-2">{t("imports.preview.outcome")}</th>
                <th>{t("imports.preview.errors")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.row} data-testid={`preview-row-${r.row}`} className={r.outcome === "error" ? "bg-red-50 align-top" : "align-top"}>
                  <td className="py-2 pr-2">{r.row}</td>
                  <td className="pr-2">{r.name}</td>
                  <td className="pr-2">{r.email}</td>
                  <td className="pr-2">{r.agb}</td>
                  <td className="pr-2 font-medium">{t(`imports.outcomes.${r.outcome}`)}</td>
                  <td>
                    <ErrorList errors={r.errors} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="post" className="space-y-2">
          <FormErrors errors={confirmErrors} />
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="version" value={version} />
          <p className="text-slate-700">{t("imports.confirm.note", { count: counts.create + counts.update, skipped: counts.error })}</p>
          <Button disabled={navigation.state === "submitting"}>{t("imports.confirm.submit")}</Button>
        </Form>
      </div>
    </Card>
  );
}

function Running() {
  const { t } = useTranslation();
  const { progress, status } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (status !== "running") return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [status, revalidator]);
  return (
    <Card title={t("imports.progress.title")}>
      {/* Without JavaScript the page reloads itself while the import runs. */}
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <div className="space-y-3 text-sm" aria-live="polite">
        <p>{t("imports.progress.running")}</p>
        <Progress processed={progress.processed} total={progress.total} />
      </div>
    </Card>
  );
}

function Summary() {
  const { t } = useTranslation();
  const { slug, id, progress, summary } = useLoaderData<typeof loader>();
  return (
    <Card title={t("imports.summary.title")}>
      <div className="space-y-4 text-sm">
        <Progress processed={progress.processed} total={progress.total} />
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="import-summary">
          {(["created", "updated", "unchanged", "skipped"] as const).map((key) => (
            <div key={key} className="rounded-md border border-slate-200 p-3">
              <dt className="text-slate-500">{t(`imports.summary.${key}`)}</dt>
              <dd className="text-xl font-semibold" data-testid={`summary-${key}`}>
                {summary[key]}
              </dd>
            </div>
          ))}
        </dl>
        <p className="flex flex-wrap gap-4">
          {summary.skipped > 0 ? (
            <a href={`/c/${slug}/members/import/${id}/errors.csv`} className="text-teal-800 underline" download>
              {t("imports.summary.errorReport")}
            </a>
          ) : null}
          <Link to={`/c/${slug}/members`} className="text-teal-800 underline">
            {t("imports.backToMembers")}
          </Link>
          <Link to={`/c/${slug}/members/import`} className="text-teal-800 underline">
            {t("imports.summary.another")}
          </Link>
        </p>
      </div>
    </Card>
  );
}

function Failed() {
  const { t } = useTranslation();
  const { progress, version } = useLoaderData<typeof loader>();
  const errors = formErrors(useReplyFor("retry"));
  return (
    <Card title={t("imports.failed.title")}>
      <div className="space-y-3 text-sm">
        <p role="alert">{t("imports.failed.text", { processed: progress.processed, total: progress.total })}</p>
        <Progress processed={progress.processed} total={progress.total} />
        <Form method="post">
          <FormErrors errors={errors} />
          <input type="hidden" name="intent" value="retry" />
          <input type="hidden" name="version" value={version} />
          <Button>{t("imports.failed.retry")}</Button>
        </Form>
      </div>
    </Card>
  );
}

export default function ImportRun() {
  const { t } = useTranslation();
  const { slug, filename, status } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p className="flex flex-wrap gap-4 text-sm">
        <Link to={`/c/${slug}/members`} className="text-teal-800 underline">
          {t("imports.backToMembers")}
        </Link>
        <Link to={`/c/${slug}/members/import`} className="text-teal-800 underline">
          {t("imports.title")}
        </Link>
      </p>
      <h2 className="text-xl font-semibold">
        {t("imports.fileTitle", { filename })} <span className="text-base font-normal text-slate-600">({t(`imports.status.${status}`)})</span>
      </h2>
      {status === "uploaded" || status === "previewed" ? (
        <>
          <MappingForm />
          <Preview />
        </>
      ) : null}
      {status === "running" ? <Running /> : null}
      {status === "done" ? <Summary /> : null}
      {status === "failed" ? <Failed /> : null}
    </div>
  );
}
