// axe (WCAG 2.1 A/AA and best practices) on every page of the route manifest that the
// demo reaches, as a visitor, a board member (the chair of Wij zijn KAS) and a member
// therapist (Marieke Jansen), in Dutch and English, at phone width (390 x 844): 0
// violations. The pages are found as a person finds them: from the start pages, links
// are followed to every route of the built manifest (build/client) not yet checked;
// each route is checked once per pass, on the first URL that reaches it. Routes no link
// reaches (an import's result page needs an import first) are listed, not failed.
// Also fails on a hydration error: server and browser must render the same page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { routeWeights } from "../bench/first-load";
import { DEMO_PASSWORD, logIn, type Lng } from "./support";

const PHONE = { width: 390, height: 844 };
const MAX_VISITS = 120;

type Pattern = { id: string; url: string; regex: RegExp; statics: number };
const patterns: Pattern[] = routeWeights().map((w) => {
  const segments = w.url.split("/").filter(Boolean);
  const regex = new RegExp("^/" + segments.map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/") + "/?$");
  return { id: w.id, url: w.url, regex, statics: segments.filter((s) => !s.startsWith(":")).length };
});

/** The manifest route a path would reach: the matching pattern with most static segments. */
function patternOf(pathname: string): Pattern | undefined {
  return patterns.filter((p) => p.regex.test(pathname)).sort((a, b) => b.statics - a.statics)[0];
}

type Finding = { route: string; url: string; rule: string; impact: string | null | undefined; nodes: string[] };

async function crawl(page: Page, starts: string[]): Promise<{ checked: Map<string, string>; findings: Finding[]; hydration: string[] }> {
  const checked = new Map<string, string>(); // route id -> URL it was checked on
  const findings: Finding[] = [];
  const hydration: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Minified React error #(418|423|425)|Hydration|did not match/i.test(m.text())) hydration.push(`${page.url()}: ${m.text()}`);
  });
  const queue = [...starts];
  const seen = new Set<string>();
  let visits = 0;
  while (queue.length && visits < MAX_VISITS) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const expected = patternOf(path);
    if (!expected || checked.has(expected.id)) continue;
    visits++;
    const response = await page.goto(path);
    if (!response || response.status() >= 400 || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    // The browser's own answer to which route this is, once hydrated.
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
    const route = await page.evaluate(() => (window as unknown as { __remixRouter: { state: { matches: { route: { id: string } }[] } } }).__remixRouter.state.matches.at(-1)!.route.id);
    if (!checked.has(route)) {
      checked.set(route, path);
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      for (const v of result.violations) findings.push({ route, url: path, rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
    }
    const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const origin = new URL(page.url()).origin;
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin || /\.(csv|pdf)$/.test(url.pathname) || url.pathname.startsWith("/dev/")) continue;
      if (!seen.has(url.pathname)) queue.push(url.pathname);
    }
  }
  return { checked, findings, hydration };
}

/** The account's (or visitor's) language, through the same endpoint as the header's buttons. */
async function chooseLanguage(page: Page, lng: Lng) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/locale", { form: { locale: lng, redirectTo: "/" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

function report(role: string, lng: Lng, result: Awaited<ReturnType<typeof crawl>>, scope: (p: Pattern) => boolean) {
  const unreached = patterns.filter(scope).filter((p) => !result.checked.has(p.id)).map((p) => p.url);
  const summary = { type: `${role} ${lng}: ${result.checked.size} routes checked`, description: unreached.length ? `not reached: ${unreached.join(", ")}` : "all reached" };
  test.info().annotations.push(summary);
  console.log(`axe ${summary.type}; ${summary.description}`);
  expect(result.hydration, "hydration errors").toEqual([]);
  expect(result.findings.map((f) => `${f.rule} (${f.impact}) on ${f.url} [${f.route}]: ${f.nodes.join(" | ")}`)).toEqual([]);
}

test.describe("axe at 390 px", () => {
  test.use({ viewport: PHONE });
  test.describe.configure({ timeout: 300_000 });

  for (const lng of ["nl", "en"] as const) {
    test(`visitor pages in ${lng}`, async ({ page }) => {
      await page.goto("/");
      await chooseLanguage(page, lng);
      const starts = patterns.filter((p) => !p.url.includes(":") && !p.url.startsWith("/c/") && !p.url.startsWith("/account") && !p.url.startsWith("/dev")).map((p) => p.url);
      const result = await crawl(page, ["/", ...starts]);
      expect(result.checked.size).toBeGreaterThanOrEqual(5);
      report("visitor", lng, result, (p) => !p.url.startsWith("/c/") && !p.url.startsWith("/account") && !p.url.startsWith("/dev"));
    });

    for (const who of [
      { role: "board", email: "voorzitter@kas.demo.koepel.nl" },
      { role: "member", email: "marieke.jansen@demo.koepel.nl" },
    ]) {
      test(`${who.role} pages in ${lng}`, async ({ page }) => {
        await logIn(page, who.email, DEMO_PASSWORD);
        await chooseLanguage(page, lng);
        try {
          const result = await crawl(page, ["/c/wij-zijn-kas", "/account", "/c/new"]);
          expect(result.checked.size).toBeGreaterThanOrEqual(who.role === "board" ? 25 : 5);
          report(who.role, lng, result, (p) => p.url.startsWith("/c/") || p.url.startsWith("/account"));
        } finally {
          // The language is saved on the account: put it back for the other specs.
          await chooseLanguage(page, "nl");
        }
      });
    }
  }
});
