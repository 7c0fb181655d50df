// The app's routes as Remix itself sees them, for tests that must cover every route
// without a hand-kept list (tests/security/route-matrix.test.ts).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UNSAFE_flatRoutes } from "@remix-run/dev";
import { ACTIONS } from "@koepel/rules";
import remixConfig from "../../remix.config.js";
import type { Access, RouteAccess } from "~/lib/access";

const root = path.resolve(import.meta.dirname, "../..");
const appDirectory = path.join(root, remixConfig.appDirectory ?? "app");

export type ManifestRoute = {
  id: string;
  file: string;
  /** The full URL pattern, e.g. "/c/:org/people/invite". */
  pattern: string;
  /** URL parameter names in the pattern, in order. */
  params: string[];
};

/**
 * Remix's route manifest: the same flat-routes function and options the Vite
 * plugin uses (remix.config.js), plus the root route it always adds.
 */
export function routeManifest(): ManifestRoute[] {
  if ("routes" in remixConfig) {
    throw new Error("remix.config.js now defines extra routes: read them here too (call its routes() with UNSAFE_defineRoutes), or the route matrix misses them");
  }
  const flat = UNSAFE_flatRoutes(appDirectory, remixConfig.ignoredRouteFiles ?? []);
  const routes: Record<string, { id: string; file: string; path?: string; parentId?: string }> = { ...flat, root: { id: "root", file: "root.tsx", path: "", parentId: undefined } };
  const full = (id: string): string => {
    const r = routes[id];
    const own = r.path ?? "";
    const parent = r.parentId ? full(r.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(routes)
    .map((r) => {
      const pattern = `/${full(r.id)}`;
      const params = [...pattern.matchAll(/:(\w+)\??/g)].map((m) => m[1]);
      if (pattern.includes("*")) params.push("*");
      return { id: r.id, file: path.join(appDirectory, r.file), pattern, params };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id));
}

export const routeSource = (route: ManifestRoute) => readFile(route.file, "utf8");

const ACCESS_VALUES = new Set<string>(["public", "user", ...ACTIONS]);
export const isAccess = (value: unknown): value is Access => typeof value === "string" && ACCESS_VALUES.has(value);

/** The access a route module declares (`export const handle = access({...})`), or null. */
export function declaredAccess(mod: Record<string, unknown>): RouteAccess | null {
  const handle = mod.handle as { access?: RouteAccess } | undefined;
  return handle?.access ?? null;
}
