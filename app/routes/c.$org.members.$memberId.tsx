import { formatDate } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { getMember } from "~/modules/members/members.server";
import type { RootData } from "~/root";

export const handle = { ...access({ loader: "members:view" }), ...page<typeof loader>({ title: (d) => d.member.profile.name, parent: { to: "members", label: "shell.nav.members" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const member = await getMember(ctx, params.memberId ?? "");
  // The registrations tab is someone's whole record (members:records); one's own registrations live at /me.
  return { slug: ctx.org.slug, member, canWrite: ctx.can("members:write"), registrationsTab: ctx.can("members:records") ? "registrations" : member.isOwn ? "own" : null };
});


/** A member's page: a header and the sub-pages "Gegevens" and "Registraties". */
export default function MemberLayout() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, member, registrationsTab } = useLoaderData<typeof loader>();
  const { profile } = member;
  const base = `/c/${slug}/members/${profile.id}`;
  const tab = ({ isActive }: { isActive: boolean }) => `border-b-2 px-3 py-2 text-sm ${isActive ? "border-teal-700 font-medium text-teal-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="space-y-4">
      {/* The shell renders the member's name as the page's h1 and the way back as a breadcrumb. */}
      <div>
        <p className="text-sm text-slate-600">
          <span data-testid="member-status">{t(`memberStatus.${profile.status}`)}</span>
          {/* A member's type is "Lid" too: said once ("Lid", not "Lid · Lid"); other types are named. */}
          {profile.type === "member" ? null : ` · ${t(`memberTypes.${profile.type}`)}`}
          {profile.leavesOn ? <span className="ml-2 font-medium text-amber-800">{t("members.leavesOn", { date: formatDate(profile.leavesOn, lng) })}</span> : null}
        </p>
      </div>
      <nav className="flex gap-2 border-b border-slate-200" aria-label={t("members.pageNav")}>
        <NavLink to={base} end className={tab}>
          {t("members.details")}
        </NavLink>
        {registrationsTab === "registrations" ? (
          <NavLink to={`${base}/registrations`} className={tab}>
            {t("nav.registrations")}
          </NavLink>
        ) : registrationsTab === "own" ? (
          <NavLink to={`/c/${slug}/me/registrations`} className={tab}>
            {t("nav.registrations")}
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}
