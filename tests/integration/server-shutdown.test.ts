import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import net from "node:net";
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

    for (let i = 0; i < 600 && !output.includes("listens on"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain("Demo logins");
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    // A login whose body is still arriving when the signal comes: the request is in
    // flight on an open connection, and must still be answered.
    const body = new URLSearchParams({ email: "voorzitter@vakwerk.demo.koepel.nl", password: "koepel-demo-2026" }).toString();
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let answer = "";
    socket.on("data", (d) => (answer += d));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(10)); // Connection: close: the server ends the connection after answering
    await closed;

    expect(answer).toMatch(/^HTTP\/1\.1 302/);
    expect(answer).toMatch(/set-cookie: koepel_session=/i);
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM: closing");
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 120_000);
});
