// Helpers for the member import tests: files as a browser would send them.
import { readFileSync } from "node:fs";

export const SAMPLE_CSV = new Uint8Array(readFileSync(new URL("../../docs/samples/leden-import-voorbeeld.csv", import.meta.url)));

/** A multipart form with one file, as the upload form sends it. */
export function fileForm(content: string | Uint8Array<ArrayBuffer>, name = "leden.csv", type = "text/csv"): FormData {
  const form = new FormData();
  form.append("file", new File([content], name, { type }));
  return form;
}

/** `count` realistic member rows (header included), semicolon-separated as Dutch Excel writes them. */
export function generatedCsv(count: number, seed = 0): string {
  const disciplines = ["Beeldende therapie", "Dramatherapie", "Muziektherapie", "Danstherapie", "PMT", "Speltherapie"];
  const places = ["Nijmegen", "Wijchen", "Beuningen", "Druten", "Heumen", "Berg en Dal", "Mook en Middelaar"];
  const lines = ["Naam;E-mail;AGB-code;Soort lid;Disciplines;Gemeenten;Talen;Uren per week;Wachttijd (weken);Praktijknaam;Postcode;Plaats"];
  for (let i = 0; i < count; i++) {
    const n = seed + i;
    const agb = String(90250000 + n).padStart(8, "0");
    const place = places[n % places.length];
    const practice = n % 3 === 0 ? "" : `Praktijk ${Math.floor(n / 3)}`;
    lines.push(
      [`Therapeut ${n}`, `therapeut${n}@example.nl`, agb, n % 10 === 0 ? "onderaannemer" : "lid", disciplines[n % disciplines.length], place, n % 4 === 0 ? "Nederlands, Engels" : "Nederlands", String(8 + (n % 20)), String(n % 12), practice, practice ? `65${String(10 + (Math.floor(n / 3) % 89)).padStart(2, "0")} AB` : "", practice ? places[Math.floor(n / 3) % places.length] : ""].join(";"),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
