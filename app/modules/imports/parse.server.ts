import { IMPORT_LIMITS } from "@koepel/rules";
import Papa from "papaparse";
import { readSheet } from "read-excel-file/node";
import { AppError } from "~/lib/errors";

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
    return new TextDecoder("windows-1252").decode(bytes);
  }
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

export function parseCsv(text: string): Table {
  // Papaparse guesses the delimiter: ";" from Dutch Excel, "," from most others.
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false, delimitersToGuess: [";", ",", "\t"] });
  const matrix = result.data.filter((r): r is string[] => Array.isArray(r));
  return toTable(matrix.map((r) => r.map(cellText)));
}

export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
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
  const text = decodeText(bytes);
  if (text.includes("\u0000")) throw new AppError("invalid", "imports.errors.unsupportedType", "file");
  return parseCsv(text);
}
