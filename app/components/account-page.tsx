import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The frame of a page under /account: a way back to the account, then the page. */
export function AccountPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p className="text-sm">
        <Link to="/account" className="text-teal-800 underline">
          {t("account.title")}
        </Link>
      </p>
      {children}
    </div>
  );
}
