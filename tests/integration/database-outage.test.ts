import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import nl from "~/locales/nl/server.json";
import { cookieFrom, freePort, startServer, type RunningServer } from "../helpers/server";

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
function asPostgres(command: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 }).toString();
}

let dir: string | null = null;
let data = "";
let server: RunningServer | null = null;

function pgCtl(...args: string[]) {
  return asPostgres(path.join(pgBin(), "pg_ctl"), ["-D", data, ...args]);
}

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
  it("answers 503 with a friendly page while PostgreSQL is down and recovers when it returns", async () => {
    const bin = pgBin();
    dir = mkdtempSync(path.join(tmpdir(), "koepel-outage-"));
    data = path.join(dir, "data");
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
      chownSync(dir, uid, gid);
    }
    asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    const port = await freePort();
    const start = () => pgCtl("start", "-w", "-l", path.join(dir!, "log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`);
    start();

    server = await startServer({ args: ["--demo"], env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` } });
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

    pgCtl("stop", "-m", "immediate", "-w");
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
    for (const page of pages) expect((await get(page)).status, page.path).toBe(200);
    expect(server.child.exitCode).toBeNull(); // the same process, never restarted
  }, 180_000);
});
