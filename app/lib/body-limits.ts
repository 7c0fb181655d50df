// How large a request body may be, by its type: one table for the Express
// middleware (app/lib/http-security.ts, before Remix reads anything) and for
// handler() in route.server.ts (the same limit inside the app).
import { MAX_EVIDENCE_BYTES } from "../modules/registrations/evidence";

/** A form of text fields: the longest (a contract's notes) is 4,000 characters. */
export const FORM_BODY_LIMIT = 256 * 1024;

/**
 * A multipart upload: readUploadForm reads a file up to twice its limit so that a
 * file a little too large gets its message beside the field; beyond that the body
 * is refused whole. The largest file limit is the evidence limit (10 MB).
 */
export const MULTIPART_BODY_LIMIT = 2 * MAX_EVIDENCE_BYTES + 1024 * 1024;

export function bodyLimitFor(contentType: string | null | undefined): number {
  return /^\s*multipart\/form-data\b/i.test(contentType ?? "") ? MULTIPART_BODY_LIMIT : FORM_BODY_LIMIT;
}
