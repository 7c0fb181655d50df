import { PRODUCT_CATEGORIES, PRODUCT_UNITS, isProductCode, parseMoney } from "@koepel/rules";
import { z } from "zod";
import { requiredText, uuid, version } from "~/lib/validation";
import { isoDate } from "~/modules/members/schemas";

// One schema per form, shared by the server (submitForm) and the browser (useSchemaForm).
// A maximum volume depends on the product's unit (hours typed, minutes stored), so the
// schema only checks its shape; the module converts it with the unit and answers
// beside the field when it does not come to whole minutes.

const enumOf = <T extends readonly [string, ...string[]]>(values: T, message = "errors.invalid") =>
  z.enum(values, { errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? "errors.required" : message }) });
const checkbox = () => z.literal("on").optional().transform((v) => v === "on");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v || null);
const count = (max: number) =>
  z.coerce.number({ invalid_type_error: "products.errors.wholeNumber" }).int("products.errors.wholeNumber").min(0, "products.errors.wholeNumber").max(max, "products.errors.wholeNumber");
/** "70,80" → 7080 cents; never through a float. */
const money = () =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .transform((v, ctx) => {
      const cents = parseMoney(v);
      if (cents === null || cents < 0 || cents > 100_000_000) {
        ctx.addIssue({ code: "custom", message: "products.errors.money" });
        return z.NEVER;
      }
      return cents;
    });
const volume = () =>
  z
    .string()
    .trim()
    .max(12, "products.errors.volume")
    .regex(/^\d+([,.:]\d{1,2})?$/, "products.errors.volume")
    .optional()
    .transform((v) => v || null);

const productFields = {
  name: requiredText(120),
  category: enumOf(PRODUCT_CATEGORIES, "products.errors.category"),
  code: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .refine(isProductCode, "products.errors.code")
    .transform((v) => v.toUpperCase()),
  unit: enumOf(PRODUCT_UNITS),
  requiresLeadClinician: checkbox(),
};

export const ruleFields = {
  maxVolume: volume(),
  maxDurationWeeks: count(520).optional().transform((v) => v ?? null),
  extensionsWithoutReferrer: count(20).optional().transform((v) => v ?? 0),
  documentAtExtension: count(20).min(1, "products.errors.wholeNumber").optional().transform((v) => v ?? null),
  documentName: optionalText(120),
  reviewAfterExtension: count(20).min(1, "products.errors.wholeNumber").optional().transform((v) => v ?? null),
  reviewBy: optionalText(120),
};

/** A new product with its first tariff and first rules (from `validFrom`). */
export const createProductSchema = z.object({
  ...productFields,
  tariff: money(),
  validFrom: isoDate(),
  ...ruleFields,
});
export type CreateProductInput = z.output<typeof createProductSchema>;

export const updateProductSchema = z.object({ intent: z.literal("update"), ...productFields, version: version() });
export const tariffSchema = z.object({ intent: z.literal("tariff"), amount: money(), validFrom: isoDate() });
export const rulesSchema = z.object({ intent: z.literal("rules"), effectiveOn: isoDate(), amendmentId: uuid().optional(), ...ruleFields });
export const productActionSchema = z.discriminatedUnion("intent", [updateProductSchema, tariffSchema, rulesSchema]);
export type UpdateProductInput = z.output<typeof updateProductSchema>;
export type TariffInput = z.output<typeof tariffSchema>;
export type RulesInput = z.output<typeof rulesSchema>;
export type RuleFieldsInput = Pick<CreateProductInput, keyof typeof ruleFields>;

export const addRequirementSchema = z.object({
  intent: z.literal("add"),
  typeId: uuid(),
  maxAgeMonths: count(600).min(1, "products.errors.wholeNumber").optional().transform((v) => v ?? null),
});
export const removeRequirementSchema = z.object({ intent: z.literal("remove"), requirementId: uuid() });
export const requirementActionSchema = z.discriminatedUnion("intent", [addRequirementSchema, removeRequirementSchema]);
export type AddRequirementInput = z.output<typeof addRequirementSchema>;

/** `?on=2027-03-01` on the product pages: show what is in force on that date (default today). */
export function onDateParam(request: Request): string | undefined {
  const on = new URL(request.url).searchParams.get("on");
  const parsed = isoDate().safeParse(on ?? undefined);
  return parsed.success ? parsed.data : undefined;
}
