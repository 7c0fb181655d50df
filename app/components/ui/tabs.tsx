import { NavLink } from "@remix-run/react";
import { Tabs as RadixTabs } from "radix-ui";
import type { ReactNode } from "react";

/**
 * Tabs within one page (Radix: arrow keys move between tabs, the panel is
 * labelled by its tab). Every panel is rendered, so without JavaScript the first
 * is shown and the others are reachable once scripts run; for sections that are
 * pages of their own use LinkTabs, which work without JavaScript.
 */
export function Tabs({ label, tabs, defaultValue }: { label: string; tabs: { value: string; label: string; content: ReactNode }[]; defaultValue?: string }) {
  return (
    <RadixTabs.Root defaultValue={defaultValue ?? tabs[0]?.value}>
      <RadixTabs.List aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <RadixTabs.Trigger
            key={tab.value}
            value={tab.value}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-700 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600 data-[state=active]:border-teal-700 data-[state=active]:font-medium data-[state=active]:text-teal-900"
          >
            {tab.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {tabs.map((tab) => (
        <RadixTabs.Content key={tab.value} value={tab.value} className="pt-4 focus:outline-none">
          {tab.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}

/** Sub-pages as tabs: links (aria-current on the open one), so they work without JavaScript. */
export function LinkTabs({ label, links }: { label: string; links: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200">
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={link.to}
          end={link.end}
          className={({ isActive }) =>
            `-mb-px border-b-2 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600 ${isActive ? "border-teal-700 font-medium text-teal-900" : "border-transparent text-slate-700 hover:text-slate-900"}`
          }
        >
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
