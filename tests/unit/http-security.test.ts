import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT, MULTIPART_BODY_LIMIT, bodyLimitFor } from "~/lib/body-limits";
import { contentSecurityPolicy, isCrossSite, limitBody, securityHeaders } from "~/lib/http-security";

const allowed = ["https://koepel.example", "http://localhost:3000"];

describe("isCrossSite", () => {
  it.each([
    // method, Origin, Sec-Fetch-Site, refused
    ["GET", "https://evil.example", "cross-site", false], // reads are never refused (they change nothing)
    ["HEAD", "https://evil.example", "cross-site", false],
    ["POST", "https://koepel.example", "same-origin", false],
    ["POST", "HTTP://LOCALHOST:3000", undefined, false],
    ["POST", undefined, undefined, false], // curl, old browsers: SameSite=Lax keeps the session cookie away
    ["POST", undefined, "same-origin", false],
    ["POST", undefined, "none", false], // typed or bookmarked by the person
    ["POST", "https://evil.example", undefined, true],
    ["POST", "https://evil.example", "cross-site", true],
    ["POST", undefined, "cross-site", true],
    ["POST", "null", undefined, true], // sandboxed frame or data: page
    ["POST", "https://koepel.example.evil.example", "cross-site", true],
    ["POST", "https://sub.koepel.example", "same-site", true],
    ["POST", undefined, "same-site", true],
    ["POST", "https://koepel.example", "same-site", false],
    ["PUT", "https://evil.example", undefined, true],
    ["DELETE", undefined, "cross-site", true],
    ["PATCH", "http://localhost:3001", "same-site", true],
  ])("%s Origin=%s Sec-Fetch-Site=%s refused: %s", (method, origin, secFetchSite, refused) => {
    expect(isCrossSite({ method, origin, secFetchSite, allowed })).toBe(refused);
  });
});

function headersFrom(production: boolean) {
  const set = new Map<string, string>();
  const res = { locals: {} as Record<string, unknown>, setHeader: (name: string, value: string) => set.set(name.toLowerCase(), value) };
  let nextCalled = false;
  securityHeaders({ production: () => production })({} as Request, res as unknown as Response, (() => (nextCalled = true)) as NextFunction);
  expect(nextCalled).toBe(true);
  return { set, nonce: res.locals.cspNonce as string };
}

describe("securityHeaders", () => {
  it("sends HSTS only in production", () => {
    expect(headersFrom(true).set.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(headersFrom(false).set.has("strict-transport-security")).toBe(false);
  });

  it("puts a fresh nonce in the CSP and in res.locals", () => {
    const a = headersFrom(false);
    const b = headersFrom(false);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a.set.get("content-security-policy")).toBe(contentSecurityPolicy(a.nonce));
  });

  it("allows no inline script or eval, no framing, no plugins, no foreign form targets", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(csp).toContain(d);
  });
});

describe("limitBody", () => {
  function decide(headers: Record<string, string>) {
    let status: number | undefined;
    const set: Record<string, string> = {};
    const res = {
      locals: {} as Record<string, unknown>,
      status(code: number) {
        status = code;
        return this;
      },
      type() {
        return this;
      },
      set(name: string, value: string) {
        set[name.toLowerCase()] = value;
        return this;
      },
      send() {
        return this;
      },
    };
    let nextCalled = false;
    const req = { headers, emit: () => true, listenerCount: () => 0 };
    limitBody()(req as unknown as Request, res as unknown as Response, (() => (nextCalled = true)) as NextFunction);
    return { status, nextCalled, connection: set.connection };
  }

  it.each([
    // content type, declared length, refused
    ["application/x-www-form-urlencoded", FORM_BODY_LIMIT, false],
    ["application/x-www-form-urlencoded", FORM_BODY_LIMIT + 1, true],
    ["application/json", FORM_BODY_LIMIT + 1, true],
    ["text/plain", 50 * 1024 * 1024, true],
    ["multipart/form-data; boundary=x", FORM_BODY_LIMIT * 8, false],
    ["multipart/form-data; boundary=x", MULTIPART_BODY_LIMIT + 1, true],
    ["Multipart/Form-Data; boundary=x", MULTIPART_BODY_LIMIT, false],
  ])("%s of %i bytes: refused %s", (type, length, refused) => {
    const d = decide({ "content-type": type, "content-length": String(length) });
    expect(d.nextCalled).toBe(!refused);
    expect(d.status).toBe(refused ? 413 : undefined);
    if (refused) expect(d.connection).toBe("close");
  });

  it("lets a request without a body through, and counts a chunked one instead of refusing it up front", () => {
    expect(decide({}).nextCalled).toBe(true);
    expect(decide({ "transfer-encoding": "chunked" }).nextCalled).toBe(true);
    expect(bodyLimitFor(undefined)).toBe(FORM_BODY_LIMIT);
  });
});
