// The words of an attention item, for the page and for the digest alike (issue 12:
// what the mail says and what the page shows agree because both call this).
import { formatDate, formatMinutes, formatMoney, type AttentionItem, type AttentionParam } from "@koepel/rules";
import type { TFunction } from "i18next";

type Lng = "nl" | "en";

/** One parameter in the reader's language: dates as 01-02-2027, money as EUR 31.341,60, minutes as 12:30. */
export function paramText(t: TFunction, value: AttentionParam, lng: Lng): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if ("date" in value) return formatDate(value.date, lng);
  if ("money" in value) return formatMoney(value.money, lng);
  if ("minutes" in value) return formatMinutes(value.minutes);
  if ("list" in value) return value.list.map((v) => paramText(t, v, lng)).join("; ");
  return t(value.t, paramsText(t, value.params ?? {}, lng));
}

export function paramsText(t: TFunction, params: Record<string, AttentionParam>, lng: Lng): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = paramText(t, v, lng);
  return out;
}

/**
 * The reason in words: "Productiecijfers per kwartaal voor Pilot vaktherapie Haarlem had op 30-10-2026 binnen
 * moeten zijn." An empty part (no hours for a per-session product, no warnings) leaves no stray space behind.
 */
export const reasonText = (t: TFunction, item: Pick<AttentionItem, "kind" | "params">, lng: Lng): string =>
  t(`today.reasons.${item.kind}`, paramsText(t, item.params, lng)).replace(/ {2,}/g, " ").trim();

/** The short label of the kind ("Rapportage te laat"), shown as a badge beside the reason. */
export const kindText = (t: TFunction, item: Pick<AttentionItem, "kind">) => t(`today.kinds.${item.kind}`);
