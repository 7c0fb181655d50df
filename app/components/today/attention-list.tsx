import { isOverdue, type AttentionItem, type Severity } from "@koepel/rules";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { kindText, reasonText } from "~/modules/attention/words";

// Colour, icon and word together: severity is never told by colour alone.
const TONE: Record<Severity, { box: string; icon: string }> = {
  critical: { box: "border-red-300 bg-red-50 text-red-900", icon: "!" },
  warning: { box: "border-amber-300 bg-amber-50 text-amber-900", icon: "▲" },
  info: { box: "border-sky-300 bg-sky-50 text-sky-900", icon: "i" },
};

/** Vandaag's items, ranked as the server ranked them, each with its reason and a link to act. */
export function AttentionList({ items, today, base, lng }: { items: AttentionItem[]; today: string; base: string; lng: "nl" | "en" }) {
  const { t } = useTranslation();
  return (
    <ol className="space-y-3" data-testid="attention-list">
      {items.map((item) => {
        const tone = TONE[item.severity];
        const overdue = isOverdue(item, today);
        const label = kindText(t, item);
        return (
          <li key={item.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-kind={item.kind} data-severity={item.severity}>
            <div className="flex flex-wrap items-center gap-2 text-xs font-medium">
              <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 ${tone.box}`}>
                <span aria-hidden="true">{tone.icon}</span>
                {overdue ? t("today.overdue") : t(`today.severity.${item.severity}`)}
              </span>
              <span className="text-slate-700">{label}</span>
            </div>
            <p className="mt-2 break-words text-sm text-slate-900">{reasonText(t, item, lng)}</p>
            <Link to={`${base}${item.link}`} className="mt-2 inline-block text-sm font-medium text-teal-800 underline">
              {t("today.act", { subject: item.subject || label.toLowerCase() })}
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
