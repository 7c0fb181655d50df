import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductionTable } from "~/components/budget/production-table";
import { Card } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { production } from "~/modules/budget/budget.server";
import { productionFilterSchema } from "~/modules/budget/schemas";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "compliance:view" }), ...page({ title: "shell.titles.production", parent: { to: "compliance", label: "shell.nav.compliance" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const filter = productionFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { slug: ctx.org.slug, ...(await production(ctx, { year: filter.year })) };
});

/** Production of all contracts per contract, member, product and month. */
export default function AllProduction() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, year, rows, totals } = useLoaderData<typeof loader>();
  return (
    <Card title={`${t("production.allTitle")} ${year}`}>
      <ProductionTable rows={rows} totals={totals} year={year} withContract lng={lng} csvHref={`/c/${slug}/compliance/production.csv?year=${year}`} />
    </Card>
  );
}
