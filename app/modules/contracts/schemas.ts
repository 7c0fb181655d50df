import { STATUS_FILTERS } from "./filters";
import { CLIENT_KINDS, CONTRACT_KINDS, FINANCING, INDIRECT_TIME, contractProblems } from "@koepel/rules";
import { z } from "zod";
import { requiredText, uuid, version } from "~/lib/validation";
import { isoDate } from "~/modules/members/schemas";

// One schema per form, shared by the server (submitForm) and the browser (useSchemaForm).

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? "errors.required" : "errors.invalid" }) });
const optionalText = (max = 200) => z.string().trim().max(max, "errors.tooLong").optional();
/** Several inputs with one name; the empty ones are left out. */
const listOf = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x) => x !== undefined && x !== ""), z.array(item).max(max, "errors.tooLong"));
const percent = () =>
  z.coerce.number({ invalid_type_error: "contracts.errors.share" }).int("contracts.errors.share").min(0, "contracts.errors.share").max(100, "contracts.errors.share").optional();

export { STATUS_FILTERS };

export const contractFilterSchema = z.object({
  kind: enumOf(CONTRACT_KINDS).optional().catch(undefined),
  status: enumOf(STATUS_FILTERS).optional().catch(undefined),
});
export type ContractFilter = z.output<typeof contractFilterSchema>;

const contractFields = z.object({
  name: requiredText(160),
  reference: optionalText(80),
  clientKind: enumOf(CLIENT_KINDS),
  regionId: uuid().optional(),
  municipalityIds: listOf(uuid(), 60),
  mainContractor: optionalText(160),
  kind: enumOf(CONTRACT_KINDS),
  lot: optionalText(160),
  startsOn: isoDate(),
  endsOn: isoDate(),
  extensionOptions: optionalText(200),
  latestEndOn: isoDate().optional(),
  evaluationDates: listOf(isoDate(), 12),
  financing: enumOf(FINANCING),
  indirectTime: enumOf(INDIRECT_TIME),
  indirectSharePercent: percent(),
  stopsWhenBudgetSpent: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  notes: optionalText(4000),
});

type ContractFields = z.output<typeof contractFields>;

/** What needs more than one field: the client that goes with the kind of client, the dates, the share. */
function checkContract(v: ContractFields, ctx: z.RefinementCtx) {
  if (v.clientKind === "region" && !v.regionId) ctx.addIssue({ code: "custom", path: ["regionId"], message: "contracts.errors.regionRequired" });
  if (v.clientKind === "municipalities" && v.municipalityIds.length === 0) ctx.addIssue({ code: "custom", path: ["municipalityIds"], message: "contracts.errors.municipalitiesRequired" });
  if (v.clientKind === "main_contractor" && !v.mainContractor) ctx.addIssue({ code: "custom", path: ["mainContractor"], message: "contracts.errors.mainContractorRequired" });
  for (const p of contractProblems({ ...v, latestEndOn: v.latestEndOn ?? null, indirectSharePercent: v.indirectSharePercent ?? null })) {
    ctx.addIssue({ code: "custom", path: [p.field], message: p.messageKey });
  }
}

export const contractSchema = contractFields.superRefine(checkContract);
export type ContractInput = z.output<typeof contractSchema>;

export const contractDetailsSchema = contractFields.extend({ intent: z.literal("details"), version: version() }).superRefine(checkContract);

export const contactSchema = z.object({
  intent: z.literal("addContact"),
  name: requiredText(120),
  role: optionalText(120),
  email: z.string().trim().max(254, "errors.tooLong").email("errors.email").optional(),
  phone: optionalText(40),
});
export type ContactInput = z.output<typeof contactSchema>;

export const removeContactSchema = z.object({ intent: z.literal("removeContact"), contactId: uuid() });

export const documentSchema = z.object({
  intent: z.literal("upload"),
  title: requiredText(160),
  document: z.instanceof(File, { message: "errors.required" }).optional(),
});

export const amendmentSchema = z
  .object({
    // A key made when the form was shown: a double submit records one amendment.
    key: z.string({ required_error: "errors.required" }).uuid("errors.invalid"),
    title: requiredText(160),
    effectiveOn: isoDate(),
    summary: optionalText(4000),
    changesTerms: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    indirectTime: enumOf(INDIRECT_TIME).optional(),
    indirectSharePercent: percent(),
    document: z.instanceof(File, { message: "errors.required" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.changesTerms) return;
    if (!v.indirectTime) ctx.addIssue({ code: "custom", path: ["indirectTime"], message: "errors.required" });
    else if (v.indirectTime === "share" && v.indirectSharePercent === undefined) ctx.addIssue({ code: "custom", path: ["indirectSharePercent"], message: "contracts.errors.shareRequired" });
  });
export type AmendmentInput = z.output<typeof amendmentSchema>;

export const regionSchema = z.object({ intent: z.literal("addRegion"), name: requiredText(120) });
export const municipalitySchema = z.object({ intent: z.literal("addMunicipality"), name: requiredText(120), regionId: uuid().optional() });
export const referenceActionSchema = z.discriminatedUnion("intent", [regionSchema, municipalitySchema]);
