import { parseReminderDays } from "@koepel/rules";
import { z } from "zod";
import { requiredText, uuid, version } from "~/lib/validation";
import { isoDate } from "~/modules/members/schemas";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v || null);
const wholeNumber = (max: number) =>
  z.coerce.number({ invalid_type_error: "registrations.errors.wholeNumber" }).int("registrations.errors.wholeNumber").min(0, "registrations.errors.wholeNumber").max(max, "registrations.errors.wholeNumber").optional();
const checkbox = () => z.literal("on").optional().transform((v) => v === "on");
// Conform turns an empty file input into undefined; the server checks the bytes themselves.
const file = () => z.instanceof(File, { message: "errors.invalid" }).optional();

/**
 * A registration as a member (or the board, for the cooperative's own) submits it.
 * `id` is made by the page that shows the form, so a double submit inserts one row.
 */
export const registrationSchema = z.object({
  id: uuid(),
  typeId: uuid(),
  supersedesId: uuid().optional(),
  number: optionalText(40),
  issuedOn: isoDate(),
  // Empty: filled in from the type's cycle.
  validUntil: isoDate().optional(),
  points: wholeNumber(10_000),
  evidence: file(),
});
export type RegistrationInput = z.output<typeof registrationSchema>;

export const verifySchema = z.object({ intent: z.literal("verify"), registrationId: uuid(), version: version() });
export const rejectSchema = z.object({ intent: z.literal("reject"), registrationId: uuid(), version: version(), reason: requiredText(500) });
export const verificationSchema = z.discriminatedUnion("intent", [verifySchema, rejectSchema]);

export const updateTypeSchema = z.object({
  intent: z.literal("updateType"),
  typeId: uuid(),
  version: version(),
  required: checkbox(),
  active: checkbox(),
  cycleMonths: wholeNumber(240),
});
export const addTypeSchema = z.object({
  intent: z.literal("addType"),
  name: requiredText(80),
  subject: z.enum(["member", "organization"], { required_error: "errors.required", invalid_type_error: "errors.invalid" }),
  cycleMonths: wholeNumber(240),
  pointsRequired: wholeNumber(10_000),
  required: checkbox(),
});
export const reminderDaysSchema = z.object({
  intent: z.literal("reminderDays"),
  version: version(),
  reminderDays: z
    .string({ required_error: "errors.required" })
    .transform((v, ctx) => {
      const days = parseReminderDays(v);
      if (!days) {
        ctx.addIssue({ code: "custom", message: "registrations.errors.reminderDays" });
        return z.NEVER;
      }
      return days;
    }),
});
export const typesActionSchema = z.discriminatedUnion("intent", [updateTypeSchema, addTypeSchema, reminderDaysSchema]);
