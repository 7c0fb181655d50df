import { parseWithZod } from "@conform-to/zod";
import { formatDate, formatDateTime } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FieldErrors } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { auditDiff, translateChange } from "~/modules/audit/diff";
import { listAuditLog } from "~/modules/audit/log.server";
import { AUDIT_VIEWS } from "~/modules/audit/actions";
import { auditFilterSchema } from "~/modules/audit/schemas";
import type { RootData } from "~/root";
import { ScrollArea } from "~/components/shell/scroll-area";

export const handle = { ...access({ loader: "audit:view" }), ...page({ title: "shell.nav.audit" }) };

const FILTERS = ["from", "to", "actor", "action", "entityType", "kind"] as const;

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "audit:view");
  const query = new URL(request.url).searchParams;
  const values = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? ""]));
  const submission = parseWithZod(query, { schema: auditFilterSchema });
  // Invalid filters show their message beside the field and no rows, never an unfiltered list.
  const filter = submission.status === "success" ? submission.value : null;
  const log = await listAuditLog(ctx, filter ?? { page: 1, kind: "changes" });
  return {
    slug: ctx.org.slug,
    values,
    errors: submission.status === "success" ? {} : (submission.error ?? {}),
    page: log.page,
    pages: log.pages,
    total: filter ? log.total : 0,
    actions: log.actions,
    entityTypes: log.entityTypes,
    actors: log.actors,
    rows: (filter ? log.rows : []).map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      actorName: r.actorName,
      hasActor: r.actorUserId !== null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      entityName: r.entityName,
      changes: auditDiff(r.before, r.after),
    })),
  };
});

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default function AuditLog() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, values, errors, page, pages, total, actions, entityTypes, actors, rows } = useLoaderData<typeof loader>();
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `?${s}` : "";
  };
  const label = (prefix: string, key: string) => t(`auditLog.${prefix}.${key}`, { defaultValue: key });
  const fieldError = (name: string) => (errors as Record<string, string[] | null>)[name] ?? undefined;
  return (
    <div className="space-y-6">
      <Card title={t("auditLog.filters")}>
        <Form method="get" className="grid gap-4 md:grid-cols-3">
          <div>
            <label htmlFor="audit-from" className="block text-sm font-medium text-slate-800">
              {t("auditLog.from")}
            </label>
            <input id="audit-from" name="from" type="date" defaultValue={values.from} className={input} aria-invalid={fieldError("from") ? true : undefined} aria-describedby="audit-from-error" />
            <FieldErrors id="audit-from-error" errors={fieldError("from")} />
          </div>
          <div>
            <label htmlFor="audit-to" className="block text-sm font-medium text-slate-800">
              {t("auditLog.to")}
            </label>
            <input id="audit-to" name="to" type="date" defaultValue={values.to} className={input} aria-invalid={fieldError("to") ? true : undefined} aria-describedby="audit-to-error" />
            <FieldErrors id="audit-to-error" errors={fieldError("to")} />
          </div>
          <div>
            <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
              {t("auditLog.actor")}
            </label>
            <select id="audit-actor" name="actor" defaultValue={values.actor} className={input}>
              <option value="">{t("auditLog.everyone")}</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <FieldErrors id="audit-actor-error" errors={fieldError("actor")} />
          </div>
          <div>
            <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
              {t("auditLog.action")}
            </label>
            <select id="audit-action" name="action" defaultValue={values.action} className={input}>
              <option value="">{t("auditLog.allActions")}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {label("actions", a)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-entity" className="block text-sm font-medium text-slate-800">
              {t("auditLog.entityType")}
            </label>
            <select id="audit-entity" name="entityType" defaultValue={values.entityType} className={input}>
              <option value="">{t("auditLog.allEntities")}</option>
              {entityTypes.map((e) => (
                <option key={e} value={e}>
                  {label("entities", e)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-kind" className="block text-sm font-medium text-slate-800">
              {t("auditLog.kind")}
            </label>
            <select id="audit-kind" name="kind" defaultValue={values.kind || "changes"} className={input} aria-describedby="audit-kind-hint audit-kind-error">
              {AUDIT_VIEWS.map((k) => (
                <option key={k} value={k}>
                  {t(`auditLog.kinds.${k}`)}
                </option>
              ))}
            </select>
            <p id="audit-kind-hint" className="mt-1 text-xs text-slate-600">
              {t("auditLog.kindHint")}
            </p>
            <FieldErrors id="audit-kind-error" errors={fieldError("kind")} />
          </div>
          <div className="flex items-end gap-3">
            <Button>{t("auditLog.apply")}</Button>
            <Link to={`/c/${slug}/audit`} className="text-sm text-teal-800 underline">
              {t("auditLog.reset")}
            </Link>
          </div>
        </Form>
      </Card>
      <Card
        title={
          <span className="flex items-center justify-between">
            {t("auditLog.title")}
            <a href={`/c/${slug}/audit.csv${query({ page: "" })}`} className="text-sm font-normal text-teal-800 underline" download>
              {t("actions.exportCsv")}
            </a>
          </span>
        }
      >
        <p className="mb-3 text-sm text-slate-600" data-testid="audit-summary">
          {t("auditLog.count", { count: total })}
          {values.from || values.to
            ? ` · ${t("auditLog.period", { from: values.from && !fieldError("from") ? formatDate(values.from, lng) : "…", to: values.to && !fieldError("to") ? formatDate(values.to, lng) : "…" })}`
            : ""}
        </p>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("auditLog.empty")}</p>
        ) : (
          <ScrollArea label={t("shell.nav.audit")}>
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2">{t("auditLog.when")}</th>
                  <th>{t("auditLog.who")}</th>
                  <th>{t("auditLog.what")}</th>
                  <th>{t("auditLog.entity")}</th>
                  <th>{t("auditLog.changes")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top [&_td]:py-2 [&_td]:pr-3">
                {rows.map((r) => (
                  <tr key={r.id} data-testid="audit-row">
                    <td className="whitespace-nowrap">{formatDateTime(new Date(r.createdAt), lng)}</td>
                    <td>{r.actorName ?? (r.hasActor ? t("auditLog.outsider") : t("auditLog.system"))}</td>
                    <td>{label("actions", r.action)}</td>
                    <td>
                      {label("entities", r.entityType)}
                      {r.entityName ? `: ${r.entityName}` : null}
                      {/* The key only where there is no name to show: a page's path, a record since removed. */}
                      {r.entityId && !r.entityName ? <span className="block break-all text-xs text-slate-500">{r.entityId}</span> : null}
                    </td>
                    <td>
                      <ul className="space-y-1">
                        {r.changes.map((change) => translateChange(t, change)).map((c) => (
                          <li key={c.field}>
                            <span className="text-slate-500">{c.field}:</span>{" "}
                            {c.before !== null ? (
                              <>
                                <del className="text-red-800">{c.before}</del> →{" "}
                              </>
                            ) : null}
                            {c.after !== null ? <ins className="text-green-800 no-underline">{c.after}</ins> : "—"}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
        {pages > 1 ? (
          <nav className="mt-4 flex items-center gap-4 text-sm" aria-label={t("auditLog.pagination")}>
            {page > 1 ? (
              <Link to={query({ page: String(page - 1) })} className="text-teal-800 underline">
                {t("auditLog.previous")}
              </Link>
            ) : null}
            <span>{t("auditLog.pageOf", { page, pages })}</span>
            {page < pages ? (
              <Link to={query({ page: String(page + 1) })} className="text-teal-800 underline">
                {t("auditLog.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
