// Dutch identifiers the cooperatives work with. Pure functions: no I/O, no locale.
// Sources: DOMAIN.md "Reference facts". Each validator accepts the forms people type
// (spaces, dots) and `normalize*` returns the canonical form to store.

const digitsOnly = (value: string) => value.replace(/[\s.-]/g, "");

/** KvK number: exactly 8 digits, no published checksum. */
export function normalizeKvk(value: string): string {
  return digitsOnly(value.trim());
}
export function isValidKvk(value: string): boolean {
  return /^\d{8}$/.test(normalizeKvk(value));
}

/** KvK establishment number (vestigingsnummer): 12 digits, no checksum. */
export function isValidEstablishmentNumber(value: string): boolean {
  return /^\d{12}$/.test(digitsOnly(value.trim()));
}

/** AGB code: 8 digits (Vektis); the first two are the provider type. */
export function normalizeAgb(value: string): string {
  return digitsOnly(value.trim());
}
export function isValidAgb(value: string): boolean {
  return /^\d{8}$/.test(normalizeAgb(value));
}
export function agbProviderType(value: string): string | null {
  const code = normalizeAgb(value);
  return /^\d{8}$/.test(code) ? code.slice(0, 2) : null;
}

/** BIG number: 11 digits. */
export function isValidBig(value: string): boolean {
  return /^\d{11}$/.test(digitsOnly(value.trim()));
}

/** Dutch postcode "1234 AB": first digit 1-9; stored with one space and capitals. */
export function normalizePostcode(value: string): string {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  return compact.length === 6 ? `${compact.slice(0, 4)} ${compact.slice(4)}` : compact;
}
export function isValidPostcode(value: string): boolean {
  // SA, SD and SS are not issued as letter combinations.
  const normalized = normalizePostcode(value);
  return /^[1-9]\d{3} [A-Z]{2}$/.test(normalized) && !/ S[ADS]$/.test(normalized);
}

/** IBAN per ISO 13616: country length table for NL (18), mod-97 check for all. */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}
const IBAN_LENGTHS: Record<string, number> = { NL: 18, BE: 16, DE: 22, FR: 27, LU: 20, GB: 22, ES: 24, IT: 27 };
export function isValidIban(value: string): boolean {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  if (iban.startsWith("NL") && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Letters become 10..35; reduce piecewise so the number never exceeds Number's safe range.
  let remainder = 0;
  for (const char of rearranged) {
    const chunk = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of chunk) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A cooperative's URL name: lowercase letters, digits and single hyphens, 3-40 long. */
const RESERVED_SLUGS = new Set(["new", "nieuw", "admin", "api", "login", "logout", "signup", "settings", "dev", "c", "www"]);
export function normalizeSlug(value: string): string {
  return value.trim().toLowerCase();
}
export function isValidSlug(value: string): boolean {
  const slug = normalizeSlug(value);
  return /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,39}$/.test(slug) && !RESERVED_SLUGS.has(slug);
}
/** Suggest a URL name from a cooperative's name ("VaKwerK regio Nijmegen" -> "vakwerk-regio-nijmegen"). */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
