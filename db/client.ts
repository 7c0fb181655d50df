// One function decides the database: postgres.js when DATABASE_URL is set,
// embedded PGlite (data under ./data/pglite) when it is not, so a fresh clone runs
// with no server. PGlite serves one connection: only one process may open its
// directory (the app server, or a test run, never both).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { countStatement } from "~/lib/request-context.server";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; close: () => Promise<void> };

// Migrations sit beside this file in the source tree; the server bundle runs from
// build/server, so the folder is resolved from the working directory as fallback.
const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = here.endsWith(path.join("db")) ? path.join(here, "migrations") : path.resolve("db/migrations");

let handle: Promise<Handle> | null = null;

type QueryListener = (query: string, params: unknown[]) => void;
const queryListeners = new Set<QueryListener>();
/**
 * Observe every statement the app sends through Drizzle (BEGIN/COMMIT are the
 * driver's and not included). Tests count statements per page and EXPLAIN them;
 * nothing listens in production, so this costs a loop over an empty set.
 */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}
// One logger for both: the request's statement count (decision 019) and the tests'
// listeners.
const logger = {
  logQuery(query: string, params: unknown[]) {
    countStatement(query);
    for (const listener of queryListeners) listener(query, params);
  },
};

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      // A database that does not answer fails fast (seconds, not postgres.js's default
      // 30) so the request can answer 503; the next query opens a fresh connection, so
      // the app recovers by itself when the database is back.
      connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT_S ?? 5),
      // postgres.js waits before a pool connection that failed may connect again, 3^n/100 s
      // after n failures across the pool, up to 20 s: during an outage every query queued
      // behind that wait (7-15 s per request were measured) and after it the first pages
      // waited too. The circuit (db/circuit.ts) keeps requests off the pool while the
      // database is down, so a short wait is enough: 0.1 s doubling, at most 1 s.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      // A hung query must not hold a request forever (ARCHITECTURE.md, pitfalls); the
      // request itself also has a deadline (REQUEST_TIMEOUT_MS, app/lib/route.server.ts).
      connection: {
        statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 10_000),
        idle_in_transaction_session_timeout: Number(process.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 30_000),
      },
    });
    const db = drizzle(client, { schema, logger });
    await migrate(db, { migrationsFolder });
    await fillMissingTotals(db as unknown as Db);
    return { db: countTransactions(db as unknown as Db), close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = process.env.PGLITE_DIR ?? path.resolve("data/pglite");
  const release = dataDir.startsWith("memory://") ? () => {} : lockDataDir(dataDir);
  try {
    const client = new PGlite(dataDir);
    const db = drizzle(client, { schema, logger });
    await migrate(db, { migrationsFolder });
    await fillMissingTotals(db as unknown as Db);
    return { db: countTransactions(db as unknown as Db), close: () => client.close().finally(release) };
  } catch (error) {
    release();
    throw error;
  }
}

// Every statement a request sends is counted in its request context (decision 019):
// Drizzle's logger sees each query on both drivers, in the caller's async context;
// BEGIN and COMMIT/ROLLBACK are sent by the drivers themselves, so the transaction
// entry point counts them. Outside a request (workers, migrations) nothing is counted.

function countTransactions(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => {
    countStatement("begin");
    return transaction(fn, config).then(
      (result) => {
        countStatement("commit");
        return result;
      },
      (error: unknown) => {
        countStatement("rollback");
        throw error;
      },
    );
  }) as Db["transaction"];
  return db;
}

/**
 * Time entries written before the summaries existed (migration 0010) are priced
 * into them once, here: the pricing lives in TypeScript (packages/rules), not SQL.
 * One indexed query when everything is summarised already.
 */
async function fillMissingTotals(db: Db): Promise<void> {
  const { sql } = await import("drizzle-orm");
  const rows = (await db.execute(
    sql`select distinct e.organization_id as id from time_entries e where not exists (select 1 from trajectory_time_totals t where t.organization_id = e.organization_id and t.trajectory_id = e.trajectory_id)`,
  )) as unknown as { rows?: { id: string }[] } & { id: string }[];
  const orgIds = (rows.rows ?? rows).map((r) => r.id);
  if (orgIds.length === 0) return;
  const { rebuildTimeEntryTotals } = await import("../app/modules/budget/totals.server");
  for (const orgId of orgIds) await db.transaction((tx) => rebuildTimeEntryTotals(tx, orgId));
}

/**
 * PGlite serves one connection; a second process on the same directory can corrupt
 * it. A lock file with the owner's pid refuses a second opener while the first lives,
 * and is taken over when its process is gone (a crash leaves it behind).
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(`PGlite data in ${dataDir} is open in process ${owner}; only one process may open it (see README).`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's database, opened and migrated on first use. */
export function getDb(): Promise<Db> {
  handle ??= open().catch((error) => {
    handle = null; // let the next request try again
    throw error;
  });
  return handle.then((h) => h.db);
}


export async function closeDb(): Promise<void> {
  if (!handle) return;
  const h = await handle.catch(() => null);
  handle = null;
  await h?.close();
}

export { schema };
