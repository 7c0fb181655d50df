// The browser's translator (app/lib/i18n-client.tsx) must give the text i18next gives
// on the server, or hydration replaces the server's text: every key of both languages,
// with the plural counts and variables the pages pass.
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import i18nConfig, { resources, supportedLngs } from "~/i18n";
import { createClientI18n } from "~/lib/i18n-client";
import { inlineResources } from "~/lib/i18n-resources.server";

function keysOf(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === "object" ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe.each(supportedLngs)("client translator in %s", async (lng) => {
  const server = i18next.createInstance();
  await server.init({ ...i18nConfig, resources, lng });
  const client = createClientI18n(lng, JSON.parse(inlineResources(lng)) as Record<string, unknown>);
  // Plural keys are asked for without their suffix, as the pages do.
  const keys = [...new Set(keysOf(resources[lng].common as Record<string, unknown>).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))];
  const vars = { name: "Ada", date: "23-11-2026", value: "EUR 70,80", type: "VOG", organization: "Wij zijn KAS", link: "https://x.test", email: "a@b.nl", days: 3, number: 7 };

  it("has every key", () => expect(keys.length).toBeGreaterThan(500));

  it.each([undefined, 0, 1, 2, 21])("gives i18next's text for every key (count %s)", (count) => {
    const options = count === undefined ? vars : { ...vars, count };
    const differences = keys.filter((key) => client.t(key, options) !== server.t(key, options));
    expect(differences.map((key) => `${key}: ${client.t(key, options)} != ${server.t(key, options)}`)).toEqual([]);
  });

  it("leaves a missing variable's placeholder, falls back to defaultValue and the key", () => {
    const key = keys.find((k) => /\{\{name\}\}/.test(String(server.t(k))))!;
    expect(client.t(key)).toBe(server.t(key));
    expect(client.t("no.such.key", { defaultValue: "x {{name}}", name: "Ada" })).toBe(server.t("no.such.key", { defaultValue: "x {{name}}", name: "Ada" }));
    expect(client.t("no.such.key")).toBe(server.t("no.such.key"));
  });
});

describe("inline resources", () => {
  it("cannot close their <script> element", () => {
    for (const lng of supportedLngs) expect(inlineResources(lng)).not.toContain("<");
  });
  it("fill English gaps from Dutch, as i18next's fallback does", () => {
    const en = JSON.parse(inlineResources("en")) as Record<string, unknown>;
    expect(keysOf(en).length).toBeGreaterThanOrEqual(keysOf(resources.nl.common as Record<string, unknown>).length);
  });
});
