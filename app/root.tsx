import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useLocation, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { env } from "./lib/env.server";
import { useNonce } from "./lib/nonce";
import { I18nResources } from "./lib/i18n-resources";
import { handler } from "./lib/route.server";
import { resolveLocale } from "./lib/i18n.server";
import { getSession, getSessionMemberships } from "./lib/session.server";
import { takeToast } from "./lib/toast.server";
import { Toast } from "./components/ui/toast";
import stylesheet from "./tailwind.css?url";
import { access } from "./lib/access";
import { LanguageSwitch } from "./components/shell/app-shell";
import { pageHeading } from "./modules/shell/page";

export const handle = access({ loader: "public" });

// An inline icon: browsers stop asking for /favicon.ico, which no route serves.
const icon = "data:image/svg+xml," + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M4 18a12 12 0 0 1 24 0z" fill="#0f766e"/><rect x="4" y="20" width="24" height="4" fill="#0f766e"/></svg>');

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: icon, type: "image/svg+xml" },
];

// Wrapped in handler(): every page runs this loader, so a database outage answers 503
// with the friendly page below instead of a bare 500.
export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const session = await getSession(request);
  const locale = await resolveLocale(request, session?.user.locale);
  // From the request's one session check (decision 019), not a lookup of its own.
  const organizations = (await getSessionMemberships(request)).map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role }));
  const { toast, headers } = await takeToast(request);
  return data({ locale, user: session ? { name: session.user.name, email: session.user.email } : null, organizations, devMailbox: env.devMailbox, toast }, { headers });
});

export type RootData = typeof loader;

function Header() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<RootData>("root");
  if (!root) return null;
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3" aria-label={t("nav.main")}>
        <Link to="/" className="text-lg font-semibold text-teal-800">
          Koepel
        </Link>
        {root.user && root.organizations.length > 0 ? (
          <details className="relative">
            <summary className="cursor-pointer rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">{t("nav.switch")}</summary>
            <ul className="absolute z-10 mt-1 min-w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
              {root.organizations.map((o) => (
                <li key={o.slug}>
                  <Link to={`/c/${o.slug}`} className="block px-3 py-2 text-sm hover:bg-slate-100">
                    {o.name}
                  </Link>
                </li>
              ))}
              <li className="border-t border-slate-100">
                <Link to="/c/new" className="block px-3 py-2 text-sm text-teal-800 hover:bg-slate-100">
                  {t("nav.newOrganization")}
                </Link>
              </li>
            </ul>
          </details>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitch current={root.locale} />
          {root.devMailbox ? (
            <Link to="/dev/mail" className="text-sm text-slate-500 hover:underline">
              {t("nav.devMail")}
            </Link>
          ) : null}
          {root.user ? (
            <>
              <Link to="/account" className="text-sm text-slate-700 hover:underline">
                {root.user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="text-sm text-slate-700 hover:underline">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="text-sm text-slate-700 hover:underline">
                {t("nav.login")}
              </Link>
              <Link to="/signup" className="text-sm text-slate-700 hover:underline">
                {t("nav.signup")}
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<RootData>("root");
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const matches = useMatches();
  const error = useRouteError();
  // A cooperative's pages bring their own shell (sidebar, person menu, <main>); an error
  // that reached this boundary renders without it, in the plain layout.
  const inShell = !error && matches.some((m) => m.id === "routes/c.$org");
  const title = error ? ["Koepel"] : pageHeading(matches, t).documentTitle;
  const locale = root?.locale;
  // After a client-side navigation (e.g. the language buttons) the root loader may bring a
  // new locale: the browser's i18next must follow it, not keep the language it hydrated in.
  useEffect(() => {
    if (locale && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  return (
    <html lang={root?.locale ?? "nl"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* One title mechanism for every page: route handles name the page (decision 023). */}
        <title>{title.join(" · ")}</title>
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("nav.skipToContent")}
        </a>
        {inShell ? (
          children
        ) : (
          <>
            <Header />
            <main id="main" className="mx-auto max-w-6xl px-4 py-8">
              {children}
            </main>
          </>
        )}
        {/* The page language's texts for the browser's translator (decision 027). */}
        <I18nResources />
        {root?.toast ? <Toast toast={root.toast} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let key = "errors.unexpected";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const messageKey = (error.data as { messageKey?: string } | null)?.messageKey;
    key = messageKey ?? (status === 404 ? "errors.not_found" : status === 403 ? "errors.forbidden" : "errors.unexpected");
  }
  if (status === 503) return <Outage />;
  return (
    <div className="mx-auto mt-12 max-w-lg text-center">
      <p className="text-5xl font-bold text-slate-300">{status}</p>
      <h1 className="mt-4 text-xl font-semibold">{t(key)}</h1>
      <Link to="/" className="mt-6 inline-block text-teal-800 underline">
        {t("errors.home")}
      </Link>
    </div>
  );
}

/** AppError("unavailable"): the database is down or too slow; the page recovers on reload. */
function Outage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <div className="mx-auto mt-12 max-w-lg text-center" data-testid="outage">
      <p className="text-5xl font-bold text-slate-300">503</p>
      <h1 className="mt-4 text-xl font-semibold">{t("outage.title")}</h1>
      <p className="mt-4 text-slate-700">{t("outage.body")}</p>
      <p className="mt-2 text-sm text-slate-600">{t("outage.unsaved")}</p>
      {/* A plain link: a full reload works without JavaScript and retries every loader. */}
      <a href={location.pathname + location.search} className="mt-6 inline-block rounded-md bg-teal-700 px-4 py-2 text-white hover:bg-teal-800">
        {t("outage.retry")}
      </a>
    </div>
  );
}
