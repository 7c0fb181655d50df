import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { formatDateInput } from "@koepel/rules";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "./form";

const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-teal-600 focus:outline-none focus:ring-1 focus:ring-teal-600 aria-[invalid=true]:border-red-600";

/**
 * The one date input: a text field that takes "30-11-2026" (what people type and
 * what every Dutch form shows) and, once JavaScript runs, a button that opens the
 * browser's own calendar and writes the picked day back as dd-mm-jjjj. The server
 * reads both that and ISO (parseDateInput), so the field works without JavaScript
 * and with links or tests that send "2026-11-30". A plain `type="date"` was not
 * used: its segments follow the browser's language, not the page's, and typing
 * "30-11-2026" into it does not work everywhere.
 */
export function DateInput({
  id,
  name,
  defaultValue,
  label,
  invalid,
  describedBy,
  required,
  className = "",
  inputKey,
  ariaLabel,
}: {
  id: string;
  name: string;
  defaultValue?: string;
  /** Names the picker button ("Kies datum voor Startdatum"). */
  label: string;
  invalid?: boolean;
  describedBy?: string;
  required?: boolean;
  className?: string;
  inputKey?: string;
  /** For a field without a visible label of its own (one of a row of dates). */
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // The picker needs JavaScript to copy its value: render it only once that runs.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const hintId = `${id}-format`;
  return (
    <div className={`mt-1 flex items-stretch gap-1 ${className}`}>
      <input
        key={inputKey}
        ref={text}
        id={id}
        name={name}
        type="text"
        defaultValue={defaultValue ? formatDateInput(defaultValue) : defaultValue}
        placeholder={t("ui.date.placeholder")}
        autoComplete="off"
        required={required}
        aria-label={ariaLabel}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ")}
        className={`${inputClass} min-w-0 flex-1`}
      />
      <span id={hintId} className="sr-only">
        {t("ui.date.format")}
      </span>
      {scripted ? (
        <>
          <button
            type="button"
            className="rounded-md border border-slate-300 bg-white px-2 text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
            // Not named after the field: the field's label must name only the field (getByLabel, and
            // a screen reader's list of form fields); which field it opens follows from its place.
            aria-label={t("ui.date.pick")}
            title={label}
            onClick={() => {
              const input = picker.current;
              if (!input) return;
              const typed = text.current?.value ?? "";
              const iso = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(typed.trim());
              input.value = iso ? `${iso[3]}-${iso[2].padStart(2, "0")}-${iso[1].padStart(2, "0")}` : "";
              if (typeof input.showPicker === "function") input.showPicker();
              else input.focus();
            }}
          >
            <CalendarIcon />
          </button>
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            className="sr-only"
            onChange={(event) => {
              const field = text.current;
              if (!field || !event.currentTarget.value) return;
              // Through the native setter and an input event, so the form library sees the change.
              Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(field, formatDateInput(event.currentTarget.value));
              field.dispatchEvent(new Event("input", { bubbles: true }));
              field.focus();
            }}
          />
        </>
      ) : null}
    </div>
  );
}

/** A date in a Conform form, with its label, hint and one error message. */
export function DateField({ field, label, hint }: { field: FieldMetadata<unknown>; label: string; hint?: ReactNode }) {
  const props = getInputProps(field as FieldMetadata<string>, { type: "text" });
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <DateInput
        id={field.id}
        name={field.name}
        inputKey={props.key}
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : undefined}
        label={label}
        invalid={Boolean(field.errors?.length)}
        describedBy={[hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}
        required={props.required}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
    </svg>
  );
}
