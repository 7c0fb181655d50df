import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { search } from "~/modules/shell/search.server";
import { MIN_QUERY, type SearchResults } from "~/modules/shell/search";

export const handle = { ...access({ loader: "org:view" }), ...page({ title: "shell.search.title" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:view");
  const { results } = await search(ctx, new URL(request.url).searchParams.get("q") ?? "");
  // The query is not echoed in the data: the page reads it from its own URL, so a search for
  // a value one may not see (someone's e-mail address) sends back nothing that contains it.
  return { slug: ctx.org.slug, results };
});

/** The shell's search results, a GET page: works without JavaScript and can be linked. */
export default function Search() {
  const { t } = useTranslation();
  const { slug, results } = useLoaderData<typeof loader>();
  const q = (useSearchParams()[0].get("q") ?? "").trim();
  const base = `/c/${slug}`;
  const found = results.some((r) => r.items.length > 0);
  return (
    <div className="space-y-6">
      <Form method="get" role="search" aria-label={t("shell.search.title")} className="flex max-w-xl gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{t("shell.search.label")}</span>
          <input type="search" name="q" defaultValue={q} key={q} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-white">
          {t("shell.search.submit")}
        </button>
      </Form>
      {q.length < MIN_QUERY ? (
        <p className="text-slate-700">{t("shell.search.prompt")}</p>
      ) : !found ? (
        <p className="text-slate-700" data-testid="search-empty">
          {t("shell.search.empty", { q })}
        </p>
      ) : (
        <>
          <p className="sr-only" role="status">
            {t("shell.search.results", { q })}
          </p>
          {results
            .filter((r) => r.items.length > 0)
            .map((group) => (
              <section key={group.kind} aria-labelledby={`search-${group.kind}`} data-testid={`search-${group.kind}`}>
                <h2 id={`search-${group.kind}`} className="mb-2 text-lg font-semibold">
                  {t(`shell.search.kinds.${group.kind}`)}
                </h2>
                <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                  <ResultItems group={group} base={base} />
                </ul>
                {group.more ? (
                  <p className="mt-2 text-sm text-slate-600">
                    {t("shell.search.more", { count: group.items.length })}{" "}
                    <Link to={listLink(base, group.kind, q)} className="text-teal-800 underline">
                      {t("shell.search.openList")}
                    </Link>
                  </p>
                ) : null}
              </section>
            ))}
        </>
      )}
    </div>
  );
}

// The members list filters by the same text; the others open unfiltered.
const listLink = (base: string, kind: SearchResults[number]["kind"], q: string) => (kind === "members" ? `${base}/members?q=${encodeURIComponent(q)}` : `${base}/${kind}`);

function ResultItems({ group, base }: { group: SearchResults[number]; base: string }) {
  const { t } = useTranslation();
  const row = (key: string, to: string, label: string, detail: string) => (
    <li key={key} className="px-4 py-3">
      <Link to={to} className="font-medium text-teal-800 underline">
        {label}
      </Link>
      {detail ? <span className="ml-2 text-sm text-slate-600">{detail}</span> : null}
    </li>
  );
  switch (group.kind) {
    case "members":
      return <>{group.items.map((m) => row(m.id, `${base}/members/${m.id}`, m.name, [t(`memberTypes.${m.type}`), (m.municipalities ?? []).slice(0, 3).join(", ")].filter(Boolean).join(" · ")))}</>;
    case "practices":
      return <>{group.items.map((p) => row(p.id, `${base}/practices/${p.id}`, p.name, p.city ?? ""))}</>;
    case "contracts":
      return <>{group.items.map((c) => row(c.id, `${base}/contracts/${c.id}`, c.name, c.reference ?? ""))}</>;
    case "trajectories":
      return <>{group.items.map((tr) => row(tr.id, `${base}/trajectories/${tr.id}`, tr.clientCode, `${tr.contractName} · ${t(`trajectories.statuses.${tr.status}`)}`))}</>;
  }
}
