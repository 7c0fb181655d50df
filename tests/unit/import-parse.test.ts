import { describe, expect, it } from "vitest";
import { zipSync, strToU8 } from "fflate";
import { decodeText, detectDelimiter, MAX_UNPACKED_BYTES, parseCsv, readTable, unpackedSize } from "~/modules/imports/parse.server";

// A minimal .xlsx (what Excel writes, reduced to the parts a reader needs), built
// here so the test needs no spreadsheet program. fflate comes with read-excel-file.
function xlsx(rows: (string | number)[][]): Uint8Array {
  const col = (i: number) => String.fromCharCode(65 + i);
  const cell = (v: string | number, ref: string) =>
    typeof v === "number" ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const sheet = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(v, `${col(j)}${i + 1}`)).join("")}</row>`).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    "_rels/.rels": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Leden" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheet}</sheetData></worksheet>`),
  });
}

describe("reading an uploaded member list", () => {
  it.each([
    ["Naam;E-mail;AGB-code", ";"],
    ["Name,Email,AGB", ","],
    ["Naam\tE-mail", "\t"],
    ['"Naam, voluit";E-mail', ";"],
    ["Naam", ","],
  ])("delimiter of %j is %j", (text, delimiter) => expect(detectDelimiter(`${text}\nx`)).toBe(delimiter));

  it.each([
    ["UTF-8", new Uint8Array(Buffer.from("Zoë", "utf8")), "Zoë"],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("Zoë", "utf8")]), "Zoë"],
    ["Windows-1252 from Excel", new Uint8Array([0x5a, 0x6f, 0xeb, 0x20, 0x80]), "Zoë €"],
  ])("decodes %s", (_label, bytes, text) => expect(decodeText(bytes)).toBe(text));

  it("keeps quoted delimiters, pads short rows and drops trailing blank rows", () => {
    expect(parseCsv('Naam;E-mail;Plaats\n"Arts; Sophie";s@example.nl\n;;\n\n')).toEqual({
      headers: ["Naam", "E-mail", "Plaats"],
      rows: [["Arts; Sophie", "s@example.nl", ""]],
    });
  });

  it("reads the first sheet of an .xlsx, numbers as written", async () => {
    const table = await readTable("leden.xlsx", xlsx([["Naam", "AGB-code", "Uren per week"], ["Sophie Arts", "01234567", 16], ["Jeroen Hermans", 90251002, 12]]));
    expect(table).toEqual({ headers: ["Naam", "AGB-code", "Uren per week"], rows: [["Sophie Arts", "01234567", "16"], ["Jeroen Hermans", "90251002", "12"]] });
  });

  // Building the 50 MB bomb is the slow part: zeros deflate to about the same size at
  // level 1 as at 9, much faster; and the time limit leaves room for a loaded machine
  // (it timed out at the default 5 s beside two other suites).
  it("refuses an .xlsx that would unpack beyond the limit, before inflating it", { timeout: 60_000 }, async () => {
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(MAX_UNPACKED_BYTES + 1) }, { level: 1 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(unpackedSize(bomb)).toBe(MAX_UNPACKED_BYTES + 1);
    await expect(readTable("bom.xlsx", bomb)).rejects.toMatchObject({ messageKey: "imports.errors.xlsxTooLarge", field: "file" });
    expect(unpackedSize(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });
});
