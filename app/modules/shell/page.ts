import type { UIMatch } from "@remix-run/react";
import type { TFunction } from "i18next";

/**
 * What a route says about itself in the shell (decision 023): its title, used for the
 * page's one h1, its breadcrumb and the document's <title>. One mechanism for every page:
 * the layout reads the deepest match's handle, nothing else renders a page heading.
 *
 *   title   an i18n key, or a function of the route's own loader data (a member's name)
 *   tab     a section of the page above it (a contract's budget): it names the <title> and
 *           the active tab, while the h1 stays the contract's name
 *   parent  the list this page belongs to when that list is not a parent route
 *           (members/:id is not nested in members/_index), so the breadcrumb leads back to it
 */
export type TitleSpec<D = unknown> = string | ((data: D, t: TFunction) => string);
export type PageHandle<D = unknown> = { title?: TitleSpec<D>; tab?: boolean; parent?: { to: string; label: string } };

/** `export const handle = { ...access(...), ...page<typeof loader>({ title: (d) => d.member.name }) }` */
export function page<L = unknown>(handle: PageHandle<LoaderData<L>>): PageHandle {
  return handle as PageHandle;
}
// What a loader's data looks like after serialization, without importing server types here.
type LoaderData<L> = L extends (...args: never[]) => Promise<infer R> ? Unwrap<R> : unknown;
type Unwrap<R> = R extends { data: infer D; type: "DataWithResponseInit" } ? D : R extends Response ? unknown : R;

export type Crumb = { label: string; to: string };
export type PageHeading = { title: string | null; crumbs: Crumb[]; documentTitle: string[] };

const ORG_ROUTE = "routes/c.$org";

function resolve(spec: TitleSpec, data: unknown, t: TFunction): string {
  return typeof spec === "function" ? spec(data, t) : t(spec);
}

/**
 * From the current matches: the h1 (deepest titled page that is not a tab), the breadcrumbs
 * that lead to it, and the parts of the document's title, most specific first
 * ("Budget · Pilot vaktherapie Haarlem · Wij zijn KAS").
 */
export function pageHeading(matches: readonly UIMatch[], t: TFunction): PageHeading {
  const org = matches.find((m) => m.id === ORG_ROUTE);
  const orgData = org?.data as { org?: { slug: string; name: string } } | undefined;
  const base = orgData?.org ? `/c/${orgData.org.slug}` : "";
  const titled = matches
    .filter((m) => m.id !== ORG_ROUTE && (m.handle as PageHandle | undefined)?.title !== undefined)
    .map((m) => {
      const handle = m.handle as PageHandle;
      return { label: resolve(handle.title as TitleSpec, m.data, t), to: m.pathname, tab: handle.tab ?? false, parent: handle.parent };
    });
  const headingIndex = titled.findLastIndex((m) => !m.tab);
  const heading = headingIndex >= 0 ? titled[headingIndex] : undefined;
  const crumbs: Crumb[] = [];
  for (const m of titled.slice(0, Math.max(headingIndex, 0) + 1)) {
    if (m.parent && base) crumbs.push({ label: t(m.parent.label), to: `${base}/${m.parent.to}` });
    crumbs.push({ label: m.label, to: m.to });
  }
  crumbs.pop(); // the page itself is the h1, not a link to itself
  const documentTitle = [...titled.map((m) => m.label).reverse(), orgData?.org?.name ?? "Koepel"];
  return { title: heading?.label ?? null, crumbs, documentTitle };
}
