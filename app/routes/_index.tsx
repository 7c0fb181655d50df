import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/form";
import { handler } from "~/lib/route.server";
import { getSession, getSessionMemberships } from "~/lib/session.server";
import { access } from "~/lib/access";

export const handle = access({ loader: "public" });


export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const session = await getSession(request);
  if (!session) return { organizations: null };
  // The request's one session check brings the cooperatives too (decision 019).
  const organizations = (await getSessionMemberships(request)).map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role }));
  // One cooperative: go straight to it. Several: let the person choose.
  if (organizations.length === 1) throw redirect(`/c/${organizations[0].slug}`);
  return { organizations };
});

export default function Index() {
  const { organizations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!organizations) {
    return (
      <div className="mx-auto max-w-2xl py-12 text-center">
        <h1 className="text-3xl font-semibold text-slate-900">{t("home.title")}</h1>
        <p className="mt-4 text-slate-700">{t("home.intro")}</p>
        <div className="mt-8 flex justify-center gap-3">
          <Link to="/signup" className="rounded-md bg-teal-700 px-4 py-2 text-white hover:bg-teal-800">
            {t("nav.signup")}
          </Link>
          <Link to="/login" className="rounded-md border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
            {t("nav.login")}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-6 text-2xl font-semibold">{t("home.chooseTitle")}</h1>
      <Card>
        {organizations.length === 0 ? <p className="mb-4 text-slate-700">{t("home.none")}</p> : null}
        <ul className="divide-y divide-slate-100">
          {organizations.map((o) => (
            <li key={o.slug} className="flex items-center justify-between py-3">
              <Link to={`/c/${o.slug}`} className="font-medium text-teal-800 hover:underline">
                {o.name}
              </Link>
              <span className="text-sm text-slate-500">{t(`roles.${o.role}`)}</span>
            </li>
          ))}
        </ul>
        <Link to="/c/new" className="mt-4 inline-block text-teal-800 underline">
          {t("nav.newOrganization")}
        </Link>
      </Card>
    </div>
  );
}
