import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSafeRedirect, safeRedirectTo } from "~/lib/safe-redirect";
import { OWN_TARGETS, hostileTargets, resolvesTo } from "../helpers/redirect-cases";

// The one redirect rule (issue 10: `redirectTo=/%09/evil.example` sent the browser to
// evil.example after login). The WHATWG URL parser, which Chromium uses to follow a
// Location header, is the oracle.
const ORIGIN = "https://koepel.example";
const PAGE = `${ORIGIN}/login?redirectTo=x`;

describe("safeRedirect", () => {
  const hostile = hostileTargets();

  it("the generated list really contains ways out (tabs, newlines, backslashes, schemes, userinfo, IPv6)", () => {
    expect(hostile.length).toBeGreaterThan(300);
    const out = hostile.filter((t) => resolvesTo(t, PAGE) !== ORIGIN);
    expect(out.length).toBeGreaterThan(200);
    expect(resolvesTo("/\t/evil.example/", PAGE)).toBe("https://evil.example");
  });

  it.each(hostileTargets())("refuses %j", (target) => {
    expect(isSafeRedirect(target, ORIGIN)).toBe(false);
    expect(safeRedirectTo(target, ORIGIN)).toBe("/");
  });

  it.each(OWN_TARGETS)("keeps %j unchanged", (target) => {
    expect(safeRedirectTo(target, ORIGIN)).toBe(target);
    expect(resolvesTo(target, PAGE)).toBe(ORIGIN);
  });

  it("refuses what is not a string and falls back to the given path", () => {
    for (const v of [null, undefined, 42, ["/"], { toString: () => "/" }]) expect(isSafeRedirect(v, ORIGIN)).toBe(false);
    expect(safeRedirectTo("//evil.example", ORIGIN, "/account")).toBe("/account");
    expect(isSafeRedirect(`/${"a".repeat(3000)}`, ORIGIN)).toBe(false);
  });

  it("whatever it accepts stays on the origin, with nothing a parser would strip (fast-check)", () => {
    const piece = fc.constantFrom("/", "\\", "\t", "\n", "\r", "\u0000", " ", ":", "@", ".", "%", "09", "2F", "5C", "[", "]", "::1", "evil.example", "http", "s", "?", "#", "é", "\u2028");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")), (target) => {
        if (!isSafeRedirect(target, ORIGIN)) return;
        expect(resolvesTo(target, PAGE)).toBe(ORIGIN);
        expect(target).toMatch(/^\/[\x21-\x5b\x5d-\x7e]*$/);
        expect(target.startsWith("//")).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
