// The one rule for a redirect target that comes from a request (login's and the
// language switch's `redirectTo`): a path on the app's own origin, or nothing.
// Pure, so the unit tests can feed it generated input (tests/unit/safe-redirect.test.ts).

/**
 * Printable ASCII without space or backslash. The URL parser (and so the browser)
 * silently drops tabs and newlines and trims spaces and other C0 controls, and reads
 * `\` as `/` for http(s): `/\t/evil.example` becomes `//evil.example`, another host.
 * Refusing those characters outright means nothing is stripped behind our back; and
 * a Location header cannot carry CR, LF or non-Latin-1 text anyway (that was a 500).
 * Browsers percent-encode non-ASCII in `location.pathname` and `search`, so the
 * targets our own pages send always fit.
 */
const PLAIN_PATH = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;

/**
 * Whether `to` is a same-origin path: starts with one `/` (not `//` or `/\`), holds
 * only plain characters, and resolves against `origin` to that same origin. The
 * string itself is what the browser will receive, so it is returned unchanged (not
 * the parser's normalised form, which could turn `/.//x` into `//x`).
 */
export function isSafeRedirect(to: unknown, origin: string): to is string {
  if (typeof to !== "string" || to.length > 2048 || !PLAIN_PATH.test(to)) return false;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    resolved = new URL(to, base);
  } catch {
    return false;
  }
  return resolved.origin === base.origin && resolved.username === "" && resolved.password === "";
}

export function safeRedirectTo(to: unknown, origin: string, fallback = "/"): string {
  return isSafeRedirect(to, origin) ? to : fallback;
}
