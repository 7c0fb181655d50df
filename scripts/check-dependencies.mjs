#!/usr/bin/env node
/* global console, process */
// Dependency gate, run first by `npm test` (and so by CI), see docs/security.md:
//  1. every installed Remix framework package (@remix-run/*) is at least 2.17.5, the
//     release with the fixes we rely on; a downgrade anywhere in package-lock.json fails;
//  2. `npm audit --omit=dev` reports no high or critical advisory for what runs in
//     production. If npm cannot reach the audit endpoint, this fails too: no answer is
//     not a clean bill of health. The one exception is an explicit
//     KOEPEL_AUDIT_UNREACHABLE=warn, set by .ci/run because the CI machine's registry
//     refuses the audit POST (405); there the failure is printed as a warning.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REMIX_MINIMUM = "2.17.5";

// Remix's own packages, released together with one version number. Other
// @remix-run/* packages (router 1.x, web-fetch 4.x, ...) are versioned on their own.
export const REMIX_PACKAGES = new Set(
  [
    "architect", "cloudflare", "cloudflare-pages", "cloudflare-workers", "css-bundle", "deno", "dev", "eslint-config",
    "express", "fs-routes", "node", "react", "route-config", "routes-option-adapter", "serve", "server-runtime", "testing",
  ].map((name) => `@remix-run/${name}`),
);

/** Compare two semver versions: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a, b) {
  const parse = (v) => {
    const m = String(v).trim().match(/^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/);
    if (!m) throw new Error(`not a semver version: ${v}`);
    return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split(".") : [] };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] - y.core[i];
  // A pre-release sorts before its release (2.17.5-pre.1 < 2.17.5).
  if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    if (x.pre[i] === undefined) return -1;
    if (y.pre[i] === undefined) return 1;
    const [p, q] = [x.pre[i], y.pre[i]];
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    if (p !== q) return numeric ? Number(p) - Number(q) : p < q ? -1 : 1;
  }
  return 0;
}

/** Installed Remix packages below the minimum, from package-lock.json's `packages`. */
export function remixVersionProblems(lock, minimum = REMIX_MINIMUM) {
  const problems = [];
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    const m = location.match(/(?:^|\/)node_modules\/(@remix-run\/[^/]+)$/);
    if (!m || !REMIX_PACKAGES.has(m[1]) || entry.link) continue;
    if (!entry.version || compareVersions(entry.version, minimum) < 0) {
      problems.push(`${location} is ${entry.version ?? "of unknown version"}, below ${minimum}`);
    }
  }
  return problems;
}

/** High and critical advisories from `npm audit --json`; throws when npm had no answer. */
export function auditProblems(report) {
  if (report.error) {
    const { code, summary, detail } = report.error;
    const why = [report.message, summary, detail].filter(Boolean).join(" ") || "no details";
    throw new Error(`npm audit could not check the advisories (${code ?? report.statusCode ?? "error"}): ${why}. The registry's audit endpoint must be reachable.`);
  }
  if (!report.vulnerabilities || !report.metadata) throw new Error("npm audit gave no report (is the registry reachable?)");
  return Object.values(report.vulnerabilities)
    .filter((v) => v.severity === "high" || v.severity === "critical")
    .map((v) => {
      const advisories = (v.via ?? []).filter((via) => typeof via === "object").map((via) => `${via.title} (${via.url})`);
      return `${v.severity}: ${v.name} ${v.range ?? ""}${advisories.length ? ` - ${advisories.join("; ")}` : ""}`;
    });
}

function runAudit(cwd) {
  const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`npm audit did not run: ${result.error.message}`);
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`npm audit gave no JSON (exit ${result.status}); is the registry reachable?\n${result.stderr}`);
  }
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  let failed = false;
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const versions = remixVersionProblems(lock);
  if (versions.length) {
    failed = true;
    console.error(`check:deps: Remix packages must be at least ${REMIX_MINIMUM}:\n  ${versions.join("\n  ")}`);
  } else {
    console.log(`check:deps: Remix packages at ${REMIX_MINIMUM} or later`);
  }
  try {
    const advisories = auditProblems(runAudit(root));
    if (advisories.length) {
      failed = true;
      console.error(`check:deps: npm audit --omit=dev reports high or critical advisories:\n  ${advisories.join("\n  ")}`);
    } else {
      console.log("check:deps: npm audit --omit=dev: no high or critical advisories");
    }
  } catch (error) {
    if (process.env.KOEPEL_AUDIT_UNREACHABLE === "warn") {
      console.warn(`check:deps: WARNING, advisories NOT checked: ${error.message}`);
    } else {
      failed = true;
      console.error(`check:deps: ${error.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
