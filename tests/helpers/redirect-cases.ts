// Generated redirect targets for the open-redirect tests (issue 10): the unit test
// feeds them to the rule, the server test posts them to /login and /locale.
// The oracle is the WHATWG URL parser, which is what Chromium uses to follow a
// Location header: a target that resolves to another origin must be refused.

const HOSTS = ["evil.example", "evil.example:8443", "user:pass@evil.example", "user@evil.example", "[::1]", "[2001:db8::1]:8080", "127.0.0.1", "0x7f.1", "evil.example."];

/** What browsers drop, trim or read as a slash while parsing a URL. */
const STRIPPED = ["\t", "\n", "\r", "\r\n", "\u0000", "\u000b", "\u000c", "\u001f", " "];

const SLASHES = ["//", "/\\", "\\/", "\\\\", "///", "/\\/", "\\//"];
const SCHEMES = ["http:", "https:", "HTTPS:", "javascript:", "data:", "vbscript:", "file:", "ftp:", "http:/", "https:\\\\", "//http:"];

/** Every combination of a way out with a host: each must be refused. */
export function hostileTargets(): string[] {
  const out = new Set<string>();
  for (const host of HOSTS) {
    for (const s of SLASHES) out.add(`${s}${host}/`);
    // A control character or space between, before or after the slashes.
    for (const c of STRIPPED) {
      out.add(`/${c}/${host}/`);
      out.add(`${c}//${host}/`);
      out.add(`//${c}${host}/`);
      out.add(`/${c}\\${host}/`);
      out.add(`\\${c}\\${host}/`);
    }
    for (const scheme of SCHEMES) out.add(`${scheme}//${host}/`);
    // Userinfo after a path-looking start still names the host once slashes are repaired.
    out.add(`/\\app.example@${host}/`);
    out.add(`//app.example@${host}`);
  }
  out.add("javascript:alert(1)");
  out.add("data:text/html,<script>alert(1)</script>");
  // CR/LF in a Location header was a 500 (header injection).
  out.add("/account\r\nSet-Cookie: x=1");
  out.add("/\nevil");
  out.add("");
  out.add("relative/path");
  out.add("?q=1");
  out.add("#top");
  return [...out];
}

/** Same-origin targets our own pages send (location.pathname + search): each must be kept. */
export const OWN_TARGETS = [
  "/",
  "/account",
  "/c/vakwerk-nijmegen/members?q=jansen&status=member",
  "/c/vakwerk-nijmegen/members?q=Zo%C3%AB",
  "/c/vakwerk-nijmegen/audit?from=2026-01-01#entries",
  // Encoded forms stay a path: Location keeps them encoded, the browser does not decode them into slashes.
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/a/../b",
  "/.//evil.example",
];

/** The same origin as a browser resolves it. */
export function resolvesTo(target: string, base: string): string | null {
  try {
    return new URL(target, base).origin;
  } catch {
    return null;
  }
}
