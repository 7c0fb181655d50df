import { REGISTRATION_FILTERS } from "./filters";
import {
  AGE_RANGES,
  DISCIPLINES,
  MEMBER_TYPES,
  isValidAgb,
  isValidEstablishmentNumber,
  isValidIban,
  isValidKvk,
  isValidPostcode,
  normalizeAgb,
  normalizeIban,
  normalizeKvk,
  normalizePostcode,
  parseDateInput,
} from "@koepel/rules";
import { z } from "zod";
import { email, requiredText, uuid, version } from "~/lib/validation";

// One schema per form, shared by the server (submitForm) and the browser (useSchemaForm).

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? "errors.required" : "errors.invalid" }) });
/** Checkbox groups: nothing ticked arrives as no value at all. */
const many = <T extends z.ZodTypeAny>(item: T) => z.array(item).default([]);
const optionalText = (max = 200) => z.string().trim().max(max, "errors.tooLong").optional();
/** A free-text list typed one per line or separated by commas ("Nijmegen, Wijchen"). */
const textList = () =>
  z
    .string()
    .max(2000, "errors.tooLong")
    .optional()
    .transform((v) => [...new Set((v ?? "").split(/[\n,;]/).map((s) => s.trim()).filter(Boolean))]);
const wholeNumber = (max: number) => z.coerce.number({ invalid_type_error: "members.errors.number" }).int("members.errors.number").min(0, "members.errors.number").max(max, "members.errors.number").optional();
/**
 * A calendar date from the one date field: typed "30-11-2026" or picked (ISO
 * "2026-11-30"), stored as ISO. One check gives one message: a regex plus a
 * refine printed "not a date" twice.
 */
export const isoDate = () =>
  z.string({ required_error: "errors.required" }).transform((v, ctx) => {
    const iso = parseDateInput(v);
    if (iso === null) {
      ctx.addIssue({ code: "custom", message: "members.errors.date" });
      return z.NEVER;
    }
    return iso;
  });
const identifier = (valid: (v: string) => boolean, normalize: (v: string) => string, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || valid(v), message)
    .transform((v) => (v ? normalize(v) : null));

export const memberTypeField = () => enumOf(MEMBER_TYPES);

/** What the member keeps up about their own practice of the profession. */
export const profileSchema = z.object({
  disciplines: many(enumOf(DISCIPLINES)),
  ageRanges: many(enumOf(AGE_RANGES)),
  problemAreaIds: many(uuid()),
  municipalities: textList(),
  languages: textList(),
  capacityHoursPerWeek: wholeNumber(80),
  waitingWeeks: wholeNumber(104),
  version: version(),
});
export type ProfileInput = z.output<typeof profileSchema>;

/** The board edits the profile and the record's contact details and type together. */
export const memberDetailsSchema = profileSchema.extend({
  intent: z.literal("details"),
  name: requiredText(120),
  email: email().optional(),
  phone: optionalText(40),
  type: memberTypeField(),
});

export const createMemberSchema = z.object({
  name: requiredText(120),
  email: email(),
  phone: optionalText(40),
  type: memberTypeField(),
});

export const admitSchema = z.object({ intent: z.literal("admit"), joinedOn: isoDate(), version: version() });
export const resignSchema = z.object({ intent: z.literal("resign"), requestedOn: isoDate(), reason: optionalText(500), version: version() });
export const suspendSchema = z.object({ intent: z.enum(["suspend", "reinstate"]), reason: optionalText(500), version: version() });
export const inviteMemberSchema = z.object({ intent: z.literal("invite") });
export const agbSchema = z.object({
  intent: z.literal("addAgb"),
  code: z.string({ required_error: "errors.required" }).trim().refine(isValidAgb, "agb.errors.format").transform(normalizeAgb),
});
export const removeAgbSchema = z.object({ intent: z.literal("removeAgb"), agbId: uuid() });
export const linkPracticeSchema = z.object({ intent: z.enum(["linkPractice", "unlinkPractice"]), practiceId: uuid() });
export const memberActionSchema = z.discriminatedUnion("intent", [
  memberDetailsSchema,
  admitSchema,
  resignSchema,
  suspendSchema,
  inviteMemberSchema,
  agbSchema,
  removeAgbSchema,
  linkPracticeSchema,
]);

export const practiceSchema = z.object({
  name: requiredText(160),
  kvkNumber: identifier(isValidKvk, normalizeKvk, "practices.errors.kvk"),
  establishmentNumber: identifier(isValidEstablishmentNumber, (v) => v.replace(/[\s.-]/g, ""), "practices.errors.establishment"),
  agbCode: identifier(isValidAgb, normalizeAgb, "agb.errors.format"),
  street: optionalText(160),
  houseNumber: optionalText(20),
  postcode: identifier(isValidPostcode, normalizePostcode, "practices.errors.postcode"),
  city: optionalText(80),
  website: z
    .string()
    .trim()
    .max(300, "errors.tooLong")
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), "practices.errors.website"),
  iban: identifier(isValidIban, normalizeIban, "practices.errors.iban"),
});
export type PracticeInput = z.output<typeof practiceSchema>;
export const updatePracticeSchema = practiceSchema.extend({ version: version() });

export const memberSettingsSchema = z.object({
  intent: z.literal("statutes"),
  // An unticked checkbox sends nothing.
  resignationAtYearEnd: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  resignationNoticeWeeks: z.coerce.number({ required_error: "errors.required", invalid_type_error: "members.errors.number" }).int("members.errors.number").min(0, "members.errors.number").max(104, "members.errors.number"),
  financialYearEndMonth: z.coerce.number({ required_error: "errors.required", invalid_type_error: "members.errors.number" }).int("members.errors.number").min(1, "members.errors.number").max(12, "members.errors.number"),
  version: version(),
});
export const problemAreaSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("addProblemArea"), name: requiredText(80) }),
  z.object({ intent: z.literal("renameProblemArea"), problemAreaId: uuid(), name: requiredText(80) }),
  z.object({ intent: z.literal("removeProblemArea"), problemAreaId: uuid() }),
]);
export const memberSettingsActionSchema = z.discriminatedUnion("intent", [memberSettingsSchema, ...problemAreaSchema.options]);

export { REGISTRATION_FILTERS };

/** The directory's filters, from the query string. */
export const directoryFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  discipline: z.enum(DISCIPLINES).optional().catch(undefined),
  municipality: z.string().trim().max(80).optional().catch(undefined),
  status: z.enum(["prospective", "member", "suspended", "left"]).optional().catch(undefined),
  type: z.enum(MEMBER_TYPES).optional().catch(undefined),
  // Registration details are the board's: the filter is ignored for peers.
  registration: z.enum(REGISTRATION_FILTERS).optional().catch(undefined),
});

export type DirectoryFilter = z.output<typeof directoryFilterSchema>;
