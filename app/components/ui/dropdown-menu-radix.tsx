import { Link } from "@remix-run/react";
import { DropdownMenu } from "radix-ui";
import type { MenuItem } from "./dropdown-menu";

/** The scripted half of ActionMenu (dropdown-menu.tsx), in its own chunk. */
export default function RadixActionMenu({ label, items, buttonText }: { label: string; items: MenuItem[]; buttonText: string }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label={label}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
      >
        {buttonText}
        <svg aria-hidden="true" viewBox="0 0 20 20" width="14" height="14" fill="currentColor">
          <path d="M5.5 7.5l4.5 5 4.5-5z" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          {items.map((item) => (
            <DropdownMenu.Item key={item.to} asChild>
              <Link
                to={item.to}
                className={`block rounded px-3 py-2 outline-none data-[highlighted]:bg-slate-100 ${item.danger ? "text-red-700" : "text-slate-800"}`}
              >
                {item.label}
              </Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
