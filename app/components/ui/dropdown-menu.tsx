import { Link } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";

export type MenuItem = { label: string; to: string; danger?: boolean };

// The Radix menu is fetched after the page has loaded, not with it (decision 027): until
// then, and without JavaScript, the same items are plain links.
const RadixActionMenu = lazy(() => import("./dropdown-menu-radix"));

/**
 * One action menu per row: a button that opens a Radix dropdown (arrow keys,
 * Escape, focus back on the button) whose items are links. Before JavaScript runs,
 * and without it, the same items are plain links, so every action stays reachable.
 */
export function ActionMenu({ label, items, buttonText }: { label: string; items: MenuItem[]; buttonText: string }) {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const links = (
    <span className="flex flex-wrap justify-end gap-x-3 gap-y-1" aria-label={label} role="group">
      {items.map((item) => (
        <Link key={item.to} to={item.to} className={`text-sm underline ${item.danger ? "text-red-700" : "text-teal-800"}`}>
          {item.label}
        </Link>
      ))}
    </span>
  );
  if (!scripted) return links;
  return (
    <Suspense fallback={links}>
      <RadixActionMenu label={label} items={items} buttonText={buttonText} />
    </Suspense>
  );
}
