import { inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { organizations } from "~db/schema";
import { withSystem, withTenant } from "~db/tenant";

/**
 * Run a background job soon after start and then every `intervalMs` (hourly by
 * default); a run missed while the server was down is caught up by the next one,
 * because each job works out what is due from the database, not from the clock's
 * ticks. A failing run is logged and the schedule goes on. Returns a stop function
 * that waits for a run in progress.
 */
export function startHourlyJob(name: string, run: (now: Date) => Promise<unknown>, options: { firstDelayMs?: number; intervalMs?: number } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 60 * 60 * 1000;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = run(new Date())
      .catch((error) => console.error(`${name}:`, error instanceof Error ? error.message : error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, options.firstDelayMs ?? 1000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}

export type JobOrganization = { id: string; slug: string; name: string };

/**
 * A job's round over the cooperatives (or only those given: tests keep to their own in a
 * shared database), each in its own tenant transaction, so what one writes commits with
 * its mail and a failure in one rolls back only that one. Returns the sum of the counts.
 */
export async function sumOverOrganizations(organizationIds: string[] | undefined, each: (tx: Tx, org: JobOrganization) => Promise<number>): Promise<number> {
  const orgs = await withSystem((tx) =>
    tx
      .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
      .from(organizations)
      .where(organizationIds ? inArray(organizations.id, organizationIds) : undefined),
  );
  let total = 0;
  for (const org of orgs) total += await withTenant(org.id, (tx) => each(tx, org));
  return total;
}
