import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { commonPasswordCount, hashNewPassword, hashPassword, isCommonPassword, verifyPassword } from "~/modules/auth/password.server";

describe("password rules (NIST 800-63B)", () => {
  it("ships a list of at least 10,000 common passwords", () => {
    expect(commonPasswordCount).toBeGreaterThanOrEqual(10_000);
  });

  it.each(["password", "PassWord1", "iloveyou", "12345678", "qwertyuiop", "baseball", "sunshine", "football1"])("refuses the common password %s, in any case", (p) => {
    expect(isCommonPassword(p)).toBe(true);
  });

  it.each(["correct horse battery staple", "vaktherapie in Nijmegen 2026", "Kl3ur!gPa@rdTekening"])("accepts %s", (p) => {
    expect(isCommonPassword(p)).toBe(false);
  });

  it("refuses a common password beside the field, before hashing", async () => {
    await expect(hashNewPassword("Sunshine1")).rejects.toEqual(new AppError("invalid", "security.errors.commonPassword", "password"));
    await expect(hashNewPassword("sunshine1", "current")).rejects.toMatchObject({ field: "current" });
    await expect(hashNewPassword("correct horse battery staple")).resolves.toMatch(/^\$argon2id\$/);
  });

  it("keeps every character: two 100-character passwords differing only in the last are different", async () => {
    const base = "a".repeat(99);
    const hash = await hashPassword(`${base}x`);
    expect(await verifyPassword(hash, `${base}x`)).toBe(true);
    expect(await verifyPassword(hash, `${base}y`)).toBe(false);
  });
});
