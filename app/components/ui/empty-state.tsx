import { Link } from "@remix-run/react";

/**
 * An empty list says what to do next: what is missing, why it matters, and a link
 * to the page where it is done. Without an action (a member cannot add one) it
 * still says what will appear here.
 */
export function EmptyState({ title, text, action }: { title: string; text: string; action?: { label: string; to: string } }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="empty-state">
      <p className="font-medium text-slate-900">{title}</p>
      <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">{text}</p>
      {action ? (
        <p className="mt-4">
          <Link to={action.to} className="inline-flex rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600 focus-visible:ring-offset-2">
            {action.label}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
