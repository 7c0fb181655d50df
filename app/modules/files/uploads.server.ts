// Uploaded documents (registration evidence, contract documents, extension
// documents, reports): one check and one way to store them, whichever area takes
// them. PDF, PNG or JPEG, recognised by content, at most 10 MB.
import { createHash, randomUUID } from "node:crypto";
import type { Tx } from "~db/client";
import { files } from "~db/schema";
import { AppError } from "~/lib/errors";
import { MAX_EVIDENCE_BYTES, safeFilename, sniffEvidenceType, type EvidenceType } from "../registrations/evidence";
import { currentStorage, storageFor } from "../registrations/storage.server";

export type Upload = { filename: string; bytes: Uint8Array };
export type CheckedUpload = Upload & { contentType: EvidenceType; sha256: string };

/**
 * A File from the form, read into memory (the multipart reader already bounded its
 * size); none when no file was chosen (a file input left empty sends no name and no
 * bytes). A chosen file of 0 bytes is kept, so checkUpload refuses it beside the field.
 */
export async function uploadFromForm(file: File | undefined): Promise<Upload | null> {
  if (!file || (file.size === 0 && !file.name)) return null;
  return { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Checked before any transaction opens: empty, too large or of another type is a 400 beside `field`, nothing written. */
export function checkUpload(upload: Upload, field: string): CheckedUpload {
  if (upload.bytes.byteLength === 0) throw new AppError("invalid", "errors.fileEmpty", field);
  if (upload.bytes.byteLength > MAX_EVIDENCE_BYTES) throw new AppError("invalid", "errors.fileTooLarge", field);
  const contentType = sniffEvidenceType(upload.bytes);
  if (!contentType) throw new AppError("invalid", "errors.fileType", field);
  return { ...upload, contentType, filename: safeFilename(upload.filename, contentType), sha256: createHash("sha256").update(upload.bytes).digest("hex") };
}

export const checkOptionalUpload = (upload: Upload | null, field: string): CheckedUpload | null => (upload ? checkUpload(upload, field) : null);

/**
 * The file to storage, then its row, in the caller's transaction: if the
 * transaction then fails an orphan file may remain in storage, never a row
 * pointing at nothing. Returns the file's id.
 */
export async function storeFile(tx: Tx, owner: { organizationId: string; userId: string }, file: CheckedUpload): Promise<string> {
  const storage = currentStorage();
  const key = `${owner.organizationId}/${randomUUID()}`;
  await storage.put(key, file.bytes, file.contentType);
  const [row] = await tx
    .insert(files)
    .values({
      organizationId: owner.organizationId,
      storage: storage.name,
      storageKey: key,
      filename: file.filename,
      contentType: file.contentType,
      sizeBytes: file.bytes.byteLength,
      sha256: file.sha256,
      uploadedBy: owner.userId,
    })
    .returning({ id: files.id });
  return row.id;
}

export type StoredFile = { filename: string; contentType: string; bytes: Uint8Array };

/** The bytes of a stored file row, from wherever it was stored. */
export async function readStoredFile(file: { storage: string; storageKey: string; filename: string; contentType: string }): Promise<StoredFile> {
  const bytes = await storageFor(file.storage).get(file.storageKey);
  if (!bytes) throw new AppError("not_found");
  return { filename: file.filename, contentType: file.contentType, bytes };
}
