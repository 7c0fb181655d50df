// HTTP protections the Express server (app/server.ts) applies to every request,
// before static files and Remix: security headers with a per-request CSP nonce, and
// the refusal of cross-site writes. See docs/security.md.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { bodyLimitFor } from "./body-limits";

/**
 * The Content-Security-Policy for one response. Scripts run only from our own origin
 * or with this response's nonce (Remix's inline hydration and scroll scripts get it
 * through entry.server.tsx and root.tsx); no 'unsafe-inline' or 'unsafe-eval'.
 * Styles come from the built Tailwind stylesheet only. The favicon is a data: URL.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/**
 * Headers for every response: documents, `.data`, resource routes, static files,
 * errors and 404s. The nonce is left in `res.locals.cspNonce` for getLoadContext.
 */
export function securityHeaders(options: { production: () => boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    // Older browsers that ignore frame-ancestors.
    res.setHeader("X-Frame-Options", "DENY");
    // Only where the app is served over HTTPS; on local http it would pin localhost.
    if (options.production()) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}

export type OriginCheck = {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The origins the app answers on: APP_URL's and the request's own (scheme + Host). */
  allowed: string[];
};

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Whether a request that may change state comes from another site. Remix checks the
 * Origin only for document POSTs; `.data` requests and resource routes (/logout,
 * /locale) need this check, so it runs once here for all of them.
 *
 * A request with neither Origin nor Sec-Fetch-Site is let through: browsers send at
 * least one of them on every cross-site POST (all current browsers send both), so
 * their absence means curl, a script, or an old browser posting a same-site form
 * without JavaScript. Such an old browser posting cross-site would still not send our
 * session cookie, which is SameSite=Lax, so the request acts as a visitor's.
 */
export function isCrossSite({ method, origin, secFetchSite, allowed }: OriginCheck): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const sameOrigin = origin !== undefined && origin !== "null" && allowed.includes(origin.toLowerCase());
  if (origin !== undefined && !sameOrigin) return true;
  // "same-site" is a sibling subdomain: not ours, unless its Origin is one we serve.
  if (secFetchSite === "cross-site") return true;
  if (secFetchSite === "same-site" && !sameOrigin) return true;
  return false;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Refuse cross-site writes with 403 before anything reads the body or the database. */
export function refuseCrossSite(options: { appUrl: () => string }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = [originOf(options.appUrl()), req.headers.host ? originOf(`${req.protocol}://${req.headers.host}`) : null].filter(
      (o): o is string => o !== null,
    );
    const crossSite = isCrossSite({
      method: req.method,
      origin: req.headers.origin,
      secFetchSite: header(req.headers["sec-fetch-site"]),
      allowed,
    });
    if (!crossSite) return next();
    res.status(403).type("text/plain; charset=utf-8").set("Connection", "close").send("Cross-site request refused.");
  };
}

function refuseTooLarge(res: Response) {
  res.locals.bodyRefused = true;
  // Connection: close, so the rest of the body is not read: Node closes the socket
  // once this answer is out instead of draining the upload for the next request.
  res.status(413).type("text/plain; charset=utf-8").set("Connection", "close").send("Request body too large.");
}

/**
 * Hold every request body to the limit for its type (body-limits.ts: 256 KB for a
 * form, the upload limit for multipart) before Remix reads it. A Content-Length over
 * the limit is answered 413 at once, unread (Node's parser holds a body to its
 * declared length). A body without one (chunked) is counted as it streams in; past
 * the limit the reader gets an error instead of a truncated body, the answer is 413
 * and the connection closes. Without this, `request.formData()` read a 50 MB form
 * whole into memory, before any login.
 */
export function limitBody(options: { limitFor?: (contentType: string | undefined) => number } = {}) {
  const limitFor = options.limitFor ?? bodyLimitFor;
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = limitFor(req.headers["content-type"]);
    const declared = req.headers["content-length"];
    if (declared !== undefined) return Number(declared) > limit ? refuseTooLarge(res) : next();
    if (req.headers["transfer-encoding"] === undefined) return next();
    let seen = 0;
    let refused = false;
    const emit = req.emit;
    // Counting without reading: the reader's own "data" events pass through here.
    req.emit = function (this: Request, event: string | symbol, ...args: unknown[]) {
      if (refused) return event === "close" ? emit.call(this, event, ...args) : false;
      if (event === "data") {
        seen += (args[0] as Buffer).byteLength;
        if (seen > limit) {
          refused = true;
          refuseTooLarge(res);
          const error = Object.assign(new Error("request body too large"), { status: 413 });
          if (this.listenerCount("error") > 0) emit.call(this, "error", error);
          return false;
        }
      }
      return emit.call(this, event, ...args);
    } as typeof req.emit;
    next();
  };
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.toLowerCase();

/**
 * The last middleware: errors outside Remix (a malformed URL, a static file that
 * cannot be read) answer a short text with the headers set above; Express's default
 * handler would replace the CSP with one lacking frame-ancestors.
 */
export function plainErrors() {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    // The route that was reading a refused body fails after the 413 went out: expected.
    if (res.headersSent && res.locals.bodyRefused) return;
    if (res.headersSent) return next(error);
    const status = Number((error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode);
    const code = Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
    if (code >= 500) console.error(error);
    res.status(code).type("text/plain; charset=utf-8").send(code === 404 ? "Not found." : code < 500 ? "Bad request." : "Server error.");
  };
}
