import { describe, expect, it } from "vitest";
import { auditProblems, compareVersions, remixVersionProblems } from "../../scripts/check-dependencies.mjs";

const lock = (versions: Record<string, string>) => ({
  packages: {
    "": { version: "0.0.0" },
    ...Object.fromEntries(Object.entries(versions).map(([location, version]) => [location, { version }])),
    // Versioned on their own: never compared with 2.17.5.
    "node_modules/@remix-run/router": { version: "1.23.3" },
    "node_modules/@remix-run/web-fetch": { version: "4.4.2" },
  },
});

describe("check-dependencies: Remix versions", () => {
  it.each([
    ["2.17.4", false],
    ["2.17.5", true],
    ["2.18.0", true],
    ["3.0.0", true],
    ["2.17.5-pre.1", false],
    ["2.9.9", false],
  ])("@remix-run/react %s passes: %s", (version, passes) => {
    const problems = remixVersionProblems(lock({ "node_modules/@remix-run/react": version, "node_modules/@remix-run/node": "2.17.5" }));
    expect(problems.length === 0).toBe(passes);
    if (!passes) expect(problems[0]).toContain(`node_modules/@remix-run/react is ${version}`);
  });

  it("finds an old copy nested under another package", () => {
    const problems = remixVersionProblems(lock({ "node_modules/@remix-run/react": "2.17.5", "node_modules/remix-i18next/node_modules/@remix-run/server-runtime": "2.17.4" }));
    expect(problems).toEqual(["node_modules/remix-i18next/node_modules/@remix-run/server-runtime is 2.17.4, below 2.17.5"]);
  });

  it("compares versions numerically, pre-releases before releases", () => {
    expect(compareVersions("2.10.0", "2.9.0")).toBeGreaterThan(0);
    expect(compareVersions("2.17.5", "2.17.5")).toBe(0);
    expect(compareVersions("2.17.5-pre.2", "2.17.5-pre.10")).toBeLessThan(0);
    expect(() => compareVersions("latest", "2.17.5")).toThrow();
  });
});

describe("check-dependencies: npm audit", () => {
  const report = (severities: string[]) => ({
    auditReportVersion: 2,
    metadata: { vulnerabilities: {} },
    vulnerabilities: Object.fromEntries(
      severities.map((severity, i) => [`pkg${i}`, { name: `pkg${i}`, severity, range: "<1.2.3", via: [{ title: `Bad thing ${i}`, url: `https://github.com/advisories/GHSA-${i}` }] }]),
    ),
  });

  it("fails on high and critical advisories, naming them", () => {
    expect(auditProblems(report(["low", "moderate"]))).toEqual([]);
    expect(auditProblems(report(["moderate", "high", "critical"]))).toEqual([
      "high: pkg1 <1.2.3 - Bad thing 1 (https://github.com/advisories/GHSA-1)",
      "critical: pkg2 <1.2.3 - Bad thing 2 (https://github.com/advisories/GHSA-2)",
    ]);
  });

  it("fails with a clear message when npm audit had no answer", () => {
    expect(() => auditProblems({ message: "405 Method Not Allowed", statusCode: 405, error: { summary: "", detail: "" } })).toThrow(/could not check the advisories.*405 Method Not Allowed/);
    expect(() => auditProblems({ error: { code: "ENOTFOUND", summary: "request to https://registry.npmjs.org failed" } })).toThrow(/ENOTFOUND/);
    expect(() => auditProblems({})).toThrow(/no report/);
  });
});
