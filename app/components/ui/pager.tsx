import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type PagerData = { page: number; pages: number; total: number; from: number; to: number };

/**
 * "1–50 van 380" with previous and next links that keep the page's other URL
 * parameters (its filters). Plain links: paging works without JavaScript.
 */
export function Pager({ paging, testId }: { paging: PagerData; testId?: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  if (paging.total === 0) return null;
  const to = (page: number) => {
    const params = new URLSearchParams(search);
    if (page === 1) params.delete("page");
    else params.set("page", String(page));
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  return (
    <nav className="mt-3 flex items-center gap-4 text-sm" aria-label={t("paging.label")} data-testid={testId}>
      {paging.page > 1 ? (
        <Link to={to(paging.page - 1)} className="text-teal-800 underline" rel="prev">
          {t("paging.previous")}
        </Link>
      ) : null}
      <span>{t("paging.range", { from: paging.from, to: paging.to, total: paging.total })}</span>
      {paging.page < paging.pages ? (
        <Link to={to(paging.page + 1)} className="text-teal-800 underline" rel="next">
          {t("paging.next")}
        </Link>
      ) : null}
    </nav>
  );
}
