// The shell's navigation and page headings (decision 023): the menu shows a role exactly
// what the permission matrix lets it open, and the h1, breadcrumbs and <title> come from the
// route handles of the current matches.
import { can, type Role } from "@koepel/rules";
import type { UIMatch } from "@remix-run/react";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { NAV, visibleNav } from "~/modules/shell/nav";
import { pageHeading, type PageHandle } from "~/modules/shell/page";
import nl from "~/locales/nl/shell.json";
import nlCommon from "~/locales/nl/common.json";

const itemsFor = (role: Role) => visibleNav((a) => can(role, a)).flatMap((g) => g.items.map((i) => i.path));

describe("the navigation", () => {
  it.each([
    ["chair", ["", "members", "registrations", "practices", "me/registrations", "contracts", "trajectories", "compliance", "me", "people", "audit", "settings"]],
    ["member", ["", "members", "practices", "me/registrations", "contracts", "trajectories", "me", "people"]],
    ["subcontractor", ["", "me/registrations", "contracts", "trajectories", "me"]],
    ["office_staff", ["", "members", "practices", "me/registrations", "contracts", "trajectories", "compliance", "me", "people"]],
  ] as [Role, string[]][])("%s sees %j", (role, paths) => {
    expect(itemsFor(role)).toEqual(paths);
  });

  it("drops a group with nothing left in it", () => {
    const groups = visibleNav((a) => can("subcontractor", a)).map((g) => g.id);
    expect(groups).not.toContain("admin");
  });

  it("gives every group and item a Dutch label, and never calls compliance 'Compliance' in Dutch", () => {
    const lookup = (key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], { ...nl, ...nlCommon });
    for (const group of NAV) {
      expect(typeof lookup(group.label)).toBe("string");
      for (const item of group.items) expect(typeof lookup(item.label), item.label).toBe("string");
    }
    expect(lookup("shell.nav.compliance")).toBe("Naleving");
  });
});

const t = ((key: string) => `t(${key})`) as unknown as TFunction;
const match = (id: string, pathname: string, handle: PageHandle | undefined, data: unknown = null) => ({ id, pathname, handle, data, params: {} }) as unknown as UIMatch;
const root = match("root", "/", {});
const org = match("routes/c.$org", "/c/kas", {}, { org: { slug: "kas", name: "Wij zijn KAS" } });

describe("page headings from route handles", () => {
  it("a list: its h1, no crumbs, titled 'page · cooperative'", () => {
    const h = pageHeading([root, org, match("routes/c.$org.contracts._index", "/c/kas/contracts", { title: "shell.nav.contracts" })], t);
    expect(h).toEqual({ title: "t(shell.nav.contracts)", crumbs: [], documentTitle: ["t(shell.nav.contracts)", "Wij zijn KAS"] });
  });

  it("a contract's tab: the contract stays the h1, the list is the crumb, the tab leads the title", () => {
    const contract = match("routes/c.$org.contracts.$contractId", "/c/kas/contracts/1", { title: (d: { contract: { name: string } }) => d.contract.name, parent: { to: "contracts", label: "shell.nav.contracts" } } as PageHandle, { contract: { name: "Pilot vaktherapie Haarlem" } });
    const budget = match("routes/c.$org.contracts.$contractId.budget", "/c/kas/contracts/1/budget", { title: "Budget", tab: true });
    const h = pageHeading([root, org, contract, budget], ((k: string) => k) as unknown as TFunction);
    expect(h.title).toBe("Pilot vaktherapie Haarlem");
    expect(h.crumbs).toEqual([{ label: "shell.nav.contracts", to: "/c/kas/contracts" }]);
    expect(h.documentTitle.join(" · ")).toBe("Budget · Pilot vaktherapie Haarlem · Wij zijn KAS");
  });

  it("outside a cooperative the title ends in Koepel", () => {
    expect(pageHeading([root, match("routes/login", "/login", { title: "login.title" })], t).documentTitle).toEqual(["t(login.title)", "Koepel"]);
  });
});
