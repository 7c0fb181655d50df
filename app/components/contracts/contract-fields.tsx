import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { CLIENT_KINDS, CONTRACT_KINDS, FINANCING, INDIRECT_TIME } from "@koepel/rules";
import { useTranslation } from "react-i18next";
import { DateField, DateInput } from "~/components/ui/date-field";
import { FieldErrors, SelectField, TextField } from "~/components/ui/form";

type Field = FieldMetadata<unknown>;
const asText = (field: Field) => field as FieldMetadata<string>;
const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-teal-600 focus:outline-none focus:ring-1 focus:ring-teal-600 aria-[invalid=true]:border-red-600";

export type ReferenceOptions = { regions: { id: string; name: string; municipalities: { id: string; name: string }[] }[]; loose: { id: string; name: string }[] };


export function TextArea({ field, label }: { field: Field; label: string }) {
  const props = getTextareaProps(asText(field));
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea {...props} key={props.key} rows={3} className={inputClass} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function Checkbox({ field, label }: { field: Field; label: string }) {
  const props = getInputProps(asText(field), { type: "checkbox" });
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input {...props} key={props.key} />
        {label}
      </label>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : []);
const allErrors = (field: Field) => Object.values(field.allErrors ?? {}).flat();

type Fields = Record<
  | "name"
  | "reference"
  | "clientKind"
  | "regionId"
  | "municipalityIds"
  | "mainContractor"
  | "kind"
  | "lot"
  | "startsOn"
  | "endsOn"
  | "extensionOptions"
  | "latestEndOn"
  | "evaluationDates"
  | "financing"
  | "indirectTime"
  | "indirectSharePercent"
  | "stopsWhenBudgetSpent"
  | "notes",
  Field
>;

/** Every field of a contract, the same on "new contract" and on the contract's overview. */
export function ContractFields({ fields, reference }: { fields: Fields; reference: ReferenceOptions }) {
  const { t } = useTranslation();
  const towns = list(fields.municipalityIds.initialValue);
  const evaluations = list(fields.evaluationDates.initialValue);
  const townErrors = allErrors(fields.municipalityIds);
  const evaluationErrors = allErrors(fields.evaluationDates);
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField field={asText(fields.name)} label={t("contracts.fields.name")} />
        <TextField field={asText(fields.reference)} label={t("contracts.fields.reference")} />
      </div>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">{t("contracts.fields.client")}</legend>
        <SelectField field={asText(fields.clientKind)} label={t("contracts.fields.clientKind")} options={CLIENT_KINDS.map((k) => ({ value: k, label: t(`contracts.clientKinds.${k}`) }))} />
        <SelectField
          field={asText(fields.regionId)}
          label={t("contracts.fields.region")}
          options={[{ value: "", label: t("contracts.noRegion") }, ...reference.regions.map((r) => ({ value: r.id, label: r.name }))]}
        />
        <div>
          <label htmlFor={fields.municipalityIds.id} className="block text-sm font-medium text-slate-800">
            {t("contracts.fields.municipalities")}
          </label>
          <select
            id={fields.municipalityIds.id}
            name={fields.municipalityIds.name}
            multiple
            size={8}
            defaultValue={towns}
            aria-invalid={townErrors.length ? true : undefined}
            aria-describedby={townErrors.length ? fields.municipalityIds.errorId : `${fields.municipalityIds.id}-hint`}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {reference.regions.map((r) =>
              r.municipalities.length ? (
                <optgroup key={r.id} label={r.name}>
                  {r.municipalities.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
            {reference.loose.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <p id={`${fields.municipalityIds.id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("contracts.municipalitiesHint")}
          </p>
          <FieldErrors id={fields.municipalityIds.errorId} errors={townErrors} />
        </div>
        <TextField field={asText(fields.mainContractor)} label={t("contracts.fields.mainContractor")} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField field={asText(fields.kind)} label={t("contracts.fields.kind")} options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`contracts.kinds.${k}`) }))} />
        <TextField field={asText(fields.lot)} label={t("contracts.fields.lot")} hint={t("contracts.lotHint")} />
        <DateField field={fields.startsOn} label={t("contracts.fields.startsOn")} />
        <DateField field={fields.endsOn} label={t("contracts.fields.endsOn")} />
        <TextField field={asText(fields.extensionOptions)} label={t("contracts.fields.extensionOptions")} hint={t("contracts.extensionHint")} />
        <DateField field={fields.latestEndOn} label={t("contracts.fields.latestEndOn")} />
      </div>
      <fieldset aria-describedby={evaluationErrors.length ? fields.evaluationDates.errorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("contracts.fields.evaluationDates")}</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {[0, 1, 2].map((i) => (
            <DateInput
              key={i}
              id={`${fields.evaluationDates.id}-${i}`}
              name={fields.evaluationDates.name}
              defaultValue={evaluations[i] ?? ""}
              label={t("contracts.evaluationN", { n: i + 1 })}
              ariaLabel={t("contracts.evaluationN", { n: i + 1 })}
              className="w-44"
            />
          ))}
        </div>
        <FieldErrors id={fields.evaluationDates.errorId} errors={evaluationErrors} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField field={asText(fields.financing)} label={t("contracts.fields.financing")} options={FINANCING.map((f) => ({ value: f, label: t(`contracts.financing.${f}`) }))} />
        <SelectField field={asText(fields.indirectTime)} label={t("contracts.fields.indirectTime")} options={INDIRECT_TIME.map((f) => ({ value: f, label: t(`contracts.indirect.${f}`) }))} />
        <TextField field={asText(fields.indirectSharePercent)} label={t("contracts.fields.indirectSharePercent")} hint={t("contracts.shareHint")} />
      </div>
      <Checkbox field={fields.stopsWhenBudgetSpent} label={t("contracts.fields.stopsWhenBudgetSpent")} />
      <TextArea field={fields.notes} label={t("contracts.fields.notes")} />
    </div>
  );
}

/** The form's starting values for a stored contract. */
export function contractDefaults(c: {
  name: string;
  reference: string | null;
  clientKind: string;
  regionId: string | null;
  mainContractor: string | null;
  kind: string;
  lot: string | null;
  startsOn: string;
  endsOn: string;
  extensionOptions: string | null;
  latestEndOn: string | null;
  evaluationDates: string[];
  financing: string;
  indirectTime: string;
  indirectSharePercent: number | null;
  stopsWhenBudgetSpent: boolean;
  notes: string | null;
  version: number;
}, municipalityIds: string[]) {
  return {
    name: c.name,
    reference: c.reference ?? "",
    clientKind: c.clientKind,
    regionId: c.regionId ?? "",
    municipalityIds,
    mainContractor: c.mainContractor ?? "",
    kind: c.kind,
    lot: c.lot ?? "",
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    extensionOptions: c.extensionOptions ?? "",
    latestEndOn: c.latestEndOn ?? "",
    evaluationDates: c.evaluationDates,
    financing: c.financing,
    indirectTime: c.indirectTime,
    indirectSharePercent: c.indirectSharePercent === null ? "" : String(c.indirectSharePercent),
    stopsWhenBudgetSpent: c.stopsWhenBudgetSpent ? "on" : "",
    notes: c.notes ?? "",
    version: String(c.version),
  };
}
