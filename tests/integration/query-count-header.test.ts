// The statement count reaches the response only when KOEPEL_QUERY_COUNT=1 is set
// (benchmark, profiling), never by default (decision 019). The real server over the
// production build (npm run build), on an in-memory PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// Both servers start together, in a hook with room to spare: a server's start (the
// migrations on a fresh PGlite) took over 20 s beside a second suite, and the second
// start inside a test's 30 s ran out of time.
let plain: RunningServer;
let counting: RunningServer;
beforeAll(async () => {
  [plain, counting] = await Promise.all([startServer(), startServer({ env: { KOEPEL_QUERY_COUNT: "1" } })]);
}, 180_000);
afterAll(async () => {
  await Promise.all([plain?.stop(), counting?.stop()]);
});

describe("X-Koepel-Queries", () => {
  it("is absent by default, on pages and on .data answers", async () => {
    const server = plain;
    for (const path of ["/login", "/login.data"]) {
      const response = await fetch(server.url + path);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get("x-koepel-queries")).toBeNull();
    }
  });

  it("counts the statements of the whole request when switched on", async () => {
    const server = counting;
    // No session: the root loader reads nothing from the database.
    const page = await fetch(server.url + "/login");
    await page.arrayBuffer();
    expect(page.headers.get("x-koepel-queries")).toBe("0");
    // An unknown session token is looked up once, however many loaders ask.
    const headers = { Cookie: `koepel_session=${"a".repeat(32)}` };
    const data = await fetch(server.url + "/login.data", { headers });
    await data.arrayBuffer();
    expect(data.headers.get("x-koepel-queries")).toBe("1");
  });
});
