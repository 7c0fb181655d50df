import { REFERRER_TYPES, clientCodeProblem, parseMinutes } from "@koepel/rules";
import { z } from "zod";
import { requiredText, uuid, version } from "~/lib/validation";
import { isoDate } from "~/modules/members/schemas";

// One schema per form, shared by the server (submitForm) and the browser (useSchemaForm).

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? "errors.required" : "errors.invalid" }) });
const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v || null);
/** Hours as "12" or "12:30"; kept as minutes. */
const hours = () =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .transform((v, ctx) => {
      const m = /^(\d{1,4})(?::([0-5]\d))?$/.exec(v);
      if (!m) {
        ctx.addIssue({ code: "custom", message: "trajectories.errors.hours" });
        return z.NEVER;
      }
      return Number(m[1]) * 60 + Number(m[2] ?? 0);
    });
/** Minutes as "1:30" or "90". */
const minutes = () =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const m = parseMinutes(v ?? "");
      if (m === null || m > 1440) {
        ctx.addIssue({ code: "custom", message: "timeEntries.errors.minutes" });
        return z.NEVER;
      }
      return m;
    });

export const clientCode = () =>
  requiredText(40).superRefine((v, ctx) => {
    const problem = clientCodeProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `trajectories.errors.clientCode_${problem}` });
  });

export const trajectorySchema = z
  .object({
    contractId: uuid(),
    productId: uuid(),
    clientCode: clientCode(),
    birthYear: z
      .string({ required_error: "errors.required" })
      .trim()
      .regex(/^\d{4}$/, "trajectories.errors.birthYear")
      .transform(Number)
      .refine((y) => y >= 1990 && y <= 2100, "trajectories.errors.birthYear"),
    municipalityId: uuid(),
    allocationNumber: optionalText(40),
    coordinatorId: uuid(),
    referrerType: enumOf(REFERRER_TYPES),
    startsOn: isoDate(),
    endsOn: isoDate(),
    allocatedHours: hours(),
    leadClinician: optionalText(120),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "trajectories.errors.endBeforeStart" });
  });
export type TrajectoryInput = z.output<typeof trajectorySchema>;

export const timeEntrySchema = z
  .object({
    intent: z.literal("log"),
    workedOn: isoDate(),
    memberId: uuid(),
    direct: minutes(),
    indirect: minutes(),
    note: optionalText(500),
    submissionKey: z.string({ required_error: "errors.required" }).min(16).max(64),
  })
  .superRefine((v, ctx) => {
    if (v.direct + v.indirect === 0) ctx.addIssue({ code: "custom", path: ["direct"], message: "timeEntries.errors.noTime" });
    if (v.direct + v.indirect > 1440) ctx.addIssue({ code: "custom", path: ["direct"], message: "timeEntries.errors.minutes" });
  });
export type TimeEntryInput = z.output<typeof timeEntrySchema>;

export const extensionSchema = z.object({
  intent: z.literal("extend"),
  grantedOn: isoDate(),
  newEndsOn: isoDate(),
  extraHours: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? "").trim();
      if (!s) return 0;
      const m = /^(\d{1,4})(?::([0-5]\d))?$/.exec(s);
      if (!m) {
        ctx.addIssue({ code: "custom", message: "trajectories.errors.hours" });
        return z.NEVER;
      }
      return Number(m[1]) * 60 + Number(m[2] ?? 0);
    }),
  grantedByReferrer: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
  document: z.instanceof(File).optional(),
  version: version(),
});
export type ExtensionInput = z.output<typeof extensionSchema>;

export const attachDocumentSchema = z.object({
  intent: z.literal("attachDocument"),
  extensionId: uuid(),
  document: z.instanceof(File, { message: "errors.required" }).refine((f) => f.size > 0, "errors.required"),
});

export const practitionerSchema = z.object({ intent: z.literal("addPractitioner"), memberId: uuid() });
export const removePractitionerSchema = z.object({ intent: z.literal("removePractitioner"), memberId: uuid() });
export const statusSchema = z.object({ intent: z.literal("status"), status: enumOf(["active", "completed", "stopped"] as const), version: version() });
export const reviewSchema = z.object({ intent: z.literal("review"), reviewDoneOn: isoDate(), version: version() });

export const trajectoryFilterSchema = z.object({
  // "All contracts" submits an empty value, and a kept link may carry a stale one: both mean no filter, not an error.
  contractId: z.string().uuid().nullish().catch(null),
  status: z.enum(["active", "completed", "stopped"]).optional().catch(undefined),
  warnings: z.enum(["1"]).optional().catch(undefined),
});
