/** A stored file as a download: never rendered inline from our origin, never cached. */
export function downloadResponse(file: { filename: string; contentType: string; bytes: Uint8Array }): Response {
  return new Response(file.bytes.slice(), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${file.filename.replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
