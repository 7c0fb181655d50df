import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { confirmSchema } from "~/modules/imports/schemas";
import { confirmTimeImport, getTimeImport } from "~/modules/trajectories/time-import.server";

export const handle = { ...access({ loader: "trajectories:manage", action: "trajectories:manage" }), ...page({ title: "shell.titles.importRun", parent: { to: "trajectories/import", label: "timeImport.title" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  return { slug: ctx.org.slug, ...(await getTimeImport(ctx, params.timeImportId ?? "")) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  const id = params.timeImportId ?? "";
  const result = await submitForm(await request.formData(), confirmSchema, (v) => confirmTimeImport(ctx, id, v.version));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/trajectories/import/${id}`);
});

/** The preview: each row with what it will do or why it cannot; confirm writes the valid ones together. */
export default function TimeImportPreview() {
  const { t } = useTranslation();
  const { slug, import: imp, rows, counts, missingColumns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsLink = `/c/${slug}/trajectories/import/${imp.id}/errors.csv`;
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/c/${slug}/trajectories/import`} className="text-sm text-teal-800 underline">
          {t("timeImport.title")}
        </Link>
      </p>
      <Card title={`${t("timeImport.preview")}: ${imp.filename}`}>
        {imp.status === "done" ? (
          <Notice tone="success">{t("timeImport.done", { created: imp.createdCount, unchanged: imp.unchangedCount, errors: imp.errorCount })}</Notice>
        ) : null}
        {missingColumns ? <p className="text-sm text-red-700">{t("timeImport.errors.missingColumns")}</p> : null}
        <FormErrors errors={(actionData?.result as { error?: Record<string, string[]> } | undefined)?.error?.[""]} />
        {imp.status !== "done" && !missingColumns ? (
          <>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th>{t("timeImport.row")}</th>
                  <th>datum</th>
                  <th>traject</th>
                  <th>behandelaar</th>
                  <th>direct</th>
                  <th>indirect</th>
                  <th>{t("timeImport.message")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.row} className="border-b border-slate-100 align-top">
                    <td>{r.row}</td>
                    <td>{r.cells.date}</td>
                    <td>{r.cells.trajectory}</td>
                    <td>{r.cells.practitioner}</td>
                    <td>{r.cells.direct}</td>
                    <td>{r.cells.indirect}</td>
                    <td className={r.outcome === "error" ? "text-red-700" : "text-slate-600"}>
                      {r.outcome === "error" ? r.errors.map((e) => t(e.messageKey)).join(" ") : r.outcome === "unchanged" ? t("timeImport.unchanged") : t("timeImport.ok")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Form method="post" className="mt-4 flex items-center gap-3">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="version" value={imp.version} />
              {counts.create > 0 ? <Button>{t("timeImport.confirm", { count: counts.create })}</Button> : <p className="text-sm">{t("timeImport.nothingToImport")}</p>}
            </Form>
          </>
        ) : null}
        {counts.error > 0 || imp.errorCount > 0 ? (
          <p className="mt-3 text-sm">
            <a href={errorsLink} className="text-teal-800 underline">
              {t("timeImport.errorReport")}
            </a>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
