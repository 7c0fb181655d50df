import { ROLES, isValidKvk, isValidSlug } from "@koepel/rules";
import { z } from "zod";
import { requiredText, version } from "~/lib/validation";

export const legalForms = ["cooperative_ua", "bv", "foundation", "association", "partnership"] as const;

export const createOrganizationSchema = z.object({
  name: requiredText(120),
  legalForm: z.enum(legalForms, { required_error: "errors.required", invalid_type_error: "errors.invalid" }),
  kvkNumber: z.string({ required_error: "errors.required" }).trim().refine(isValidKvk, "org.errors.kvk"),
  slug: z.string({ required_error: "errors.required" }).trim().toLowerCase().refine(isValidSlug, "org.errors.slug"),
});

export const updateOrganizationSchema = createOrganizationSchema.omit({ slug: true }).extend({ version: version() });

// A checkbox list: no box ticked sends no field at all, which means "no role".
export const twoFactorRolesSchema = z.object({
  roles: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES, { invalid_type_error: "errors.invalid" }))),
  version: version(),
});
