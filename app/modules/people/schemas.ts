import { ROLES } from "@koepel/rules";
import { z } from "zod";
import { email, newPassword, requiredText, uuid, version } from "~/lib/validation";

const role = () => z.enum(ROLES, { required_error: "errors.required", invalid_type_error: "errors.invalid" });

export const inviteSchema = z.object({ email: email(), role: role() });
export const changeRoleSchema = z.object({ intent: z.literal("changeRole"), membershipId: uuid(), role: role(), version: version() });
export const removeSchema = z.object({ intent: z.literal("remove"), membershipId: uuid(), version: version() });
export const invitationActionSchema = z.object({ intent: z.enum(["resend", "revoke"]), invitationId: uuid() });
/** What the per-person page does (routes/c.$org.people.$membershipId.tsx). */
export const personActionSchema = z.discriminatedUnion("intent", [changeRoleSchema, removeSchema]);
export const acceptNewAccountSchema = z.object({ intent: z.literal("create"), name: requiredText(120), password: newPassword() });
export const acceptLinkSchema = z.object({ intent: z.literal("link") });
