// First-load JavaScript per route, from the production build's Remix manifest
// (build/client/assets/manifest-*.js, the `window.__remixManifest` the server also
// uses for its <link rel="modulepreload"> tags). A document load of a route fetches
// the entry with its imports, then every route module on the way from root to the
// route (root, layouts, the page) with their imports: that set, each file once,
// gzipped at level 9 as `compression` would at best, is the route's first-load JS.
// CSS is left out (it is not JavaScript and blocks nothing on the main thread).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

type ManifestEntry = { module: string; imports?: string[] };
type ManifestRoute = ManifestEntry & { id: string; parentId?: string; path?: string; index?: boolean };
export type RemixManifest = { entry: ManifestEntry; routes: Record<string, ManifestRoute> };

/** The budget of issue 12: every cooperative page loads at most this much JavaScript. */
export const FIRST_LOAD_BUDGET_BYTES = 110 * 1024;

/**
 * Known gap (decision 027): a page with a client-validated form also loads Zod and
 * Conform in one chunk (use-schema-form, 22.8 KB gzip). Such a page is held to the
 * budget for everything else it loads, and the validation chunk to this size, until
 * form validation loads after the page (the schemas would have to be imported lazily).
 */
export const FORM_VALIDATION_ALLOWANCE_BYTES = 24 * 1024;

export type RouteWeight = {
  id: string;
  url: string;
  files: string[];
  gzipBytes: number;
  /** Of which the forms' client validation (Zod and Conform), 0 on a page without it. */
  validationBytes: number;
};

export function readManifest(clientDir = "build/client"): RemixManifest {
  const assets = path.join(clientDir, "assets");
  const file = readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`no Remix manifest in ${assets}: run \`npm run build\` first`);
  const text = readFileSync(path.join(assets, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as RemixManifest;
}

/** The URL pattern of a route, joined from its parents' paths. */
function urlOf(manifest: RemixManifest, route: ManifestRoute): string {
  const parts: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return "/" + parts.join("/");
}

/**
 * A page: a route whose browser module has a component (a default export). Resource
 * routes (CSV, PDF, downloads, POST-only endpoints) have none and are never loaded as a
 * page; a layout with children is loaded with its child page, and counted there.
 */
function isPage(clientDir: string, route: ManifestRoute, childIds: Set<string>): boolean {
  if (route.id === "root" || (childIds.has(route.id) && route.index !== true)) return false;
  return /\bas default\b|export default/.test(readFileSync(path.join(clientDir, route.module), "utf8"));
}

export function routeWeights(clientDir = "build/client"): RouteWeight[] {
  const manifest = readManifest(clientDir);
  const sizes = new Map<string, number>();
  const gz = (asset: string) => {
    let size = sizes.get(asset);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(clientDir, asset)), { level: 9 }).length;
      sizes.set(asset, size);
    }
    return size;
  };
  const parents = new Set(Object.values(manifest.routes).map((r) => r.parentId).filter((p): p is string => !!p));
  const weights: RouteWeight[] = [];
  for (const route of Object.values(manifest.routes)) {
    if (!isPage(clientDir, route, parents)) continue;
    const chain: ManifestEntry[] = [manifest.entry];
    const routes: ManifestRoute[] = [];
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) routes.unshift(r);
    chain.push(...routes);
    const files = [...new Set(chain.flatMap((e) => [e.module, ...(e.imports ?? [])]))];
    const validationBytes = files.filter(isValidationChunk).reduce((sum, f) => sum + gz(f), 0);
    weights.push({ id: route.id, url: urlOf(manifest, route), files, gzipBytes: files.reduce((sum, f) => sum + gz(f), 0), validationBytes });
  }
  return weights.sort((a, b) => a.url.localeCompare(b.url));
}

/** A cooperative page: everything under /c/:org except creating a new cooperative. */
export const isCooperativePage = (w: RouteWeight) => w.url.startsWith("/c/:org");

/** The page loads the forms' client validation (Conform and Zod). */
const isValidationChunk = (file: string) => /\/use-schema-form-[\w-]+\.js$/.test(file);
export const loadsFormValidation = (w: RouteWeight) => w.files.some(isValidationChunk);

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
