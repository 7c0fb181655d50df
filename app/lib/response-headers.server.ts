// Headers that must reach the browser whichever route answers.
//
// Remix builds a document's (and a single-fetch `.data` answer's) headers from the
// route modules' `headers` exports; a route without one keeps only the Set-Cookie of
// its loader's and action's answers (server-runtime getDocumentHeaders). So the
// Retry-After of a throttled login (`data(..., { status: 429, headers })`) never left
// the server. Rather than a `headers` export in every route, handler() notes such
// headers on the request's load context (one object per request, built by the
// Express adapter) and entry.server.tsx adds them to the response, documents and
// `.data` alike.

/** Which headers of a loader's or action's answer are carried. */
const CARRIED = ["Retry-After"] as const;

const pending = new WeakMap<object, Headers>();

function headersOf(value: unknown): Headers | null {
  if (value instanceof Response) return value.headers;
  if (typeof value !== "object" || value === null) return null;
  const v = value as { type?: unknown; init?: { headers?: HeadersInit } | null; retryAfterSeconds?: unknown };
  // What data() returns (DataWithResponseInit), returned or thrown.
  if (v.type === "DataWithResponseInit" && v.init?.headers) return new Headers(v.init.headers);
  // An AppError with a retry time (rate_limited).
  if (typeof v.retryAfterSeconds === "number") return new Headers({ "Retry-After": String(v.retryAfterSeconds) });
  return null;
}

/** Note the carried headers of a loader's or action's result (or what it threw) on the request's context. */
export function carryHeaders(context: unknown, value: unknown) {
  if (typeof context !== "object" || context === null) return;
  const headers = headersOf(value);
  if (!headers) return;
  for (const name of CARRIED) {
    const found = headers.get(name);
    if (found === null) continue;
    const bag = pending.get(context) ?? new Headers();
    bag.set(name, found);
    pending.set(context, bag);
  }
}

/** Add the carried headers to the response being sent (entry.server.tsx). */
export function applyCarriedHeaders(context: unknown, headers: Headers) {
  if (typeof context !== "object" || context === null) return;
  for (const [name, value] of pending.get(context) ?? []) headers.set(name, value);
}
