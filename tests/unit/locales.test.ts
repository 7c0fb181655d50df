import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localeFiles, resources } from "~/i18n";

const nl = resources.nl.common;
const en = resources.en.common;

type Tree = { [key: string]: string | Tree };
function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
// i18next plural forms: "ended_one" and "ended_other" answer to t("ended", { count }).
const base = (key: string) => key.replace(/_(one|other|zero)$/, "");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("locales", () => {
  it("each area's file owns its top-level keys", () => {
    for (const files of Object.values(localeFiles)) {
      const seen = new Map<string, string>();
      const clashes: string[] = [];
      for (const [file, tree] of Object.entries(files)) {
        for (const key of Object.keys(tree)) {
          if (seen.has(key)) clashes.push(`${key}: ${seen.get(key)} and ${file}`);
          seen.set(key, file);
        }
      }
      expect(clashes).toEqual([]);
    }
  });

  const nlKeys = keys(nl as Tree);
  const enKeys = keys(en as Tree);

  it("Dutch and English have the same keys", () => {
    expect(nlKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !nlKeys.includes(k))).toEqual([]);
  });

  it("no text is empty", () => {
    const empty = (tree: Tree) => keys(tree).filter((k) => k.split(".").reduce<string | Tree>((t, part) => (t as Tree)[part], tree) === "");
    expect(empty(nl as Tree)).toEqual([]);
    expect(empty(en as Tree)).toEqual([]);
  });

  it("every literal key the app uses exists", () => {
    const known = new Set(nlKeys.map(base));
    // t("a.b"), "errors.x" messages in schemas and AppErrors: dotted lowercase-first literals in known namespaces.
    const namespaces = Object.keys(nl);
    const pattern = new RegExp(`["'\`]((?:${namespaces.join("|")})\\.[A-Za-z_.]+[A-Za-z_])["'\`]`, "g");
    const missing = new Set<string>();
    for (const file of sourceFiles("app")) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(pattern)) {
        // Audit action names ("invitation.created") share the namespaces' words but are not texts.
        if (/action:\s*$/.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
        if (!known.has(match[1])) missing.add(`${match[1]} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("every audit action a cooperative's log can show has a label in both languages", () => {
    // Account-level events (user.*) carry no cooperative and never reach a cooperative's log.
    const used = new Set<string>();
    for (const file of sourceFiles("app/modules")) {
      for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) if (!m[1].startsWith("user.")) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const tree of [nl, en] as Tree[]) {
      const actions = (tree.auditLog as Tree).actions as Tree;
      const unlabelled = [...used].filter((a) => {
        const [group, key] = a.split(".");
        return typeof (actions[group] as Tree | undefined)?.[key] !== "string";
      });
      expect(unlabelled).toEqual([]);
    }
  });
});
