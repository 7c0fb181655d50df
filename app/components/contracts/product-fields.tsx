import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { PRODUCT_CATEGORIES, PRODUCT_UNITS, WJ756, describeExtensions, formatVolume, isTimeUnit, type ExtensionRules, type ProductUnit } from "@koepel/rules";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { NumberField } from "~/components/registrations";
import { FieldErrors, SelectField, TextField } from "~/components/ui/form";

// The fields of the product forms (new product, product detail), shared so both read alike.

/** "45 · Ambulante jeugdhulp", or the bare code for categories without a name here. */
export const categoryLabel = (t: TFunction, category: string) => {
  const name = t(`products.categories.${category}`, { defaultValue: "" });
  return name ? `${category} · ${name}` : category;
};
export const unitLabel = (t: TFunction, unit: ProductUnit) => `${t(`products.units.${unit}`)} (${WJ756[unit]})`;

/** A maximum volume for a table: "60 uur" for time units, "12 dagdelen" otherwise. */
export function volumeLabel(t: TFunction, volume: number | null, unit: ProductUnit, lng: "nl" | "en") {
  if (volume === null) return "—";
  return isTimeUnit(unit) ? t("products.hours", { hours: formatVolume(volume, unit, lng) }) : `${volume} × ${t(`products.units.${unit}`)}`;
}

export const weeksLabel = (t: TFunction, weeks: number | null) => (weeks === null ? "—" : t("products.weeks", { count: weeks }));

/** The extension rules in words, one line per step. */
export function ExtensionSummary({ rules }: { rules: ExtensionRules }) {
  const { t } = useTranslation();
  const steps = describeExtensions(rules);
  if (steps.length === 0) return <span>{t("products.extensions.referrerOnly")}</span>;
  return (
    <ul className="list-disc pl-5">
      {rules.extensionsWithoutReferrer > 0 ? <li>{t("products.extensions.withoutReferrer", { count: rules.extensionsWithoutReferrer })}</li> : null}
      {steps.map((s) => (s.document ? <li key={`d${s.number}`}>{t("products.extensions.document", { number: s.number, document: s.document })}</li> : null))}
      {steps.map((s) => (s.reviewAfterBy ? <li key={`r${s.number}`}>{t("products.extensions.review", { number: s.number, by: s.reviewAfterBy })}</li> : null))}
    </ul>
  );
}

type ProductFieldSet = {
  name: FieldMetadata<string>;
  category: FieldMetadata<string>;
  code: FieldMetadata<string>;
  unit: FieldMetadata<string>;
  requiresLeadClinician: FieldMetadata<"on" | undefined>;
};

export function ProductFields({ fields }: { fields: ProductFieldSet }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField field={fields.name} label={t("products.fields.name")} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField field={fields.category} label={t("products.fields.category")} options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
        <TextField field={fields.code} label={t("products.fields.code")} hint={t("products.hints.code")} />
        <SelectField field={fields.unit} label={t("products.fields.unit")} options={PRODUCT_UNITS.map((u) => ({ value: u, label: unitLabel(t, u) }))} />
      </div>
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.requiresLeadClinician, { type: "checkbox" })} key={fields.requiresLeadClinician.key} />
          {t("products.fields.requiresLeadClinician")}
        </label>
        <FieldErrors id={fields.requiresLeadClinician.errorId} errors={fields.requiresLeadClinician.errors} />
      </div>
    </>
  );
}

type RuleFieldSet = {
  maxVolume: FieldMetadata<string | undefined>;
  maxDurationWeeks: FieldMetadata<number | undefined>;
  extensionsWithoutReferrer: FieldMetadata<number | undefined>;
  documentAtExtension: FieldMetadata<number | undefined>;
  documentName: FieldMetadata<string | undefined>;
  reviewAfterExtension: FieldMetadata<number | undefined>;
  reviewBy: FieldMetadata<string | undefined>;
};

export function RuleFields({ fields }: { fields: RuleFieldSet }) {
  const { t } = useTranslation();
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold">{t("products.rules.limits")}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField field={fields.maxVolume as FieldMetadata<string>} label={t("products.fields.maxVolume")} hint={t("products.hints.maxVolume")} />
        <NumberField field={fields.maxDurationWeeks} label={t("products.fields.maxDurationWeeks")} />
      </div>
      <NumberField field={fields.extensionsWithoutReferrer} label={t("products.fields.extensionsWithoutReferrer")} hint={t("products.hints.extensionsWithoutReferrer")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <NumberField field={fields.documentAtExtension} label={t("products.fields.documentAtExtension")} />
        <TextField field={fields.documentName as FieldMetadata<string>} label={t("products.fields.documentName")} hint={t("products.hints.documentName")} />
        <NumberField field={fields.reviewAfterExtension} label={t("products.fields.reviewAfterExtension")} />
        <TextField field={fields.reviewBy as FieldMetadata<string>} label={t("products.fields.reviewBy")} hint={t("products.hints.reviewBy")} />
      </div>
    </fieldset>
  );
}

