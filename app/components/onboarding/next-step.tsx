import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * What an empty list of a new cooperative says: one sentence on what belongs here and
 * the link to the first action. (The smallest version, kept here until the design
 * system's empty state exists; swap it for that one.)
 */
export function NextStep({ text, links, testId }: { text: ReactNode; links: { to: string; label: string }[]; testId?: string }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-700" data-testid={testId}>
      <p>{text}</p>
      {links.length ? (
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          {links.map((l) => (
            <Link key={l.to} to={l.to} className="font-medium text-teal-800 underline">
              {l.label}
            </Link>
          ))}
        </p>
      ) : null}
    </div>
  );
}
