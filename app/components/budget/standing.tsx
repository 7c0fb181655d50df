// Budget figures that tell the truth (docs/decisions/025-honest-figures.md): a
// remainder below zero, an over-commitment and a member past their allocation are
// shown with colour AND an icon AND words, never as a bare negative amount in black
// (colour alone fails people who do not see it; a minus sign is easy to miss).
import { formatMoney, type AllocationState, type BudgetState } from "@koepel/rules";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Lng = "nl" | "en";
export type Tone = "danger" | "warning" | "ok" | "none";

const TEXT: Record<Tone, string> = { danger: "text-red-800", warning: "text-amber-900", ok: "text-teal-900", none: "text-slate-900" };
const BOX: Record<Tone, string> = {
  danger: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  ok: "border-teal-200 bg-teal-50 text-teal-950",
  none: "border-slate-200 bg-white text-slate-900",
};

/** A small icon per tone, decorative: the words beside it carry the meaning. */
export function ToneIcon({ tone, className = "h-4 w-4" }: { tone: Tone; className?: string }) {
  if (tone === "none") return null;
  const common = { "aria-hidden": true, focusable: "false" as const, viewBox: "0 0 20 20", className: `inline-block shrink-0 align-[-2px] ${className}`, fill: "currentColor" };
  if (tone === "danger")
    // A triangle with an exclamation mark.
    return (
      <svg {...common} data-icon="danger">
        <path d="M10 2 1 18h18L10 2Zm-1 6h2v5H9V8Zm0 6h2v2H9v-2Z" />
      </svg>
    );
  if (tone === "warning")
    // A circle with an exclamation mark.
    return (
      <svg {...common} data-icon="warning">
        <path d="M10 1a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-1 4h2v6H9V5Zm0 8h2v2H9v-2Z" />
      </svg>
    );
  // A check mark.
  return (
    <svg {...common} data-icon="ok">
      <path d="M7.5 13.6 3.9 10l-1.4 1.4 5 5 10-10-1.4-1.4-8.6 8.6Z" />
    </svg>
  );
}

export const toneOfState = (state: BudgetState): Tone => (state === "over_committed" || state === "over_spent" ? "danger" : state === "fully_committed" ? "warning" : state === "within" ? "ok" : "none");
export const toneOfAllocation = (state: AllocationState): Tone => (state === "over" ? "danger" : state === "near" ? "warning" : "none");

/** Words and colour together: the tone's colour, its icon, then the text. */
export function Toned({ tone, children, className = "" }: { tone: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={`inline-flex items-baseline gap-1 ${TEXT[tone]} ${className}`} data-tone={tone}>
      <ToneIcon tone={tone} />
      <span>{children}</span>
    </span>
  );
}

type StandingFigures = { state: BudgetState; ceilingCents: number | null; spentCents: number; committedCents: number; remainingCents: number | null; overCommittedCents: number; percentUsed: number | null; percentSpent: number | null };

/** One sentence on where the budget stands, in a box of its tone (nothing without a ceiling). */
export function StandingNote({ standing, lng, testId }: { standing: StandingFigures; lng: Lng; testId?: string }) {
  const { t } = useTranslation();
  if (standing.state === "no_ceiling" || standing.ceilingCents === null) return null;
  const money = (c: number) => formatMoney(c, lng);
  const tone = toneOfState(standing.state);
  const amount = standing.state === "over_spent" ? standing.spentCents - standing.ceilingCents : standing.state === "over_committed" ? standing.overCommittedCents : Math.max(0, standing.remainingCents ?? 0);
  return (
    <p className={`flex items-start gap-2 rounded-md border p-3 text-sm ${BOX[tone]}`} data-testid={testId} data-state={standing.state}>
      <ToneIcon tone={tone} className="mt-0.5 h-5 w-5" />
      <span>
        {t(`budget.standing.${standing.state}`, {
          amount: money(amount),
          spent: money(standing.spentCents),
          committed: money(standing.committedCents),
          used: money(standing.spentCents + standing.committedCents),
          ceiling: money(standing.ceilingCents),
          percent: standing.state === "over_spent" ? standing.percentSpent : standing.percentUsed,
        })}
      </span>
    </p>
  );
}

/** The remainder: an amount when there is room, "EUR 31.341,60 te veel toegezegd" in red with an icon when there is not. */
export function RemainingValue({ remainingCents, lng }: { remainingCents: number | null; lng: Lng }) {
  const { t } = useTranslation();
  if (remainingCents === null) return <>–</>;
  if (remainingCents >= 0) return <>{formatMoney(remainingCents, lng)}</>;
  return <Toned tone="danger">{t("budget.overCommitted", { amount: formatMoney(-remainingCents, lng) })}</Toned>;
}
