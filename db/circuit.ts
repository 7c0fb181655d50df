// A circuit breaker in front of the database. While PostgreSQL is known to be down,
// requests answer 503 at once instead of each waiting on the driver (postgres.js
// queues them behind reconnect attempts: 7-15 s per request were measured), and one
// background probe per interval finds out when it is back.
//
// States: "closed" (normal); "open" after a connection error: no request touches the
// database, a cheap `select 1` runs every DATABASE_PROBE_INTERVAL_MS (unref'd, so it
// never keeps a process alive) and the first one that answers closes the circuit. The
// probe is the half-open trial: no visitor's request is spent on finding out.
// A request that only ran out of time (a slow query, not a refused connection) does
// not open the circuit; it triggers a probe, and only a failed probe opens it.
import { sql } from "drizzle-orm";
import { getDb } from "./client";
import { isConnectionFailure } from "./errors";

export type CircuitState = "closed" | "open";

export type CircuitOptions = {
  /** Runs the probe; resolves when the database answered. */
  ping: () => Promise<unknown>;
  intervalMs?: number;
  /** A probe that has not answered after this long counts as a failure. */
  probeTimeoutMs?: number;
  log?: (message: string) => void;
};

export class Circuit {
  #state: CircuitState = "closed";
  #timer: NodeJS.Timeout | null = null;
  #probe: Promise<boolean> | null = null;
  #ping: Promise<unknown> | null = null;
  #openedAt = 0;
  readonly intervalMs: number;
  readonly probeTimeoutMs: number;

  constructor(private readonly options: CircuitOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2000;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** True while the database is known to be down: answer 503 without touching it. */
  get isOpen(): boolean {
    return this.#state === "open";
  }

  /** A query failed: a connection error opens the circuit; anything else is not the database's absence. */
  failure(error: unknown): void {
    if (isConnectionFailure(error)) this.open(error instanceof Error ? error.message : String(error));
  }

  /** A request ran out of time: ask the database now, and open the circuit if it does not answer. */
  suspect(): Promise<boolean> {
    return this.#state === "closed" ? this.probe() : Promise.resolve(false);
  }

  open(reason: string): void {
    if (this.#state === "open") return;
    this.#state = "open";
    this.#openedAt = Date.now();
    this.options.log?.(`database circuit open (${reason}): answering 503 until a probe succeeds`);
    // A probe in flight schedules the next one when it settles.
    if (!this.#probe) this.#schedule(0);
  }

  /** One probe at a time; a probe still waiting on the driver is reused, never duplicated. */
  probe(): Promise<boolean> {
    this.#probe ??= this.#runProbe().finally(() => (this.#probe = null));
    return this.#probe;
  }

  async #runProbe(): Promise<boolean> {
    this.#ping ??= this.options.ping().finally(() => (this.#ping = null));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.probeTimeoutMs} ms`)), this.probeTimeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([this.#ping, timeout]);
      if (this.#state === "open") {
        this.#state = "closed";
        this.options.log?.(`database circuit closed: the database answered after ${Date.now() - this.#openedAt} ms`);
      }
      return true;
    } catch (error) {
      this.open(error instanceof Error ? error.message : String(error));
      this.#schedule(this.intervalMs);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  #schedule(ms: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#state === "open") void this.probe();
    }, ms);
    this.#timer.unref();
  }

  /** Forget all state (tests). */
  reset(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#state = "closed";
  }
}

/** The process's circuit for its database (db/client.ts). */
export const databaseCircuit = new Circuit({
  ping: async () => (await getDb()).execute(sql`select 1`),
  intervalMs: Number(process.env.DATABASE_PROBE_INTERVAL_MS ?? 1000),
  probeTimeoutMs: Number(process.env.DATABASE_PROBE_TIMEOUT_MS ?? 2000),
  log: (message) => console.error(message),
});
