import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { safeFilename, sniffEvidenceType } from "~/modules/registrations/evidence";
import { checkFileStorage, diskStorage } from "~/modules/registrations/storage.server";

const ORG = "0b6f1c52-3d7e-4c4b-9a52-7f0e8f4f2a11";
const FILE = "5f3c2b1a-9e8d-4c7b-8a6f-1e2d3c4b5a69";

describe("disk storage", () => {
  it("stores, reads and deletes a file under FILES_DIR, one directory per cooperative", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "koepel-storage-"));
    const storage = diskStorage(root);
    const bytes = new TextEncoder().encode("%PDF-1.4 test");
    await storage.put(`${ORG}/${FILE}`, bytes, "application/pdf");
    expect(readdirSync(path.join(root, ORG))).toEqual([FILE]);
    expect(await storage.get(`${ORG}/${FILE}`)).toEqual(bytes);
    await storage.delete(`${ORG}/${FILE}`);
    expect(await storage.get(`${ORG}/${FILE}`)).toBeNull();
  });

  it("refuses keys that are not ours (no path traversal)", async () => {
    const storage = diskStorage(mkdtempSync(path.join(tmpdir(), "koepel-storage-")));
    await expect(storage.get("../../etc/passwd")).rejects.toThrow(/unsafe storage key/);
    await expect(storage.put(`${ORG}/../${FILE}`, new Uint8Array(1), "application/pdf")).rejects.toThrow(/unsafe storage key/);
  });
});

describe("S3 configuration", () => {
  afterEach(() => {
    delete process.env.S3_BUCKET;
  });
  it("is refused loudly while S3 storage is not built", () => {
    expect(() => checkFileStorage()).not.toThrow();
    process.env.S3_BUCKET = "koepel-files";
    expect(() => checkFileStorage()).toThrow(/S3_BUCKET/);
  });
});

describe("evidence types", () => {
  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], "application/pdf"],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
    [[0xff, 0xd8, 0xff, 0xe0], "image/jpeg"],
    [[0x3c, 0x68, 0x74, 0x6d, 0x6c], null], // "<html"
    [[0x25, 0x50, 0x44], null], // too short to be a PDF
    [[], null],
  ] as const)("%j is %s", (bytes, type) => {
    expect(sniffEvidenceType(new Uint8Array(bytes))).toBe(type);
  });

  it.each([
    ["vog.pdf", "application/pdf", "vog.pdf"],
    ["../../etc/passwd", "application/pdf", "passwd.pdf"],
    ['my "vog".PDF', "application/pdf", "my _vog_.PDF"],
    ["scan", "image/jpeg", "scan.jpg"],
    ["...", "image/png", "bewijs.png"],
  ] as const)("%s -> %s", (name, type, expected) => {
    expect(safeFilename(name, type)).toBe(expected);
  });
});
