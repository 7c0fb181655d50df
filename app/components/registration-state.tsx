import { useTranslation } from "react-i18next";

const STATE_STYLE: Record<string, string> = {
  valid: "bg-green-100 text-green-900",
  expiring: "bg-amber-100 text-amber-900",
  expired: "bg-red-100 text-red-900",
  missing: "bg-red-100 text-red-900",
  unverified: "bg-sky-100 text-sky-900",
  rejected: "bg-slate-200 text-slate-800",
};

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLE[state] ?? ""}`}>{t(`registrations.state.${state}`)}</span>;
}
