import { Link, useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pageHeading } from "~/modules/shell/page";

/** The frame of a page under /account: a way back to the account, then the page. */
export function AccountPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  // The page's one h1 comes from its route handle, as everywhere else (decision 023).
  const { title } = pageHeading(useMatches(), t);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p className="text-sm">
        <Link to="/account" className="text-teal-800 underline">
          {t("account.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {children}
    </div>
  );
}
