import { z } from "zod";

// Messages are i18n keys; the form renders them in the user's language beside the field.
export const requiredText = (max = 200) =>
  z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong");

export const email = () =>
  z.string({ required_error: "errors.required" }).trim().max(254, "errors.tooLong").email("errors.email").transform((v) => v.toLowerCase());

// NIST 800-63B: length is what counts; no composition rules, no truncation.
export const newPassword = () =>
  z.string({ required_error: "errors.required" }).min(8, "errors.passwordTooShort").max(256, "errors.passwordTooLong");

export const anyPassword = () => z.string({ required_error: "errors.required" }).min(1, "errors.required").max(256, "errors.passwordTooLong");

export const version = () => z.coerce.number({ required_error: "errors.required" }).int().min(1);
export const uuid = () => z.string({ required_error: "errors.required" }).uuid("errors.invalid");

/**
 * NUL and the other C0 control characters, except tab, LF and CR (text, and needed in
 * multi-line fields). PostgreSQL refuses NUL in text (`invalid byte sequence ... 0x00`,
 * a 500); the others have no place in anything a person types. Checked once for
 * every form in submitForm (route.server.ts), before the schema's value is used.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const controlCharacterIn = (value: string) => /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(value);

/** For query strings and URL parameters, which are single-line: every C0 control. */
// eslint-disable-next-line no-control-regex -- as above
export const queryControlCharacterIn = (value: string) => /[\x00-\x1f]/.test(value);
