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

export const handle = { ...access({ loader: "compliance:view" }), ...page({ title: "shell.titles.production" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "compliance:view");
  const filter = productionFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const contractId = params.contractId ?? "";
  return { slug: ctx.org.slug, contractId, ...(await production(ctx, { contractId, year: filter.year })) };
});

/** A contract's production per member, product and month. */
export default function ContractProduction() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, contractId, year, rows, totals } = useLoaderData<typeof loader>();
  return (
    <Card title={`${t("production.title")} ${year}`}>
      <ProductionTable rows={rows} totals={totals} year={year} withContract={false} lng={lng} csvHref={`/c/${slug}/contracts/${contractId}/production.csv?year=${year}`} />
    </Card>
  );
}
