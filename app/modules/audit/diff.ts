/** One changed field of an audit row: what it was and what it became (null = absent). */
export type AuditChange = { field: string; before: string | null; after: string | null };

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fields(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/**
 * The readable difference between an audit row's before and after: the fields
 * that changed, in a stable order. A field equal on both sides is left out; a
 * row with only an after (a creation) lists every field as new.
 */
export function auditDiff(before: unknown, after: unknown): AuditChange[] {
  const b = fields(before);
  const a = fields(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((c) => c.before !== c.after);
}

type Translate = (key: string, options: { defaultValue: string }) => string;

// Fields whose values are codes with a translation of their own.
const VALUE_KEYS: Record<string, string> = { role: "roles", legalForm: "legalForms" };

/** A change in the reader's language: known field names and coded values translated, the rest as stored. */
export function translateChange(t: Translate, c: AuditChange): AuditChange {
  const value = (v: string | null) => (v !== null && VALUE_KEYS[c.field] ? t(`${VALUE_KEYS[c.field]}.${v}`, { defaultValue: v }) : v);
  return { field: t(`auditLog.fields.${c.field}`, { defaultValue: c.field }), before: value(c.before), after: value(c.after) };
}

/** The same difference as one line of text, for the CSV export. */
export const auditDiffText = (changes: AuditChange[]) =>
  changes.map((c) => (c.before === null ? `${c.field}: ${c.after}` : `${c.field}: ${c.before} → ${c.after ?? "—"}`)).join("; ");
