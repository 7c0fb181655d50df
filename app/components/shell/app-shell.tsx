import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Crumb, PageHeading } from "~/modules/shell/page";
import type { VisibleNav } from "~/modules/shell/nav";

export type ShellProps = {
  org: { slug: string; name: string };
  role: string;
  nav: VisibleNav;
  user: { name: string; email: string } | null;
  organizations: { slug: string; name: string }[];
  locale: string;
  devMailbox: boolean;
  heading: PageHeading;
  children: ReactNode;
};

/**
 * The cooperative's shell: one menu, a native <details>. On a phone it is a closed bar (the
 * cooperative's name and a menu button) with the page right below it, and it opens without
 * JavaScript. On a wide screen CSS keeps it open as a sidebar (tailwind.css, .shell-menu):
 * nothing decides "mobile" in script, so there is no flash of the wrong layout and no
 * hydration mismatch, and the menu exists once in the page.
 */
export function AppShell(props: ShellProps) {
  const { t } = useTranslation();
  const { org, heading, children } = props;
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  // After a client-side navigation the phone menu closes, as a full page load would leave it.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname, location.search]);
  return (
    <div className="lg:flex lg:min-h-screen">
      <details ref={menu} className="shell-menu border-b border-slate-200 bg-white lg:w-64 lg:shrink-0 lg:border-r lg:border-b-0" data-testid="shell-menu">
        <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3 [&::-webkit-details-marker]:hidden">
          <span className="min-w-0 truncate font-semibold text-teal-800">{org.name}</span>
          <span className="shrink-0 rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-800">{t("shell.menu")}</span>
        </summary>
        <div className="space-y-4 border-t border-slate-200 p-4 lg:sticky lg:top-0 lg:max-h-screen lg:overflow-y-auto lg:border-t-0">
          <Link to="/" className="hidden text-lg font-semibold text-teal-800 lg:block">
            Koepel
          </Link>
          <MenuBody {...props} />
        </div>
      </details>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 lg:px-8">
        <div className="mx-auto max-w-6xl">
          <PageHeader heading={heading} />
          {children}
        </div>
      </main>
    </div>
  );
}

function MenuBody({ org, role, nav, user, organizations, locale, devMailbox }: ShellProps) {
  const { t } = useTranslation();
  const item = ({ isActive }: { isActive: boolean }) => `block rounded-md px-3 py-2 text-sm ${isActive ? "bg-teal-700 font-medium text-white" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <>
      <div>
        <p className="text-sm font-semibold text-slate-900" data-testid="org-name">
          {org.name}
        </p>
        <p className="text-xs text-slate-600">{t(`roles.${role}`)}</p>
      </div>
      <SearchBox slug={org.slug} />
      {/* NavLink sets aria-current="page" on the active item. */}
      <nav aria-label={t("nav.organization")}>
        {nav.map((group) => (
          <div key={group.id} className="mb-3">
            <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
              {t(group.label)}
            </p>
            <ul>
              {group.items.map((i) => (
                <li key={i.path}>
                  <NavLink to={i.path ? `/c/${org.slug}/${i.path}` : `/c/${org.slug}`} end={i.end} className={item}>
                    {t(i.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {/* The cooperative switcher and the person's menu, in one place. */}
      <nav aria-label={t("shell.personal")} className="space-y-3 border-t border-slate-200 pt-3">
        <details>
          <summary className="cursor-pointer rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">{t("nav.switch")}</summary>
          <ul>
            {organizations.map((o) => (
              <li key={o.slug}>
                <Link to={`/c/${o.slug}`} aria-current={o.slug === org.slug ? "true" : undefined} className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 aria-[current]:font-semibold">
                  {o.name}
                </Link>
              </li>
            ))}
            <li>
              <Link to="/c/new" className="block rounded-md px-3 py-2 text-sm text-teal-800 hover:bg-slate-100">
                {t("nav.newOrganization")}
              </Link>
            </li>
          </ul>
        </details>
        {user ? <PersonMenu user={user} locale={locale} devMailbox={devMailbox} /> : null}
      </nav>
    </>
  );
}

/** The person's menu: their login (account), their language, logging out. */
export function PersonMenu({ user, locale, devMailbox }: { user: { name: string; email: string }; locale: string; devMailbox: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-2">
      <ul>
        <li>
          {/* Who is logged in, and their login's own page (password, two-factor, sessions). */}
          <Link to="/account" className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
            <span className="block font-medium text-slate-900">{user.name}</span>
            <span className="block text-xs text-slate-600">{t("shell.account")}</span>
          </Link>
        </li>
        {devMailbox ? (
          <li>
            <Link to="/dev/mail" className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
              {t("nav.devMail")}
            </Link>
          </li>
        ) : null}
        <li>
          <Form method="post" action="/logout">
            <button type="submit" className="block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
              {t("nav.logout")}
            </button>
          </Form>
        </li>
      </ul>
      <div className="px-3">
        <LanguageSwitch current={locale} />
      </div>
    </div>
  );
}

export function LanguageSwitch({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="flex items-center gap-1 text-sm">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="sr-only">{t("nav.language")}</span>
      {(["nl", "en"] as const).map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          aria-pressed={current === lng}
          className={`rounded px-2 py-1 ${current === lng ? "bg-teal-700 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </Form>
  );
}

/** A GET form: searching works without JavaScript and the results page can be linked. */
function SearchBox({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const current = location.pathname === `/c/${slug}/search` ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    <Form method="get" action={`/c/${slug}/search`} role="search" aria-label={t("shell.search.label")} className="flex gap-1">
      <label className="min-w-0 flex-1">
        <span className="sr-only">{t("shell.search.label")}</span>
        <input
          type="search"
          name="q"
          defaultValue={current}
          key={current}
          placeholder={t("shell.search.placeholder")}
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </label>
      <button type="submit" className="shrink-0 rounded-md bg-teal-700 px-2 py-1.5 text-sm text-white">
        {t("shell.search.submit")}
      </button>
    </Form>
  );
}

function PageHeader({ heading }: { heading: PageHeading }) {
  const { t } = useTranslation();
  return (
    <div className="mb-6">
      {heading.crumbs.length > 0 ? <Breadcrumbs crumbs={heading.crumbs} label={t("shell.breadcrumbs")} /> : null}
      <h1 className="text-2xl font-semibold text-slate-900" data-testid="page-title">
        {heading.title}
      </h1>
    </div>
  );
}

function Breadcrumbs({ crumbs, label }: { crumbs: Crumb[]; label: string }) {
  return (
    <nav aria-label={label} className="mb-1 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-600">
        {crumbs.map((c, i) => (
          <li key={c.to + i} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden="true">›</span> : null}
            <Link to={c.to} className="text-teal-800 underline">
              {c.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
