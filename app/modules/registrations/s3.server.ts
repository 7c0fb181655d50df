import { createHash, createHmac } from "node:crypto";
import type { FileStorage } from "./storage.server";

// S3-compatible storage without an SDK: three calls (PUT, GET, DELETE) signed
// with AWS Signature Version 4. The signer is tested against AWS's published
// example; the adapter against an in-process fake server.

export type S3Config = { endpoint: string | null; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };

/** From S3_BUCKET, S3_REGION, S3_ENDPOINT (MinIO and the like; path-style), S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY. */
export function s3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3Config | null {
  const configured = Object.keys(env).filter((k) => k.startsWith("S3_") && env[k]);
  if (configured.length === 0) return null;
  const missing = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"].filter((k) => !env[k]);
  if (missing.length > 0) throw new Error(`S3 file storage is partly configured: ${missing.join(", ")} missing`);
  return {
    endpoint: env.S3_ENDPOINT ? env.S3_ENDPOINT.replace(/\/+$/, "") : null,
    region: env.S3_REGION || "eu-central-1",
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
  };
}

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
// RFC 3986 encoding per path segment, as SigV4 for S3 wants it (slashes kept).
const encodePath = (p: string) => p.split("/").map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");

/**
 * Sign one request (SigV4, service s3). Returns the headers to send: the given
 * ones plus host, x-amz-date, x-amz-content-sha256 and Authorization.
 */
export function signS3Request(input: { method: string; url: URL; headers?: Record<string, string>; payloadHash: string; now: Date; region: string; accessKeyId: string; secretAccessKey: string }) {
  const amzDate = input.now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.trim()])), host: input.url.host, "x-amz-content-sha256": input.payloadHash, "x-amz-date": amzDate };
  const names = Object.keys(headers).sort();
  const query = [...input.url.searchParams.entries()]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join("&");
  const canonical = [input.method, encodePath(decodeURIComponent(input.url.pathname)), query, names.map((n) => `${n}:${headers[n]}\n`).join(""), names.join(";"), input.payloadHash].join("\n");
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), "s3"), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return headers;
}

export function s3Storage(config: S3Config, fetchImpl: typeof fetch = fetch): FileStorage {
  const urlFor = (key: string) =>
    config.endpoint ? new URL(`${config.endpoint}/${config.bucket}/${encodePath(key)}`) : new URL(`https://${config.bucket}.s3.${config.region}.amazonaws.com/${encodePath(key)}`);
  const send = async (method: "PUT" | "GET" | "DELETE", key: string, body?: Uint8Array, contentType?: string) => {
    const url = urlFor(key);
    const payloadHash = sha256Hex(body ?? new Uint8Array());
    const headers = signS3Request({ method, url, headers: contentType ? { "content-type": contentType } : {}, payloadHash, now: new Date(), region: config.region, accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey });
    delete headers.host; // fetch sets it
    return fetchImpl(url, { method, headers, body: body ? Buffer.from(body) : undefined });
  };
  return {
    name: "s3",
    async put(key, bytes, contentType) {
      const res = await send("PUT", key, bytes, contentType);
      if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status}`);
    },
    async get(key) {
      const res = await send("GET", key);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`S3 GET ${key}: ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async delete(key) {
      const res = await send("DELETE", key);
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key}: ${res.status}`);
    },
  };
}
