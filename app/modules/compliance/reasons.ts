// The words for a "no" in the eligibility matrix, shared by the pages and the CSV.
import { formatDate, type IneligibleReason } from "@koepel/rules";
import type { TFunction } from "i18next";

export type TypeLabel = { code: string | null; name: string | null };

/** A registration type's name: the built-in ones from the locale, a cooperative's own as typed. */
export const typeLabel = (t: TFunction, type: TypeLabel | undefined) => (type?.code ? t(`registrations.types.${type.code}`) : (type?.name ?? "?"));

/** "Register Vaktherapie ontbreekt", "VOG ouder dan 36 maanden sinds 01-03-2026", "de coöperatie heeft geen HKZ-certificaat". */
export function reasonWords(t: TFunction, reason: IneligibleReason, types: Record<string, TypeLabel>, lng: "nl" | "en"): string {
  if (reason.code === "not_active") return t("eligibility.reasons.not_active", { status: t(`memberStatus.${reason.status}`) });
  const type = typeLabel(t, types[reason.typeId]);
  const prefix = reason.subject === "organization" ? "eligibility.reasons.organization." : "eligibility.reasons.";
  switch (reason.code) {
    case "missing":
    case "unverified":
      return t(`${prefix}${reason.code}`, { type });
    case "too_old":
      return t(`${prefix}too_old`, { type, date: formatDate(reason.on, lng), months: reason.maxAgeMonths });
    default:
      return t(`${prefix}${reason.code}`, { type, date: formatDate(reason.on, lng) });
  }
}
