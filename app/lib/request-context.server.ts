// Per-request state, built once per HTTP request by app/server.ts's getLoadContext and
// shared by every loader and action of that request (docs/decisions/019-per-request-context.md).
// Remix may hand each loader its own Request object, so nothing here is keyed on the
// Request: the load context is the one object all loaders of a request receive.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type RequestContext = {
  requestId: string;
  /**
   * The promise of `fn()` under `key`, started once per request: parallel loaders that
   * ask for the same key share one in-flight promise. A rejected promise is dropped,
   * so a later caller in the same request tries again instead of reusing the failure.
   */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Forget everything memoized: an action has changed what the loaders after it must see. */
  reset(): void;
  /** Statements sent to the database for this request (BEGIN/COMMIT and set_config included). */
  queries: number;
  /** The statements' SQL, kept only when the context was made with `trace` (tests, benchmark analysis). */
  statements?: string[];
};

export function createRequestContext(options: { requestId?: string; trace?: boolean } = {}): RequestContext {
  let cache = new Map<string, Promise<unknown>>();
  const context: RequestContext = {
    requestId: options.requestId ?? randomUUID(),
    queries: 0,
    statements: options.trace ? [] : undefined,
    memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const found = cache.get(key);
      if (found) return found as Promise<T>;
      const owner = cache;
      const promise = fn();
      owner.set(key, promise);
      promise.catch(() => {
        if (owner.get(key) === promise) owner.delete(key);
      });
      return promise;
    },
    reset() {
      cache = new Map();
    },
  };
  return context;
}

type Scope = { context: RequestContext; reading: boolean };
const storage = new AsyncLocalStorage<Scope>();

/** The context of the request being served, or undefined outside one (workers, scripts, tests calling modules). */
export const currentRequestContext = (): RequestContext | undefined => storage.getStore()?.context;

/** The context when the code running is a loader (a GET or HEAD), whose reads may share one transaction (db/tenant.ts). */
export const currentReadingContext = (): RequestContext | undefined => {
  const scope = storage.getStore();
  return scope?.reading ? scope.context : undefined;
};

export function isRequestContext(value: unknown): value is RequestContext {
  return typeof value === "object" && value !== null && typeof (value as RequestContext).memo === "function" && typeof (value as RequestContext).queries === "number";
}

/** Run `fn` with `context` as the current request's context; `reading` for a loader (GET/HEAD), not an action. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T, options: { reading?: boolean } = {}): T {
  return storage.run({ context, reading: options.reading ?? false }, fn);
}

/** Memoize through the current request's context; outside a request, just call `fn`. */
export function requestMemo<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const context = storage.getStore()?.context;
  return context ? context.memo(key, fn) : fn();
}

/** Count one statement (called by db/client.ts for every statement it sends). */
export function countStatement(sql: string) {
  const context = storage.getStore()?.context;
  if (!context) return;
  context.queries += 1;
  context.statements?.push(sql);
}

/** The response header that reports the count, only when KOEPEL_QUERY_COUNT is set (never by default). */
export const QUERY_COUNT_HEADER = "X-Koepel-Queries";
export const queryCountEnabled = () => process.env.KOEPEL_QUERY_COUNT === "1";
