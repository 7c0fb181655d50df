import { parseMoney } from "@koepel/rules";
import { z } from "zod";
import { requiredText, uuid } from "~/lib/validation";

// One schema per form, shared by the server (submitForm) and the browser (useSchemaForm).

const year = () =>
  z.coerce
    .number({ required_error: "errors.required", invalid_type_error: "budget.errors.year" })
    .int("budget.errors.year")
    .min(2000, "budget.errors.year")
    .max(2100, "budget.errors.year");

/** An amount typed as people do ("75.000,00", "18750"), into integer cents. */
const money = () =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .transform((v, ctx) => {
      const cents = parseMoney(v);
      if (cents === null || cents < 0 || cents > 100_000_000_000) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "budget.errors.amount" });
        return z.NEVER;
      }
      return cents;
    });

export const ceilingSchema = z.object({
  intent: z.literal("ceiling"),
  year: year(),
  amount: money(),
  reason: requiredText(500),
  /** The ceiling in force when the form was shown ("" for none): another change since → stale. */
  ceilingId: z.string().max(36).optional(),
});

export const allocationSchema = z.object({
  intent: z.literal("allocation"),
  memberId: uuid(),
  year: year(),
  amount: money(),
  reason: requiredText(500),
});

export const budgetViewSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  member: z.string().uuid().optional().catch(undefined),
});

export const productionFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
