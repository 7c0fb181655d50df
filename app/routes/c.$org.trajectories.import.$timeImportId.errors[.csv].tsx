import type { LoaderFunctionArgs } from "@remix-run/node";
import { access } from "~/lib/access";
import { csvResponse } from "~/lib/csv.server";
import { requireMember } from "~/lib/guard.server";
import { fixedT } from "~/lib/i18n.server";
import { handler } from "~/lib/route.server";
import { timeImportErrors } from "~/modules/trajectories/time-import.server";

export const handle = access({ loader: "trajectories:manage" });

/** The refused rows with what is wrong, then the row as it was in the file. */
export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  const t = await fixedT(ctx.user.locale);
  const report = await timeImportErrors(ctx, params.timeImportId ?? "");
  const base = report.filename.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "import";
  return csvResponse(
    `${base}-errors.csv`,
    [t("timeImport.row"), t("timeImport.field"), t("timeImport.message"), ...report.headers],
    report.errors.map((e) => [e.row, e.field, t(e.messageKey), ...e.cells]),
  );
}, { resource: true });
