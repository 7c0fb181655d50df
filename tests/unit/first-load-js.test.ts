// The first-load JavaScript budget of issue 12, on the production build (`npm test`
// builds before the unit tests: turbo's build task runs first). Numbers and method:
// tests/bench/first-load.ts; `npm run bench:weight` prints the table.
import { describe, expect, it } from "vitest";
import { FIRST_LOAD_BUDGET_BYTES, FORM_VALIDATION_ALLOWANCE_BYTES, isCooperativePage, kb, loadsFormValidation, routeWeights } from "../bench/first-load";

const weights = routeWeights();
const cooperative = weights.filter(isCooperativePage);

describe("first-load JavaScript (gzip) of cooperative pages", () => {
  it("counts the framework: the method measures what a browser loads", () => {
    const today = cooperative.find((w) => w.url === "/c/:org");
    expect(today, "the Vandaag page is in the manifest").toBeDefined();
    // React, React DOM and Remix alone are over 60 KB gzip: a smaller figure means the
    // entry's imports were not counted.
    expect(today!.gzipBytes).toBeGreaterThan(60 * 1024);
    expect(cooperative.length).toBeGreaterThan(30);
  });

  it.each(cooperative.filter((w) => !loadsFormValidation(w)).map((w) => [w.url, w] as const))("%s is at most 110 KB", (_url, w) => {
    expect(w.gzipBytes, `${w.url}: ${kb(w.gzipBytes)} KB of ${w.files.join(", ")}`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  // Known gap (decision 027): pages with a client-validated form also load Zod and
  // Conform in one chunk. Everything else such a page loads is held to the budget, and
  // that chunk to its allowance, so neither can grow while the gap is open.
  it.each(cooperative.filter(loadsFormValidation).map((w) => [w.url, w] as const))("%s (form page) is at most 110 KB besides its form validation", (_url, w) => {
    expect(w.gzipBytes - w.validationBytes, `${w.url}: ${kb(w.gzipBytes)} KB, ${kb(w.validationBytes)} KB of it validation`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    expect(w.validationBytes, "Zod and Conform").toBeLessThanOrEqual(FORM_VALIDATION_ALLOWANCE_BYTES);
  });
});
