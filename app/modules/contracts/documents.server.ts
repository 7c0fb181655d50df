import { and, eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { contractDocuments, files } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { AppError } from "~/lib/errors";
import { audit } from "../audit/audit.server";
import { checkUpload, readStoredFile, storeFile, type CheckedUpload, type Upload } from "../files/uploads.server";
import { isUuid, loadContract } from "./contracts.server";

// Contract documents (the signed contract, an addendum's text): PDF, PNG or JPEG,
// recognised by content, kept in the same storage as registration evidence.

/**
 * Store the file and its document row in the caller's transaction. The file is
 * written first: if the transaction then fails an orphan file may remain in
 * storage, never a row pointing at nothing.
 */
export async function storeDocument(tx: Tx, ctx: MemberContext, contractId: string, title: string, doc: CheckedUpload, amendmentId: string | null = null) {
  const fileId = await storeFile(tx, { organizationId: ctx.org.id, userId: ctx.user.id }, doc);
  const [row] = await tx.insert(contractDocuments).values({ organizationId: ctx.org.id, contractId, amendmentId, title, fileId, createdBy: ctx.user.id }).returning();
  await audit(tx, {
    organizationId: ctx.org.id,
    actorUserId: ctx.user.id,
    action: "contract.document_added",
    entityType: "contract",
    entityId: contractId,
    after: { documentId: row.id, title, amendmentId, filename: doc.filename, sha256: doc.sha256 },
    ip: ctx.ip,
  });
  return row;
}

/** The board adds a document to a contract. */
export async function addDocument(ctx: MemberContext, contractId: string, title: string, upload: Upload | null) {
  if (!upload) throw new AppError("invalid", "errors.required", "document");
  const doc = checkUpload(upload, "document");
  return withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    return storeDocument(tx, ctx, c.id, title, doc);
  });
}

/** A document of this cooperative's contract, for download; anything else is "not found". */
export async function readDocument(ctx: MemberContext, contractId: string, documentId: string) {
  if (!isUuid(documentId)) throw new AppError("not_found");
  const found = await withTenant(ctx.org.id, async (tx) => {
    const c = await loadContract(tx, ctx.org.id, contractId);
    const [row] = await tx
      .select({ file: files })
      .from(contractDocuments)
      .innerJoin(files, and(eq(files.id, contractDocuments.fileId), eq(files.organizationId, ctx.org.id)))
      .where(and(eq(contractDocuments.organizationId, ctx.org.id), eq(contractDocuments.contractId, c.id), eq(contractDocuments.id, documentId)));
    if (!row) throw new AppError("not_found");
    return row.file;
  });
  return readStoredFile(found);
}
