import { sql } from "drizzle-orm";
import { getDb, type Tx } from "./client";

/**
 * Run `fn` in a transaction scoped to one cooperative: the tenant is set for the
 * transaction only and the role is switched to koepel_app, so row-level security
 * applies even where a query forgets its organization filter.
 */
export async function withTenant<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Tenant and role in one statement (set_config('role', ..., true) is SET LOCAL ROLE):
    // every page pays this, so it is one round trip, not two (decision 019).
    await tx.execute(sql`select set_config('app.organization_id', ${organizationId}, true), set_config('role', 'koepel_app', true)`);
    return fn(tx);
  });
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
