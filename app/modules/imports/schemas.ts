import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from "@koepel/rules";
import { z } from "zod";
import { version } from "~/lib/validation";

// The upload: one file. Size and content are checked by the server (parse.server.ts).
export const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: "imports.errors.fileRequired" })
    .refine((file) => file.size > 0 && file.name !== "", "imports.errors.fileRequired"),
});

// The mapping form: per Koepel field the chosen column's index; no value means "not imported".
const column = z.string().regex(/^\d{1,3}$/, "errors.invalid").optional();
export const mapSchema = z.object({
  intent: z.literal("map"),
  version: version(),
  ...(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column])) as Record<ImportField, typeof column>),
});
export const confirmSchema = z.object({ intent: z.literal("confirm"), version: version() });
export const retrySchema = z.object({ intent: z.literal("retry"), version: version() });
export const importActionSchema = z.discriminatedUnion("intent", [mapSchema, confirmSchema, retrySchema]);

export function mappingFromForm(value: z.output<typeof mapSchema>): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const chosen = value[field];
    if (chosen !== undefined) mapping[field] = Number(chosen);
  }
  return mapping;
}
