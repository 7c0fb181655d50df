/** PostgreSQL's unique_violation, through drizzle's wrapper (the driver error is its cause). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

// Driver codes (postgres.js and Node's sockets) for a database that cannot be reached
// or dropped the connection, and PostgreSQL SQLSTATEs for the same: 08xxx connection
// exceptions, 57P01-57P03 shutdown/starting up, 57014 statement timeout, 53300 too
// many connections.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57014",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/**
 * Whether an error means "the database is unreachable or too slow right now" rather
 * than a bug: the request answers 503 and the next one tries again (postgres.js opens
 * a new connection per query when the old one is gone). Looks through drizzle's
 * wrapper and AggregateError (Node reports a refused IPv4+IPv6 connect as one).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someInChain(error, (code) => UNAVAILABLE_CODES.has(code) || code.startsWith("08"));
}

/**
 * A connection-level failure: the database refused, dropped or never answered the
 * connection. Opens the circuit (db/circuit.ts). A statement timeout (57014) is
 * "unavailable" for the one request but says nothing about the database being gone.
 */
export function isConnectionFailure(error: unknown): boolean {
  return isDatabaseUnavailable(error) && !someInChain(error, (code) => code === "57014");
}

/** Whether the error, its causes or an AggregateError's members carry a code that `matches`. */
function someInChain(error: unknown, matches: (code: string) => boolean): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && matches(code)) return true;
    stack.push((e as { cause?: unknown }).cause);
    if (e instanceof AggregateError) stack.push(...e.errors);
  }
  return false;
}
