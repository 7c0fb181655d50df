import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nl from "~/locales/nl/server.json";
import { cookieFrom, freePort, startServer, until, type RunningServer } from "../helpers/server";

// A PostgreSQL of the test's own (never the shared one) that the test stops and starts
// under a running app server: the app must answer 503 with the friendly page while the
// database is gone and recover by itself, without a restart, when it is back.
// CI has the PostgreSQL server binaries; without them this test fails, it does not skip.
function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin/pg_ctl"))) : [];
  const preferred = versions.includes("15") ? "15" : versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!preferred) throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found under ${root}: install postgresql-15`);
  return path.join(root, preferred, "bin");
}

// PostgreSQL refuses to run as root: as root (this machine, CI containers) run it as
// the postgres OS user, who owns the temporary directory.
function asPostgresArgv(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}
function asPostgres(command: string, args: string[]) {
  const [file, argv] = asPostgresArgv(command, args);
  return execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 }).toString();
}

let dir: string | null = null;
let data = "";
let port = 0;
let server: RunningServer | null = null;

const startArgs = () => ["start", "-w", "-l", path.join(dir!, "log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`];
const stopArgs = ["stop", "-m", "immediate", "-w"];
function pgCtl(...args: string[]) {
  return asPostgres(path.join(pgBin(), "pg_ctl"), ["-D", data, ...args]);
}
/** The same pg_ctl call as one shell command, for the child process below. */
function pgCtlCommand(args: string[]) {
  const [file, argv] = asPostgresArgv(path.join(pgBin(), "pg_ctl"), ["-D", data, ...args]);
  return [file, ...argv].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
}
const start = () => pgCtl(...startArgs());
const url = () => `postgres://postgres@127.0.0.1:${port}/postgres`;

// One throwaway cluster for the file; each test leaves it running.
beforeAll(async () => {
  const bin = pgBin();
  dir = mkdtempSync(path.join(tmpdir(), "koepel-outage-"));
  data = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  port = await freePort();
  start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dir) {
    try {
      pgCtl("stop", "-m", "immediate");
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("database outage", () => {
  it("a transaction in flight when PostgreSQL stops fails with a connection error, and the process lives on", () => {
    // Unpatched postgres.js exits this child with a TypeError from setImmediate.
    const script = path.join(import.meta.dirname, "../helpers/transaction-during-outage.mjs");
    const result = spawnSync(process.execPath, [script], {
      env: { ...process.env, URL: url(), STOP: pgCtlCommand(stopArgs), START: pgCtlCommand(startArgs()) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const { outcome, answer } = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
    // A clean close reads CONNECTION_CLOSED; a reset socket reads ECONNRESET. Never committed.
    expect(["CONNECTION_CLOSED", "ECONNRESET"]).toContain(outcome);
    expect(answer).toBe(42); // the same pool works again once the database is back
  }, 90_000);

  it("answers 503 with a friendly page while PostgreSQL is down and recovers when it returns", async () => {
    server = await startServer({ args: ["--demo"], env: { DATABASE_URL: url() } });
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { Origin: server.url },
      body: new URLSearchParams({ email: "voorzitter@vakwerk.demo.koepel.nl", password: "koepel-demo-2026" }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = `koepel_session=${cookieFrom(login, "koepel_session")}`;
    // A member's page (root loader's session, the tenant guard) and a visitor's page (the dev mailbox).
    const pages = [
      { path: "/c/vakwerk-nijmegen", cookie },
      { path: "/dev/mail", cookie: "" },
    ];
    const get = (p: { path: string; cookie: string }) => fetch(server!.url + p.path, { headers: p.cookie ? { Cookie: p.cookie } : {}, redirect: "manual" });

    for (const page of pages) expect((await get(page)).status, page.path).toBe(200);

    pgCtl(...stopArgs);
    for (const page of pages) {
      const response = await get(page).catch((error: unknown) => {
        throw new Error(`the server stopped answering (${String(error)}); its output:\n${server!.output()}`);
      });
      expect(response.status, page.path).toBe(503);
      const html = await response.text();
      expect(html).toContain(nl.outage.title);
      expect(html).toContain(nl.outage.retry);
    }
    // A client-side navigation (single fetch) gets the same status; the browser then shows the page above.
    const singleFetch = await get({ path: "/c/vakwerk-nijmegen.data", cookie });
    expect(singleFetch.status).toBe(503);
    const csv = await get({ path: "/c/vakwerk-nijmegen/people.csv", cookie });
    expect(csv.status).toBe(503);
    expect(await csv.json()).toEqual({ code: "unavailable", messageKey: "errors.unavailable" });

    start();
    // The circuit closes on its next background probe (about a second): wait for that very answer.
    for (const page of pages) await until(async () => (await get(page)).status === 200, `${page.path} to answer 200 again`, 30_000, 200);
    expect(server.child.exitCode).toBeNull(); // the same process, never restarted
  }, 180_000);

  it("while PostgreSQL is known to be down, answers 503 at once without touching it, and closes the circuit by itself", async () => {
    server ??= await startServer({ args: ["--demo"], env: { DATABASE_URL: url() } });
    const s = server;
    const login = await fetch(`${s.url}/login`, {
      method: "POST",
      headers: { Origin: s.url },
      body: new URLSearchParams({ email: "voorzitter@vakwerk.demo.koepel.nl", password: "koepel-demo-2026" }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = `koepel_session=${cookieFrom(login, "koepel_session")}`;
    const paths = ["/c/vakwerk-nijmegen", "/c/vakwerk-nijmegen.data", "/c/vakwerk-nijmegen/people.csv", "/dev/mail", "/login"];
    const get = (p: string) => fetch(s.url + p, { headers: { Cookie: cookie }, redirect: "manual" });
    expect((await get(paths[0])).status).toBe(200);
    const count = (text: string) => s.output().split(text).length - 1;
    const opened = count("database circuit open");
    const closed = count("database circuit closed");

    pgCtl(...stopArgs);
    // The first request meets the refused connection (it may take up to the connect timeout) and opens the circuit.
    expect((await get(paths[0])).status).toBe(503);
    await until(() => count("database circuit open") > opened, "the circuit to open", 30_000);

    // Known to be down: every page answers 503 with Retry-After at once, and no request
    // reaches the database (each one that did would log "database unavailable:").
    const touched = count("database unavailable:");
    for (let round = 0; round < 3; round++) {
      for (const p of paths) {
        const began = performance.now();
        const response = await get(p);
        const ms = performance.now() - began;
        expect(response.status, p).toBe(503);
        expect(response.headers.get("retry-after"), p).toBe("5");
        await response.arrayBuffer();
        expect(ms, `${p} answered after ${Math.round(ms)} ms`).toBeLessThan(2000);
      }
    }
    expect(count("database unavailable:")).toBe(touched);
    expect(count("database circuit closed")).toBe(closed); // the probe kept finding it down

    // Back: the background probe closes the circuit and the same process serves again.
    start();
    await until(() => count("database circuit closed") > closed, "the probe to close the circuit", 30_000);
    for (const p of [paths[0], "/dev/mail"]) expect((await get(p)).status, p).toBe(200);
    expect(s.child.exitCode).toBeNull();
  }, 180_000);
});
