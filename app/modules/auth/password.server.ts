import { hash, verify } from "@node-rs/argon2";
import { AppError } from "~/lib/errors";
import commonPasswords from "./common-passwords.json";

// argon2id with OWASP's minimum: m=19 MiB, t=2, p=1 (the library's default algorithm is argon2id).
// argon2 takes the whole string (no 72-byte cut-off as in bcrypt), so long passwords keep every character.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

// NIST 800-63B 3.1.1.2: refuse passwords known from breaches and common lists.
// The list is lower-cased, so the check ignores case ("Password1" is as weak as "password1").
const COMMON = new Set(commonPasswords.passwords);
export const commonPasswordCount = COMMON.size;
export const isCommonPassword = (password: string) => COMMON.has(password.toLowerCase());

/** Hash a password a person chose (sign-up, reset, change, invitation); a common one is refused beside the field. */
export async function hashNewPassword(password: string, field = "password"): Promise<string> {
  if (isCommonPassword(password)) throw new AppError("invalid", "security.errors.commonPassword", field);
  return hashPassword(password);
}

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
