import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { AppError } from "./errors";

/**
 * Read a form that may carry one file (multipart, works without JavaScript).
 * The file field is kept in memory up to `maxBytes`; beyond that the rest is
 * read and dropped, and `oversized` says so, so the action can answer 400
 * beside the field with the rest of the form intact. A body far beyond that
 * (twice the limit) is not read to its end: a plain 400. Other file fields are
 * dropped; text fields are limited to 10 kB each. A plain (urlencoded) form is
 * read as usual.
 */
export async function readUploadForm(request: Request, fileField: string, maxBytes: number): Promise<{ formData: FormData; oversized: boolean }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), oversized: false };
  let oversized = false;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    const limit = isFile ? maxBytes : 10_000;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
      else if (size > 2 * limit) throw new AppError("invalid");
    }
    if (!isFile) {
      if (size > limit) throw new AppError("invalid");
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (name !== fileField || !filename) return undefined;
    if (size > limit) {
      oversized = true;
      return undefined;
    }
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  };
  try {
    return { formData: await unstable_parseMultipartFormData(request, handler), oversized };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The body passed its limit (the server's or handler()'s): 413, not a broken form.
    if ((error as { status?: unknown } | null)?.status === 413) throw new AppError("too_large");
    // A broken multipart body is the client's fault, not ours.
    throw new AppError("invalid");
  }
}
