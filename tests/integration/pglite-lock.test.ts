import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "~db/client";

describe("one process per PGlite directory", () => {
  const children: { kill: () => void }[] = [];
  afterEach(() => children.splice(0).forEach((c) => c.kill()));

  const dir = () => path.join(mkdtempSync(path.join(tmpdir(), "koepel-lock-")), "pglite");

  it("takes the lock and releases it", () => {
    const dataDir = dir();
    const release = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("refuses while another live process holds it", () => {
    const dataDir = dir();
    const other = spawn("sleep", ["30"]);
    children.push(other);
    lockDataDir(dataDir)(); // create the folder
    writeFileSync(`${dataDir}.lock`, String(other.pid));
    expect(() => lockDataDir(dataDir)).toThrow(/only one process/);
  });

  it("takes over a lock left by a process that is gone", () => {
    const dataDir = dir();
    const gone = spawnSync("true").pid;
    lockDataDir(dataDir)();
    writeFileSync(`${dataDir}.lock`, String(gone));
    const release = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});
