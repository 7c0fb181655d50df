import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "./form";

/**
 * An amount in euros, typed as people write it ("70,80", "1.234,56", "€ 76"); the
 * schema turns it into integer cents with parseMoney (packages/rules), never
 * through a float. Text, not type="number": a number input refuses the comma in
 * Chromium's English locale and drops thousands separators.
 */
export function MoneyField({ field, label, hint }: { field: FieldMetadata<unknown>; label: string; hint?: ReactNode }) {
  const { t } = useTranslation();
  const props = getInputProps(field as FieldMetadata<string>, { type: "text" });
  const formatId = `${field.id}-format`;
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="relative mt-1">
        <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-500">
          €
        </span>
        <input
          {...props}
          key={props.key}
          inputMode="decimal"
          autoComplete="off"
          aria-describedby={[formatId, props["aria-describedby"]].filter(Boolean).join(" ")}
          className="block w-full rounded-md border border-slate-300 py-2 pl-7 pr-3 text-sm shadow-sm focus:border-teal-600 focus:outline-none focus:ring-1 focus:ring-teal-600 aria-[invalid=true]:border-red-600"
        />
      </div>
      <p id={formatId} className="mt-1 text-xs text-slate-500">
        {hint ?? t("ui.money.format")}
      </p>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
