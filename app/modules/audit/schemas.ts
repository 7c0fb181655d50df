import { z } from "zod";
import { AUDIT_VIEWS } from "./actions";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date "YYYY-MM-DD" (what <input type="date"> submits). */
const isoDate = () =>
  z
    .string()
    .regex(ISO_DATE, "errors.invalid")
    .refine((v) => {
      const d = new Date(`${v}T12:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, "errors.invalid");

export const AUDIT_PAGE_SIZE = 50;

/** The audit log's filters, read from the query string (GET form), shared by the page and the CSV. */
export const auditFilterSchema = z
  .object({
    from: isoDate().optional(),
    to: isoDate().optional(),
    actor: z.string().uuid("errors.invalid").optional(),
    action: z.string().max(100, "errors.tooLong").optional(),
    entityType: z.string().max(100, "errors.tooLong").optional(),
    /** Changes (the default: everything but reads), reads only, or all. */
    kind: z.enum(AUDIT_VIEWS, { errorMap: () => ({ message: "errors.invalid" }) }).default("changes"),
    page: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(1, "errors.invalid").max(1_000_000, "errors.invalid").default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "auditLog.errors.toBeforeFrom" });

export type AuditFilter = z.output<typeof auditFilterSchema>;
