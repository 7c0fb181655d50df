// Helpers for the registration tests: member records, evidence files, multipart forms.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { members, registrations, registrationTypes } from "~db/schema";
import { withSystem } from "~db/tenant";

// Evidence goes to a fresh directory per test process, never ./data/files.
process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), "koepel-files-"));
delete process.env.S3_BUCKET;

/** Every file stored so far (all cooperatives). */
export function storedFiles(): string[] {
  const root = process.env.FILES_DIR!;
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** A minimal PDF: starts with the magic bytes the upload checks. */
export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A member record for a user (as the members module makes one), inserted directly. */
export async function memberRecord(organizationId: string, user: { id: string; name: string; email: string } | null, over: Partial<typeof members.$inferInsert> = {}) {
  const [row] = await withSystem((tx) =>
    tx
      .insert(members)
      .values({ organizationId, userId: user?.id ?? null, name: user?.name ?? "Lid zonder account", email: user?.email ?? null, status: "member", joinedOn: "2024-01-01", ...over })
      .onConflictDoNothing()
      .returning(),
  );
  if (row) return row;
  const [existing] = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, organizationId), eq(members.userId, user!.id))));
  return existing;
}

export async function typeByCode(organizationId: string, code: string) {
  const [type] = await withSystem((tx) => tx.select().from(registrationTypes).where(and(eq(registrationTypes.organizationId, organizationId), eq(registrationTypes.code, code))));
  if (!type) throw new Error(`no type ${code}`);
  return type;
}

/** A registration inserted directly (for reminder and download tests). */
export async function insertRegistration(values: typeof registrations.$inferInsert) {
  const [row] = await withSystem((tx) => tx.insert(registrations).values(values).returning());
  return row;
}

export async function registrationById(id: string) {
  const [row] = await withSystem((tx) => tx.select().from(registrations).where(eq(registrations.id, id)));
  return row ?? null;
}

/** A multipart body as a browser sends it, with an optional file. */
export function multipart(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string; field?: string }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append(file.field ?? "evidence", new File([file.bytes.slice()], file.name, { type: file.type ?? "application/pdf" }));
  return form;
}
