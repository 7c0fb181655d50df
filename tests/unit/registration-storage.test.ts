import { mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { safeFilename, sniffEvidenceType } from "~/modules/registrations/evidence";
import { checkFileStorage, diskStorage } from "~/modules/registrations/storage.server";
import { s3ConfigFromEnv, s3Storage, signS3Request } from "~/modules/registrations/s3.server";

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
    for (const k of Object.keys(process.env)) if (k.startsWith("S3_")) delete process.env[k];
  });
  it("a half-configured S3 is refused at boot; none means disk", () => {
    expect(() => checkFileStorage()).not.toThrow();
    expect(s3ConfigFromEnv({})).toBeNull();
    process.env.S3_BUCKET = "koepel-files";
    expect(() => checkFileStorage()).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY missing/);
    expect(s3ConfigFromEnv({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_ENDPOINT: "http://minio:9000/" })).toEqual({ bucket: "b", accessKeyId: "k", secretAccessKey: "s", endpoint: "http://minio:9000", region: "eu-central-1" });
  });
});

describe("S3 signature (SigV4)", () => {
  it("matches AWS's published example (GET Object, examplebucket/test.txt)", () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "Example: GET Object"
    const headers = signS3Request({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      now: new Date("2013-05-24T00:00:00Z"),
      region: "us-east-1",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });
});

describe("S3 storage against an in-process fake", () => {
  it("puts, gets and deletes objects path-style under the bucket, signed; unknown keys are null", async () => {
    const objects = new Map<string, { body: Buffer; type: string | undefined }>();
    const seen: { method: string; url: string; auth: string | undefined }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
        if (req.method === "PUT") {
          objects.set(req.url!, { body: Buffer.concat(chunks), type: req.headers["content-type"] });
          res.writeHead(200).end();
        } else if (req.method === "GET") {
          const found = objects.get(req.url!);
          if (!found) res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
          else res.writeHead(200, { "Content-Type": found.type ?? "application/octet-stream" }).end(found.body);
        } else if (req.method === "DELETE") {
          objects.delete(req.url!);
          res.writeHead(204).end();
        } else res.writeHead(405).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const storage = s3Storage({ endpoint: `http://127.0.0.1:${port}`, region: "eu-central-1", bucket: "koepel-files", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });
      const bytes = new TextEncoder().encode("%PDF-1.4 s3");
      await storage.put(`${ORG}/${FILE}`, bytes, "application/pdf");
      expect(objects.get(`/koepel-files/${ORG}/${FILE}`)).toEqual({ body: Buffer.from(bytes), type: "application/pdf" });
      expect(await storage.get(`${ORG}/${FILE}`)).toEqual(bytes);
      await storage.delete(`${ORG}/${FILE}`);
      expect(await storage.get(`${ORG}/${FILE}`)).toBeNull();
      expect(seen.map((s) => s.method)).toEqual(["PUT", "GET", "DELETE", "GET"]);
      for (const s of seen) expect(s.auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
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
