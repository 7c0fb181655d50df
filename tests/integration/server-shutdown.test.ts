import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The built server (npm run build) on its own PGlite directory: SIGTERM must let a
// request in flight finish, then close the database (its lock file disappears) and exit 0.
describe("graceful shutdown", () => {
  it("finishes in-flight work, closes the database and exits 0 on SIGTERM", async () => {
    expect(existsSync("build/server/index.js"), "run `npm run build` first").toBe(true);
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "koepel-stop-")), "pglite");
    const port = 3900 + Math.floor(Math.random() * 50);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: dataDir, NODE_ENV: "test" };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts", "--demo"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    for (let i = 0; i < 100 && !output.includes("listens on"); i++) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain("Demo logins");
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    // A login does argon2 work: it is still in flight when the signal arrives.
    const inFlight = fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "voorzitter@vakwerk.demo.koepel.nl", password: "koepel-demo-2026" }),
      redirect: "manual",
    });
    await new Promise((r) => setTimeout(r, 30));
    child.kill("SIGTERM");
    const response = await inFlight;
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toContain("koepel_session=");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM: closing");
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 60_000);
});
