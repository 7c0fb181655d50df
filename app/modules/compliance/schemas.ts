import { DUTY_RECURRENCES, todayInAmsterdam } from "@koepel/rules";
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
// Conform turns an empty file input into undefined; the server checks the bytes themselves.
const file = () => z.instanceof(File, { message: "errors.invalid" }).optional();

/** The date the eligibility matrix, a contract's column and the roster are shown for (GET form; empty: today). */
export const eligibilityDateSchema = z.object({ date: isoDate().optional() });

/** The date from a GET form's query; a missing or malformed one means today. */
export function dateFromRequest(request: Request): string {
  const parsed = eligibilityDateSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return (parsed.success ? parsed.data.date : undefined) ?? todayInAmsterdam();
}

/**
 * The roster's query (optionally marked with eligibility for one contract). A malformed date means today; a contract id that is no uuid
 * is passed on as given, so it answers "not found" rather than being ignored.
 */
export function rosterInput(request: Request): { date: string; contractId?: string } {
  const contractId = new URL(request.url).searchParams.get("contractId") || undefined;
  return { date: dateFromRequest(request), contractId };
}

const dutyFields = {
  title: requiredText(200),
  recurrence: z.enum(DUTY_RECURRENCES, { required_error: "errors.required", invalid_type_error: "errors.invalid", message: "errors.invalid" }),
  firstDueOn: isoDate(),
  remindDaysBefore: z.coerce
    .number({ required_error: "errors.required", invalid_type_error: "duties.errors.remindDays" })
    .int("duties.errors.remindDays")
    .min(0, "duties.errors.remindDays")
    .max(365, "duties.errors.remindDays"),
};

/** A new duty; `key` is made by the page that shows the form, so a double submit creates one duty. */
export const createDutySchema = z.object({ intent: z.literal("create"), key: uuid(), ...dutyFields });
export const updateDutySchema = z.object({ intent: z.literal("update"), dutyId: uuid(), version: version(), ...dutyFields });
export const deactivateDutySchema = z.object({ intent: z.literal("deactivate"), dutyId: uuid(), version: version() });
export const activateDutySchema = z.object({ intent: z.literal("activate"), dutyId: uuid(), version: version() });
/** The board marks a due date as submitted, with the report attached (optional, PDF/PNG/JPEG). */
export const submitReportSchema = z.object({ intent: z.literal("submit"), dutyId: uuid(), dueOn: isoDate(), submittedOn: isoDate(), note: optionalText(500), report: file() });

export const dutyActionSchema = z.discriminatedUnion("intent", [createDutySchema, updateDutySchema, deactivateDutySchema, activateDutySchema, submitReportSchema]);

export type DutyInput = { title: string; recurrence: (typeof DUTY_RECURRENCES)[number]; firstDueOn: string; remindDaysBefore: number };
