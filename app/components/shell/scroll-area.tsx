import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen scrolls inside its own box, not the page. Focusable and
 * named, so keyboard users can scroll it too (axe: scrollable-region-focusable). Stopgap
 * until the tables work turns rows into cards on phones.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  return (
    // relative: visually hidden (sr-only, absolute) labels inside the table stay inside the box.
    <div className="relative max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
