// One function decides the database: postgres.js when DATABASE_URL is set,
// embedded PGlite (data under ./data/pglite) when it is not, so a fresh clone runs
// with no server. PGlite serves one connection: only one process may open its
// directory (the app server, or a test run, never both).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

// Migrations sit beside this file in the source tree; the server bundle runs from
// build/server, so the folder is resolved from the working directory as fallback.
const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = here.endsWith(path.join("db")) ? path.join(here, "migrations") : path.resolve("db/migrations");

let handle: Promise<Handle> | null = null;

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      // A hung query must not hold a request forever (ARCHITECTURE.md, pitfalls).
      connection: { statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 10_000) },
    });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = process.env.PGLITE_DIR ?? path.resolve("data/pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

/** The process's database, opened and migrated on first use. */
export function getDb(): Promise<Db> {
  handle ??= open().catch((error) => {
    handle = null; // let the next request try again
    throw error;
  });
  return handle.then((h) => h.db);
}

export async function databaseKind(): Promise<Handle["kind"]> {
  await getDb();
  return (await handle!).kind;
}

export async function closeDb(): Promise<void> {
  if (!handle) return;
  const h = await handle.catch(() => null);
  handle = null;
  await h?.close();
}

export { schema };
