import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { s3ConfigFromEnv, s3Storage } from "./s3.server";

/**
 * Where evidence files live. The database row (table `files`) records which
 * storage holds a file and under which key, so a file written to disk stays
 * readable after S3 is configured.
 */
export interface FileStorage {
  readonly name: "disk" | "s3";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or null when the key is unknown. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Keys are ours ("<organization id>/<uuid>"); anything else is refused before it reaches the file system. */
const SAFE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
function checkKey(key: string) {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe storage key: ${key}`);
}

/** Files under a directory (FILES_DIR, default ./data/files), one subdirectory per cooperative. */
export function diskStorage(root: string): FileStorage {
  const full = (key: string) => {
    checkKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    name: "disk",
    async put(key, bytes) {
      const target = full(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Write aside and rename, so a reader never sees half a file.
      const temp = `${target}.${randomUUID()}.part`;
      await writeFile(temp, bytes, { flag: "wx", mode: 0o600 });
      await rename(temp, target);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(full(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(full(key), { force: true });
    },
  };
}

export const filesDir = () => path.resolve(process.env.FILES_DIR || "./data/files");

/** Refuse to start with a half-configured S3 (boot calls this), rather than fail at the first upload. */
export function checkFileStorage() {
  s3ConfigFromEnv();
}

/** The storage for new files: S3-compatible when S3_* is configured, else the disk under FILES_DIR. */
export function currentStorage(): FileStorage {
  const s3 = s3ConfigFromEnv();
  return s3 ? s3Storage(s3) : diskStorage(filesDir());
}

/** The storage a stored file names; a file kept on disk stays readable after S3 is configured. */
export function storageFor(name: string): FileStorage {
  if (name === "disk") return diskStorage(filesDir());
  const s3 = name === "s3" ? s3ConfigFromEnv() : null;
  if (s3) return s3Storage(s3);
  throw new Error(`file storage ${name} is not configured`);
}
