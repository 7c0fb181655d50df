import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "good" | "warning" | "bad" | "info";

const tones: Record<BadgeTone, string> = {
  neutral: "border-slate-300 bg-slate-50 text-slate-800",
  good: "border-green-300 bg-green-50 text-green-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  bad: "border-red-300 bg-red-50 text-red-800",
  info: "border-sky-300 bg-sky-50 text-sky-900",
};

const marks: Record<BadgeTone, string> = { neutral: "", good: "✓", warning: "!", bad: "✕", info: "i" };

/**
 * A state in a word ("Inzetbaar", "Verlopen"). Colour never carries the meaning on
 * its own: the words do, and a mark beside them differs per tone (issue 12: colour
 * plus icon plus words). Colours meet WCAG AA contrast on their background.
 */
export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {marks[tone] ? <span aria-hidden="true">{marks[tone]}</span> : null}
      {children}
    </span>
  );
}
