import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppShell } from "~/components/shell/app-shell";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { access } from "~/lib/access";
import { visibleNav } from "~/modules/shell/nav";
import { pageHeading } from "~/modules/shell/page";
import type { RootData } from "~/root";

export const handle = access({ loader: "org:view" });

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  return { org: { slug: ctx.org.slug, name: ctx.org.name }, role: ctx.role, nav: visibleNav(ctx.can) };
});

/** Every page of a cooperative: the shell renders its one h1 and breadcrumbs from the route handles. */
export default function OrganizationLayout() {
  const { t } = useTranslation();
  const { org, role, nav } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const heading = pageHeading(useMatches(), t);
  return (
    <AppShell
      org={org}
      role={role}
      nav={nav}
      user={root?.user ?? null}
      organizations={root?.organizations ?? []}
      locale={root?.locale ?? "nl"}
      devMailbox={Boolean(root?.devMailbox)}
      heading={heading}
    >
      <Outlet />
    </AppShell>
  );
}
