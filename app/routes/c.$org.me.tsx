import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";

export const handle = { ...access({ loader: "profile:self" }), ...page({ title: "shell.nav.me" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "profile:self");
  return { slug: ctx.org.slug };
});

/** "Mijn gegevens": the member's own profile and registrations. */
export default function Me() {
  const { t } = useTranslation();
  const { slug } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) => `border-b-2 px-3 py-2 text-sm ${isActive ? "border-teal-700 font-medium text-teal-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="space-y-4">
      <nav className="flex gap-2 border-b border-slate-200" aria-label={t("nav.me")}>
        <NavLink to={`/c/${slug}/me`} end className={tab}>
          {t("profile.tab")}
        </NavLink>
        <NavLink to={`/c/${slug}/me/registrations`} className={tab}>
          {t("nav.registrations")}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
