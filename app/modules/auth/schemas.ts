import { z } from "zod";
import { anyPassword, email, newPassword, requiredText } from "~/lib/validation";

export const signupSchema = z.object({ name: requiredText(120), email: email(), password: newPassword() });
export const loginSchema = z.object({ email: email(), password: anyPassword(), redirectTo: z.string().optional() });
export const emailOnlySchema = z.object({ email: email() });
export const resetPasswordSchema = z
  .object({ token: z.string().min(1, "errors.required"), password: newPassword(), confirm: z.string({ required_error: "errors.required" }) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });
export const tokenSchema = z.object({ token: z.string().min(1, "errors.required") });
export const profileSchema = z.object({ name: requiredText(120) });
export const localeSchema = z.object({ locale: z.enum(["nl", "en"]), redirectTo: z.string().optional() });
export const reauthSchema = z.object({ password: anyPassword() });
export const changePasswordSchema = z
  .object({ current: anyPassword(), password: newPassword(), confirm: z.string({ required_error: "errors.required" }) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });
export const codeSchema = z.object({ code: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(40, "errors.tooLong"), redirectTo: z.string().optional() });
export const changeEmailSchema = z.object({ email: email(), password: anyPassword() });
