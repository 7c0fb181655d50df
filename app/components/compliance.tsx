import { formatDate, type IneligibleReason } from "@koepel/rules";
import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "~/components/ui/data-table";
import { DateInput } from "~/components/ui/date-field";
import { reasonWords, type TypeLabel } from "~/modules/compliance/reasons";

export type Tone = "ok" | "attention" | "problem" | "neutral";

const TONES: Record<Tone, string> = {
  ok: "border-green-300 bg-green-50 text-green-900",
  attention: "border-amber-300 bg-amber-50 text-amber-900",
  problem: "border-red-300 bg-red-50 text-red-900",
  neutral: "border-slate-300 bg-slate-50 text-slate-800",
};
const ICONS: Record<Tone, string> = { ok: "✓", attention: "!", problem: "✗", neutral: "·" };

/** A status in colour, icon and words, so it never rests on colour alone. */
export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      <span aria-hidden="true">{ICONS[tone]}</span>
      {children}
    </span>
  );
}

export type CellView = { eligible: boolean; reasons: IneligibleReason[]; until: string | null; lapsesSoon: boolean };

/** One matrix cell: eligible or not, the reasons in words, and "lapses after <date>" within 90 days. */
export function EligibilityCell({ cell, types, lng }: { cell: CellView | undefined; types: Record<string, TypeLabel>; lng: "nl" | "en" }) {
  const { t } = useTranslation();
  if (!cell) return <span className="text-slate-400">–</span>;
  if (!cell.eligible)
    return (
      <div className="space-y-1" data-testid="cell-no">
        <Badge tone="problem">{t("eligibility.no")}</Badge>
        <ul className="list-disc pl-4 text-xs text-red-900">
          {cell.reasons.map((r, i) => (
            <li key={i}>{reasonWords(t, r, types, lng)}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="space-y-1" data-testid="cell-yes">
      <Badge tone={cell.lapsesSoon ? "attention" : "ok"}>{t("eligibility.yes")}</Badge>
      {cell.lapsesSoon && cell.until ? <p className="text-xs text-amber-900">{t("eligibility.lapsesOn", { date: formatDate(cell.until, lng) })}</p> : null}
    </div>
  );
}

/** The GET form that picks the date (works without JavaScript); the matrix's view rides along. */
export function DateForm({ date, view }: { date: string; view?: "problems" | "all" }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2">
      {view === "all" ? <input type="hidden" name="view" value="all" /> : null}
      <div>
        <label htmlFor="eligibility-date" className="block text-sm font-medium text-slate-800">
          {t("eligibility.date")}
        </label>
        <DateInput id="eligibility-date" name="date" defaultValue={date} label={t("eligibility.date")} className="w-48" />
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
        {t("eligibility.show")}
      </button>
    </Form>
  );
}

export type LapseView = { memberId: string; memberName: string; contractId: string; contractName: string; until: string; reasons: IneligibleReason[] };

/** Who stops being eligible within 90 days: name, contract, last day, and why. */
export function LapseTable({ lapses, types, lng, showContract = true }: { lapses: LapseView[]; types: Record<string, TypeLabel>; lng: "nl" | "en"; showContract?: boolean }) {
  const { t } = useTranslation();
  if (lapses.length === 0) return <p className="text-sm text-slate-600">{t("eligibility.noLapses")}</p>;
  const columns: Column<LapseView>[] = [
    { key: "member", header: t("eligibility.member"), rowHeader: true, cell: (l) => l.memberName },
    ...(showContract ? [{ key: "contract", header: t("eligibility.contract"), cell: (l: LapseView) => l.contractName }] : []),
    { key: "until", header: t("eligibility.lastDay"), cell: (l) => formatDate(l.until, lng) },
    { key: "why", header: t("eligibility.why"), cell: (l) => (l.reasons.length ? l.reasons.map((r) => reasonWords(t, r, types, lng)).join("; ") : t("eligibility.lapseReasonUnknown")) },
  ];
  return <DataTable caption={t("eligibility.lapsingTitle")} columns={columns} rows={lapses} rowKey={(l) => `${l.memberId}-${l.contractId}`} testId="lapses" />;
}

/**
 * "Problems only" or everyone, as two links (no JavaScript needed), with the counts,
 * so hiding the green rows never hides how many there are.
 */
export function ProblemsToggle({ view, problems, total, date, lng }: { view: "problems" | "all"; problems: number; total: number; date: string; lng: "nl" | "en" }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const to = (next: "problems" | "all") => {
    const params = new URLSearchParams(search);
    params.delete("page");
    if (next === "all") params.set("view", "all");
    else params.delete("view");
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  const link = (next: "problems" | "all", label: string) =>
    view === next ? (
      <span aria-current="true" className="rounded-full bg-teal-800 px-3 py-1 font-medium text-white">
        {label}
      </span>
    ) : (
      <Link to={to(next)} className="rounded-full border border-slate-300 px-3 py-1 text-teal-800 underline" preventScrollReset>
        {label}
      </Link>
    );
  return (
    <div className="mb-3 space-y-2 text-sm">
      <nav aria-label={t("eligibility.views.label")} className="flex flex-wrap gap-2" data-testid="matrix-view">
        {link("problems", t("eligibility.views.problems", { count: problems }))}
        {link("all", t("eligibility.views.all", { count: total }))}
      </nav>
      <p className="text-slate-600" role="status">
        {view === "problems"
          ? problems === 0
            ? t("eligibility.views.noProblems", { date: formatDate(date, lng) })
            : t("eligibility.views.hidden", { count: total - problems })
          : null}
      </p>
    </div>
  );
}
