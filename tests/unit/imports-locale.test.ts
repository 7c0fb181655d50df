import { readFileSync } from "node:fs";
import { IMPORT_FIELDS } from "@koepel/rules";
import { describe, expect, it } from "vitest";
import { resources } from "~/i18n";

// The import's messages come from packages/rules, which the app-wide key check does not read.
type Tree = { [key: string]: string | Tree };
const lookup = (tree: Tree, key: string) => key.split(".").reduce<string | Tree | undefined>((t, part) => (t && typeof t === "object" ? t[part] : undefined), tree);

describe("member import texts", () => {
  const source = readFileSync("packages/rules/src/member-import.ts", "utf8");
  const keys = [...new Set([...source.matchAll(/"(imports\.errors\.[A-Za-z]+)"/g)].map((m) => m[1]))];
  const fieldKeys = IMPORT_FIELDS.map((f) => `imports.fields.${f}`);

  it.each(["nl", "en"] as const)("%s has every message and field label the rules use", (lng) => {
    const tree = resources[lng].common as unknown as Tree;
    expect(keys.length).toBeGreaterThan(15);
    expect([...keys, ...fieldKeys].filter((k) => typeof lookup(tree, k) !== "string")).toEqual([]);
  });

  it("has a label for every import status and outcome", () => {
    const tree = resources.nl.common as unknown as Tree;
    for (const s of ["uploaded", "previewed", "running", "done", "failed"]) expect(typeof lookup(tree, `imports.status.${s}`)).toBe("string");
    for (const o of ["create", "update", "unchanged", "error"]) expect(typeof lookup(tree, `imports.outcomes.${o}`)).toBe("string");
  });
});
