import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum: m=19 MiB, t=2, p=1 (the library's default algorithm is argon2id).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when no account matches, so a login takes as long either way.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("koepel-timing-equaliser");
  return dummyHash;
}
