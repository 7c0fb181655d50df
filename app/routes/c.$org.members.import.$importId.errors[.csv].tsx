import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { csvResponse } from "~/lib/csv.server";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { getImport, importErrors } from "~/modules/imports/imports.server";

export const handle = access({ loader: "members:write" });

/**
 * The skipped rows with what is wrong, in the user's language, followed by the
 * row as it was in the file, so the board can fix it and import the file again.
 */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const t = await fixedT(ctx.user.locale);
  const imp = await getImport(ctx, params.importId ?? "");
  const errors = await importErrors(ctx, imp);
  const headers = imp.headers as string[];
  const rows = imp.rows as string[][];
  const base = imp.filename.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "import";
  // Cells from the file that a spreadsheet would run as a formula are written as text (csvResponse).
  return csvResponse(
    `${base}-${t("imports.report.suffix")}.csv`,
    [t("imports.report.row"), t("imports.report.field"), t("imports.report.message"), ...headers],
    errors.map((e) => [e.row ?? "", e.field ? t(`imports.fields.${e.field}`) : "", t(e.messageKey, { value: e.value ?? "" }), ...(e.row ? (rows[e.row - 2] ?? []) : [])]),
  );
}, { resource: true });
