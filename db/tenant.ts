import { sql } from "drizzle-orm";
import { currentReadingContext, type RequestContext } from "~/lib/request-context.server";
import { getDb, type Tx } from "./client";

/**
 * Run `fn` in a transaction scoped to one cooperative: the tenant is set for the
 * transaction only and the role is switched to koepel_app, so row-level security
 * applies even where a query forgets its organization filter.
 *
 * In a loader (a GET, see app/lib/route.server.ts) the loaders of one request that
 * ask for the same cooperative at the same time share one such transaction instead
 * of each opening its own (decision 019): it stays open while any of them works in
 * it and commits once the last is done. Each caller's result is handed back only
 * after that commit, so a read that writes (an audit row) is not shown uncommitted.
 * Actions, workers and scripts always get a transaction of their own.
 */
export async function withTenant<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const context = currentReadingContext();
  if (!context) return ownTenantTransaction(organizationId, fn);
  let open = shared.get(context);
  if (!open) shared.set(context, (open = new Map()));
  let current = open.get(organizationId);
  if (!current || current.closed) {
    current = openShared(organizationId);
    open.set(organizationId, current);
  }
  const mine = current;
  mine.users += 1;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn(await mine.tx) };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    mine.users -= 1;
    // Close on the next turn, so a loader that arrives in the same tick still joins.
    if (mine.users === 0) setImmediate(() => {
      if (mine.users === 0 && !mine.closed) {
        mine.closed = true;
        mine.close();
      }
    });
  }
  await mine.done;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

async function ownTenantTransaction<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await setTenant(tx, organizationId);
    return fn(tx);
  });
}

// Tenant and role in one statement (set_config('role', ..., true) is SET LOCAL ROLE):
// every page pays this, so it is one round trip, not two (decision 019).
const setTenant = (tx: Tx, organizationId: string) =>
  tx.execute(sql`select set_config('app.organization_id', ${organizationId}, true), set_config('role', 'koepel_app', true)`);

type Shared = { tx: Promise<Tx>; done: Promise<void>; users: number; closed: boolean; close: () => void };
const shared = new WeakMap<RequestContext, Map<string, Shared>>();

function openShared(organizationId: string): Shared {
  let close!: () => void;
  let ready!: (tx: Tx) => void;
  const closing = new Promise<void>((resolve) => (close = resolve));
  const opened = new Promise<Tx>((resolve) => (ready = resolve));
  const done = getDb().then((db) =>
    db.transaction(async (tx) => {
      await setTenant(tx, organizationId);
      ready(tx);
      await closing;
    }),
  );
  // A transaction that cannot open (the database is away) fails its users instead of leaving them waiting.
  const tx = Promise.race([opened, done.then(() => Promise.reject(new Error("tenant transaction ended before use")))]);
  tx.catch(() => {});
  done.catch(() => {});
  return { tx, done, users: 0, closed: false, close };
}

/**
 * Account-level work that belongs to no cooperative (sign-up, sessions, resolving
 * which cooperatives a user belongs to, the outbox worker). Runs as the owner role;
 * callers must filter by the user or token they hold.
 */
export async function withSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(fn);
}
