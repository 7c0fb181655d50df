import { parseWithZod } from "@conform-to/zod";
import { formatDateTime } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { access } from "~/lib/access";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { auditDiff, auditDiffText, translateChange } from "~/modules/audit/diff";
import { exportAuditLog } from "~/modules/audit/log.server";
import { auditFilterSchema } from "~/modules/audit/schemas";

export const handle = access({ loader: "audit:view" });

/** The audit log with the page's filters, as CSV in the user's language (semicolons, for Dutch Excel). */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "audit:view");
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: auditFilterSchema });
  if (submission.status !== "success") throw new AppError("invalid");
  const { page: _page, ...filter } = submission.value;
  const t = await fixedT(ctx.user.locale);
  const rows = await exportAuditLog(ctx, filter);
  const label = (prefix: string, key: string) => t(`auditLog.${prefix}.${key}`, { defaultValue: key });
  return csvResponse(
    `${ctx.org.slug}-audit-log.csv`,
    [t("auditLog.when"), t("auditLog.who"), t("auditLog.what"), t("auditLog.entityType"), t("auditLog.entity"), t("auditLog.entityId"), t("auditLog.changes")],
    rows.map((r) => [
        formatDateTime(r.createdAt, ctx.user.locale),
        r.actorName ?? (r.actorUserId ? t("auditLog.outsider") : t("auditLog.system")),
        label("actions", r.action),
        label("entities", r.entityType),
        r.entityName ?? "",
        r.entityId ?? "",
        auditDiffText(auditDiff(r.before, r.after).map((c) => translateChange(t, c))),
      ]),
  );
}, { resource: true });
