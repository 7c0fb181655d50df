import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";

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

/**
 * S3-compatible storage (S3_BUCKET and friends) is not built yet. With S3_*
 * set the server refuses to start (boot calls this) rather than silently keep
 * files on a disk that a second web process cannot see.
 */
export function checkFileStorage() {
  const configured = Object.keys(process.env).filter((k) => k.startsWith("S3_") && process.env[k]);
  if (configured.length > 0) throw new Error(`${configured.join(", ")} set, but S3 file storage is not implemented in this build; unset S3_* to store files on disk (FILES_DIR)`);
}

/** The storage for new files. */
export function currentStorage(): FileStorage {
  checkFileStorage();
  return diskStorage(filesDir());
}

export function storageFor(name: string): FileStorage {
  if (name === "disk") return diskStorage(filesDir());
  throw new Error(`unknown file storage: ${name}`);
}
