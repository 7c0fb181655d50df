// Evidence uploads: what we accept, recognised by content, not by name.
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The content type from the file's first bytes (magic numbers), or null when it is none we accept. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

/** A name safe for a Content-Disposition header and a file system: no paths, no quotes, no control characters. */
export function safeFilename(name: string, type: EvidenceType): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.normalize("NFC").replace(/[^\p{L}\p{N}._ -]/gu, "_").replace(/^\.+/, "").slice(0, 120).trim();
  const extension = type === "application/pdf" ? ".pdf" : type === "image/png" ? ".png" : ".jpg";
  if (!cleaned) return `bewijs${extension}`;
  return /\.(pdf|png|jpe?g)$/i.test(cleaned) ? cleaned : `${cleaned}${extension}`;
}
