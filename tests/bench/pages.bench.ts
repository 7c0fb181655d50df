// `npm run bench:pages`: the key pages of the production app at 1x and 10x (issue 11).
// On PGlite by default; on PostgreSQL with DATABASE_URL set (the database is emptied
// first: give it one of its own, e.g. koepel_h5_bench). Builds the app (BENCH_SKIP_BUILD=1
// to reuse build/), loads the demo on a fresh database, starts app/server.ts with
// NODE_ENV=production, logs in as Wij zijn KAS's chair and measures each page against
// a server-rendered page without data (the login page) in the same run: throughput
// ratio, single-request median, p50/p95 under load, statements per page (the
// X-Koepel-Queries header, KOEPEL_QUERY_COUNT=1), response size, and the server's RSS
// idle and after the run. Then scales to 10x (db/seed/scale.ts) and measures again,
// plus a fixed 100 requests a second on the members and landing pages. Prints a
// markdown table and writes it to tests/bench/results/pages-<db>.md. Figures, not
// assertions: timing is never a test (the statement counts are: query-counts.test.ts).
//
// Loopback only, bounded in time: BENCH_SECONDS (default 3) per page under load,
// BENCH_CONCURRENCY (4), BENCH_SINGLE (10 sequential requests), BENCH_RATE (100/s) for
// BENCH_RATE_SECONDS (5). A pages list to extend as areas add pages: PAGES below.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { asc, eq, sql } from "drizzle-orm";
import { closeDb, getDb } from "~db/client";
import { contracts, organizations } from "~db/schema";
import { DEMO_PASSWORD, seedDemo } from "~db/seed/demo";
import { SCALE_SOURCE_SLUG, scaleCooperative } from "~db/seed/scale";
import { withSystem } from "~db/tenant";
import { cookieFrom, startServer, type RunningServer } from "../helpers/server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 5);
const CHAIR = "voorzitter@kas.demo.koepel.nl";
const databaseUrl = process.env.DATABASE_URL;
const dbName = databaseUrl ? "postgresql" : "pglite";

type Page = { name: string; path: (ids: Ids) => string; baseline?: boolean };
type Ids = { org: string; contract: string };
const PAGES: Page[] = [
  { name: "baseline: login page (no data)", path: () => "/login", baseline: true },
  { name: "cooperative landing", path: (i) => `/c/${i.org}` },
  { name: "members", path: (i) => `/c/${i.org}/members` },
  { name: "compliance", path: (i) => `/c/${i.org}/compliance` },
  { name: "eligibility matrix", path: (i) => `/c/${i.org}/compliance/eligibility` },
  { name: "contract budget", path: (i) => `/c/${i.org}/contracts/${i.contract}/budget` },
  { name: "trajectories", path: (i) => `/c/${i.org}/trajectories` },
];

type Sample = { ms: number; ok: boolean; bytes: number; queries: number | null };

async function fetchOnce(url: string, cookie: string | null, timeoutMs = 30_000): Promise<Sample> {
  const start = performance.now();
  let response: Response;
  let body: ArrayBuffer;
  try {
    response = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    body = await response.arrayBuffer();
  } catch {
    return { ms: performance.now() - start, ok: false, bytes: 0, queries: null };
  }
  const queries = response.headers.get("x-koepel-queries");
  return { ms: performance.now() - start, ok: response.status === 200, bytes: body.byteLength, queries: queries === null ? null : Number(queries) };
}

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** Closed loop: CONCURRENCY clients, each sending its next request when the last one answered, for SECONDS. */
async function load(url: string, cookie: string | null) {
  const samples: Sample[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) samples.push(await fetchOnce(url, cookie));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const ok = samples.filter((s) => s.ok);
  return { rps: ok.length / seconds, p50: quantile(ok.map((s) => s.ms), 0.5), p95: quantile(ok.map((s) => s.ms), 0.95), errors: samples.length - ok.length };
}

/**
 * Open loop: RATE requests a second for RATE_SECONDS whatever the answers do; latency
 * from each request's own start. A request not answered within 2 s counts as an error
 * (an overloaded server must not stretch the run without bound).
 */
async function fixedRate(url: string, cookie: string) {
  const samples: Sample[] = [];
  const total = RATE * RATE_SECONDS;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / RATE;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(fetchOnce(url, cookie, 2_000).then((s) => void samples.push(s)));
  }
  await Promise.all(inFlight);
  const ok = samples.filter((s) => s.ok);
  // p95 over all requests, a timed-out one counting as slower than any answer.
  const all = samples.map((s) => (s.ok ? s.ms : Infinity));
  return { p50: quantile(all, 0.5), p95: quantile(all, 0.95), errors: samples.length - ok.length };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function resetDatabase(): Promise<string | undefined> {
  if (databaseUrl) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe("drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;");
    await admin.end();
    return undefined;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "koepel-bench-"));
  process.env.PGLITE_DIR = path.join(dir, "pglite");
  return dir;
}

async function prepare(factor: number): Promise<Ids & { sizes: Record<string, number> }> {
  await getDb();
  if (factor === 1) await seedDemo();
  const sizes = await withSystem((tx) => scaleCooperative(tx, factor));
  const [org] = await withSystem((tx) => tx.select().from(organizations).where(eq(organizations.slug, SCALE_SOURCE_SLUG)));
  const [contract] = await withSystem((tx) => tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.organizationId, org.id)).orderBy(asc(contracts.name)).limit(1));
  // Fresh statistics, as autovacuum would have after a bulk load; PGlite has no autovacuum.
  const db = await getDb();
  await db.execute(sql`analyze`);
  await closeDb(); // PGlite: one process at a time; the server opens it next
  return { org: org.slug, contract: contract.id, sizes };
}

async function login(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: CHAIR, password: DEMO_PASSWORD }),
  });
  // Production names the cookie __Host-koepel_session (Secure); over loopback http the
  // client simply sends it back: nothing in the server is relaxed for the benchmark.
  const token = cookieFrom(response, "__Host-koepel_session");
  if (response.status !== 302 || !token) throw new Error(`login failed: ${response.status}`);
  return `__Host-koepel_session=${token}`;
}

type Row = { page: string; single: number; rps: number; ratio: number; p50: number; p95: number; queries: number | null; kb: number; errors: number };

async function measure(server: RunningServer, ids: Ids, cookie: string): Promise<Row[]> {
  const rows: Row[] = [];
  let baselineRps = NaN;
  for (const page of PAGES) {
    const url = server.url + page.path(ids);
    const auth = page.baseline ? null : cookie;
    for (let i = 0; i < 3; i++) await fetchOnce(url, auth); // warm up
    const singles: Sample[] = [];
    for (let i = 0; i < SINGLE; i++) singles.push(await fetchOnce(url, auth));
    if (!singles.every((s) => s.ok)) throw new Error(`${page.name} did not answer 200`);
    const loaded = await load(url, auth);
    if (page.baseline) baselineRps = loaded.rps;
    rows.push({
      page: page.name,
      single: quantile(singles.map((s) => s.ms), 0.5),
      rps: loaded.rps,
      ratio: loaded.rps / baselineRps,
      p50: loaded.p50,
      p95: loaded.p95,
      queries: singles[singles.length - 1].queries,
      kb: singles[singles.length - 1].bytes / 1024,
      errors: loaded.errors,
    });
    console.log(`  ${page.name}: ${loaded.rps.toFixed(0)} req/s, single ${rows.at(-1)!.single.toFixed(1)} ms, ${rows.at(-1)!.queries} statements`);
  }
  return rows;
}

async function run(factor: number, ids: Ids, extra: (server: RunningServer, cookie: string) => Promise<string[]>) {
  const env: Record<string, string> = {
    NODE_ENV: "production",
    KOEPEL_QUERY_COUNT: "1",
    KOEPEL_SECRET: "benchmark-secret-not-for-production",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: process.env.PGLITE_DIR! }),
  };
  const server = await startServer({ env });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(server.child.pid!);
    const cookie = await login(server);
    console.log(`${factor}x (server RSS idle ${idle} MB)`);
    const rows = await measure(server, ids, cookie);
    const lines = await extra(server, cookie);
    const after = rssMb(server.child.pid!);
    return { rows, idle, after, lines };
  } finally {
    await server.stop();
  }
}

const f1 = (n: number) => (n === Infinity ? "> 2000" : Number.isFinite(n) ? n.toFixed(1) : "-");
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "-");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "-");

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("building the production app ...");
    execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const tmp = await resetDatabase();
  try {
    const ids1 = await prepare(1);
    const r1 = await run(1, ids1, async () => []);
    const ids10 = await prepare(10);
    const r10 = await run(10, ids10, async (server, cookie) => {
      const lines: string[] = [];
      for (const name of ["cooperative landing", "members"]) {
        const page = PAGES.find((p) => p.name === name)!;
        const result = await fixedRate(server.url + page.path(ids10), cookie);
        lines.push(`| ${name} | ${RATE}/s for ${RATE_SECONDS} s | ${f1(result.p50)} | ${f1(result.p95)} | ${result.errors} |`);
        console.log(`  fixed rate ${name}: p95 ${f1(result.p95)} ms`);
      }
      return lines;
    });
    const out: string[] = [
      `# Page benchmark on ${dbName === "pglite" ? "PGlite" : "PostgreSQL"}`,
      "",
      `${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${os.cpus().length} cores; ${CONCURRENCY} clients for ${SECONDS} s per page; single = median of ${SINGLE} sequential requests.`,
      `Wij zijn KAS at 1x: ${JSON.stringify(ids1.sizes)}; at 10x: ${JSON.stringify(ids10.sizes)}.`,
      "",
      "| page | statements | KB | single 1x ms | single 10x ms | 10x/1x | req/s 1x | ratio 1x | req/s 10x | ratio 10x | p50 10x | p95 10x | errors |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ];
    for (const [i, a] of r1.rows.entries()) {
      const b = r10.rows[i];
      const queries = a.queries === b.queries ? `${a.queries ?? "-"}` : `${a.queries ?? "-"} / ${b.queries ?? "-"}`;
      out.push(
        `| ${a.page} | ${queries} | ${f0(a.kb)} / ${f0(b.kb)} | ${f1(a.single)} | ${f1(b.single)} | ${f2(b.single / a.single)} | ${f0(a.rps)} | ${f2(a.ratio)} | ${f0(b.rps)} | ${f2(b.ratio)} | ${f1(b.p50)} | ${f1(b.p95)} | ${a.errors + b.errors} |`,
      );
    }
    out.push("", "Fixed rate at 10x:", "", "| page | rate | p50 ms | p95 ms | errors |", "|---|---|---|---|---|", ...r10.lines);
    out.push("", `Server RSS: idle ${r1.idle} MB, after 1x ${r1.after} MB; idle ${r10.idle} MB, after 10x ${r10.after} MB (growth ${r10.after - r10.idle} MB).`, "");
    const text = out.join("\n");
    console.log(`\n${text}`);
    const dir = path.resolve("tests/bench/results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `pages-${dbName}.md`), text);
  } finally {
    await closeDb();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
