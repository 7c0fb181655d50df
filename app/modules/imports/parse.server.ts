import { IMPORT_LIMITS } from "@koepel/rules";
import Papa from "papaparse";
import { readSheet } from "read-excel-file/node";
import { AppError } from "~/lib/errors";
import { controlCharacterIn } from "~/lib/validation";
import { sniffEvidenceType } from "~/modules/registrations/evidence";

export type Table = { headers: string[]; rows: string[][] };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a ZIP archive, which an .xlsx is

/**
 * Text from a CSV's bytes. UTF-8 with or without BOM first; a file that is not
 * valid UTF-8 is read as Windows-1252, which is what Dutch Excel writes when it
 * saves "CSV (gescheiden door lijstscheidingsteken)".
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252 is Latin-1 except for 0x80-0x9F (€, curly quotes, dashes, ...).
// Node's TextDecoder("windows-1252") decodes that range as Latin-1 control codes,
// so the range is mapped here (0xFFFD where the code page has no character).
const CP1252_HIGH = "€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ";
function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
};

function toTable(matrix: string[][]): Table {
  const [headerRow, ...rest] = matrix;
  const headers = (headerRow ?? []).map((h) => h.trim());
  if (headers.every((h) => h === "")) throw new AppError("invalid", "imports.errors.noHeader", "file");
  if (headers.length > IMPORT_LIMITS.maxColumns) throw new AppError("invalid", "imports.errors.tooManyColumns", "file");
  // Drop trailing empty rows (Excel leaves some); rows keep their position for row numbers.
  let end = rest.length;
  while (end > 0 && rest[end - 1].every((c) => c.trim() === "")) end--;
  const rows = rest.slice(0, end).map((r) => headers.map((_, i) => (r[i] ?? "").trim()));
  if (rows.length === 0) throw new AppError("invalid", "imports.errors.noRows", "file");
  if (rows.length > IMPORT_LIMITS.maxRows) throw new AppError("invalid", "imports.errors.tooManyRows", "file");
  return { headers, rows };
}

/**
 * ";" from Dutch Excel, "," from most other tools, tab from a copy-paste: the one
 * the header line uses most (quoted parts left out). Papaparse's own guess needs
 * several rows and misses on a small file.
 */
export function detectDelimiter(text: string): string {
  const header = (text.split(/\r?\n/, 1)[0] ?? "").replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((d) => [d, header.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best[1] > 0 ? best[0] : ",";
}

export function parseCsv(text: string): Table {
  const clean = text.replace(/^\uFEFF/, "");
  const result = Papa.parse<string[]>(clean, { skipEmptyLines: false, delimiter: detectDelimiter(clean) });
  const matrix = result.data.filter((r): r is string[] => Array.isArray(r));
  return toTable(matrix.map((r) => r.map(cellText)));
}

/** An .xlsx may unpack to at most this much XML: a small ZIP can expand enormously. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * The unpacked size of a ZIP archive from its central directory, read before
 * anything is inflated; null when the directory is missing or uses ZIP64 (no
 * spreadsheet within our limits needs it).
 */
export function unpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const size = unpackedSize(bytes);
  if (size === null) throw new AppError("invalid", "imports.errors.unreadable", "file");
  if (size > MAX_UNPACKED_BYTES) throw new AppError("invalid", "imports.errors.xlsxTooLarge", "file");
  let data: unknown[][];
  try {
    // Numbers as written ("01234567" stays text; 12 stays "12"), not as floats.
    data = await readSheet(Buffer.from(bytes), { parseNumber: (text: string) => text });
  } catch {
    throw new AppError("invalid", "imports.errors.unreadable", "file");
  }
  return toTable(data.map((r) => r.map(cellText)));
}

/** A member list from an uploaded file: .xlsx by its content, anything else as CSV. */
export async function readTable(filename: string, bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw new AppError("invalid", "imports.errors.emptyFile", "file");
  if (bytes.length > IMPORT_LIMITS.maxBytes) throw new AppError("invalid", "imports.errors.fileTooLarge", "file");
  const isZip = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  if (isZip) return parseXlsx(bytes);
  if (/\.(xls|xlsx|ods|numbers)$/i.test(filename)) throw new AppError("invalid", "imports.errors.unsupportedType", "file");
  // A PDF or an image is not a member list, whatever its name: without this a PDF
  // (text up to its first binary stream) went on to the column matching.
  if (sniffEvidenceType(bytes)) throw new AppError("invalid", "imports.errors.notText", "file");
  const text = decodeText(bytes);
  // Text has no control characters besides tab and line ends: anything else is binary.
  if (controlCharacterIn(text)) throw new AppError("invalid", "imports.errors.notText", "file");
  return parseCsv(text);
}
