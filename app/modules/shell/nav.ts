import type { Action } from "@koepel/rules";

/**
 * The cooperative's navigation as data (decision 023). Grouped by what people do, not by
 * table: a later area (Verwijzingen, Geld, Vergaderingen) adds one entry to a group, or one
 * group, and the sidebar, the phone menu and the tests pick it up.
 *
 * An item is shown when the role may do at least one of its `actions`: the same `ctx.can()`
 * the guard asks, so the menu never offers a page that answers 403 (Shelf kept a second
 * role check for its sidebar and hid a page for months).
 */
export type NavItem = {
  /** Path below /c/:org ("" is the cooperative's index, Vandaag). */
  path: string;
  /** i18n key of the label. */
  label: string;
  actions: readonly Action[];
  /** Only the exact path counts as active (the index would otherwise match every page). */
  end?: boolean;
};
export type NavGroup = { id: string; label: string; items: readonly NavItem[] };

export const NAV: readonly NavGroup[] = [
  { id: "today", label: "shell.groups.today", items: [{ path: "", label: "shell.nav.today", actions: ["org:view"], end: true }] },
  {
    id: "members",
    label: "shell.groups.members",
    items: [
      { path: "members", label: "shell.nav.members", actions: ["members:view"] },
      { path: "registrations", label: "shell.nav.registrations", actions: ["credentials:verify"] },
      { path: "practices", label: "shell.nav.practices", actions: ["members:view"] },
      { path: "me/registrations", label: "shell.nav.myRegistrations", actions: ["profile:self"] },
    ],
  },
  {
    id: "contracts",
    label: "shell.groups.contracts",
    items: [
      { path: "contracts", label: "shell.nav.contracts", actions: ["contracts:view"] },
      { path: "trajectories", label: "shell.nav.trajectories", actions: ["time:log", "trajectories:manage"] },
      { path: "compliance", label: "shell.nav.compliance", actions: ["compliance:view"] },
    ],
  },
  // A member's own record in this cooperative; the login itself (password, two-factor)
  // is "Mijn account" in the person's menu, so the two are never confused.
  { id: "mine", label: "shell.groups.mine", items: [{ path: "me", label: "shell.nav.me", actions: ["profile:self"], end: true }] },
  {
    id: "admin",
    label: "shell.groups.admin",
    items: [
      { path: "people", label: "shell.nav.people", actions: ["people:view"] },
      { path: "audit", label: "shell.nav.audit", actions: ["audit:view"] },
      { path: "settings", label: "shell.nav.settings", actions: ["org:settings"] },
    ],
  },
];

export type VisibleNav = { id: string; label: string; items: { path: string; label: string; end: boolean }[] }[];

/** The groups and items this role may open; a group with nothing left is dropped. */
export function visibleNav(can: (action: Action) => boolean, nav: readonly NavGroup[] = NAV): VisibleNav {
  return nav
    .map((group) => ({
      id: group.id,
      label: group.label,
      items: group.items.filter((item) => item.actions.some((a) => can(a))).map(({ path, label, end }) => ({ path, label, end: end ?? false })),
    }))
    .filter((group) => group.items.length > 0);
}
