import type { LoaderFunctionArgs } from "@remix-run/node";
import Papa from "papaparse";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { getImport, importErrors } from "~/modules/imports/imports.server";

export const handle = access({ loader: "members:write" });

// A cell from the uploaded file that a spreadsheet would run as a formula ("=HYPERLINK(...)") is
// written as text; "-2" and "+31 6 ..." stay readable with the quote in front.
const asText = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

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
  const csv = Papa.unparse(
    {
      fields: [t("imports.report.row"), t("imports.report.field"), t("imports.report.message"), ...headers],
      data: errors.map((e) => [
        e.row ?? "",
        e.field ? t(`imports.fields.${e.field}`) : "",
        asText(t(e.messageKey, { value: e.value ?? "" })),
        ...(e.row ? (rows[e.row - 2] ?? []) : []).map(asText),
      ]),
    },
    { delimiter: ";" },
  );
  const base = imp.filename.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "import";
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base}-${t("imports.report.suffix")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}, { resource: true });
