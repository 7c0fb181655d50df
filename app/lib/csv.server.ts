import Papa from "papaparse";

type Cell = string | number | null | undefined;

/**
 * Every CSV download the same way, as Dutch Excel opens it: a BOM so UTF-8 is
 * recognised, `;` between cells, and any cell starting with = + - @ written as
 * text (names and notes come from people; a spreadsheet must not run them).
 */
export function csvResponse(filename: string, fields: string[], data: Cell[][]): Response {
  const csv = Papa.unparse({ fields, data: data.map((row) => row.map((cell) => cell ?? "")) }, { delimiter: ";", escapeFormulae: true });
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
