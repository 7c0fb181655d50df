import type { Lng } from "~/i18n";
import { fixedT } from "~/lib/i18n.server";

export type MailKind = "verifyEmail" | "resetPassword" | "signupExisting" | "invitation" | "security:changeEmail" | "security:emailChangeRequested" | "security:emailChanged";

/**
 * A message in the recipient's language. Texts live in the locales under
 * mail.<kind>.subject / mail.<kind>.body with {{placeholders}}; a kind "<area>:<name>"
 * lives in that area's own file under <area>.mail.<name>.
 */
export async function renderMail(lng: Lng, kind: MailKind, vars: Record<string, string>) {
  const t = await fixedT(lng);
  const base = kind.includes(":") ? kind.replace(":", ".mail.") : `mail.${kind}`;
  const subject = t(`${base}.subject`, vars);
  const text = `${t(`${base}.body`, vars)}\n\n${t("mail.signature")}`;
  return { subject, text };
}

/** A message whose texts live in an area's own locale file (keys for subject and body), in the recipient's language. */
export async function renderAreaMail(lng: Lng, keys: { subject: string; body: string }, vars: Record<string, string>) {
  const t = await fixedT(lng);
  return { subject: t(keys.subject, vars), text: `${t(keys.body, vars)}\n\n${t("mail.signature")}` };
}
