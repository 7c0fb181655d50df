import type { FieldMetadata } from "@conform-to/react";
import { AGE_RANGES, ARTS_DISCIPLINES, OTHER_DISCIPLINES } from "@koepel/rules";
import { useTranslation } from "react-i18next";
import { FieldErrors, TextField } from "~/components/ui/form";

type Profile = { disciplines: string[]; ageRanges: string[]; problemAreaIds: string[]; municipalities: string[]; languages: string[] };
type Field = FieldMetadata<unknown>;
type Fields = Record<"disciplines" | "ageRanges" | "problemAreaIds" | "municipalities" | "languages" | "capacityHoursPerWeek" | "waitingWeeks", Field>;
// Every value travels as text in the form; TextField only reads name, id and errors.
const asText = (field: Field) => field as FieldMetadata<string>;

function Checkboxes({ legend, field, options, checked }: { legend: string; field: FieldMetadata<unknown>; options: { value: string; label: string }[]; checked: string[] }) {
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1 text-sm">
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={checked.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** The professional profile's fields, the same on "Mijn gegevens" and on the member page. */
export function ProfileFields({ fields, profile, problemAreas }: { fields: Fields; profile: Profile; problemAreas: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Checkboxes legend={t("profile.artsDisciplines")} field={fields.disciplines} options={ARTS_DISCIPLINES.map((d) => ({ value: d, label: t(`disciplines.${d}`) }))} checked={profile.disciplines} />
      <Checkboxes legend={t("profile.otherDisciplines")} field={fields.disciplines} options={OTHER_DISCIPLINES.map((d) => ({ value: d, label: t(`disciplines.${d}`) }))} checked={profile.disciplines} />
      <Checkboxes legend={t("profile.ageRanges")} field={fields.ageRanges} options={AGE_RANGES.map((a) => ({ value: a, label: t("profile.years", { range: a }) }))} checked={profile.ageRanges} />
      {problemAreas.length ? (
        <Checkboxes legend={t("profile.problemAreas")} field={fields.problemAreaIds} options={problemAreas.map((p) => ({ value: p.id, label: p.name }))} checked={profile.problemAreaIds} />
      ) : null}
      <TextField field={asText(fields.municipalities)} label={t("profile.municipalities")} hint={t("profile.listHint")} />
      <TextField field={asText(fields.languages)} label={t("profile.languages")} hint={t("profile.languagesHint")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={asText(fields.capacityHoursPerWeek)} label={t("profile.capacity")} />
        <TextField field={asText(fields.waitingWeeks)} label={t("profile.waitingWeeks")} />
      </div>
    </>
  );
}

/** A read-only profile, as peers see it. */
export function ProfileView({ profile }: { profile: Profile & { problemAreaNames: string[]; capacityHoursPerWeek: number | null; waitingWeeks: number | null } }) {
  const { t } = useTranslation();
  const list = (items: string[]) => (items.length ? items.join(", ") : "—");
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      <dt className="text-slate-500">{t("profile.disciplines")}</dt>
      <dd>{list(profile.disciplines.map((d) => t(`disciplines.${d}`)))}</dd>
      <dt className="text-slate-500">{t("profile.ageRanges")}</dt>
      <dd>{list(profile.ageRanges.map((a) => t("profile.years", { range: a })))}</dd>
      <dt className="text-slate-500">{t("profile.problemAreas")}</dt>
      <dd>{list(profile.problemAreaNames)}</dd>
      <dt className="text-slate-500">{t("profile.municipalities")}</dt>
      <dd>{list(profile.municipalities)}</dd>
      <dt className="text-slate-500">{t("profile.languages")}</dt>
      <dd>{list(profile.languages)}</dd>
      <dt className="text-slate-500">{t("profile.capacity")}</dt>
      <dd>{profile.capacityHoursPerWeek ?? "—"}</dd>
      <dt className="text-slate-500">{t("profile.waitingWeeks")}</dt>
      <dd>{profile.waitingWeeks ?? "—"}</dd>
    </dl>
  );
}

/** Form defaults for the scalar profile fields (lists as "a, b"). */
export const profileDefaults = (p: { municipalities: string[]; languages: string[]; capacityHoursPerWeek: number | null; waitingWeeks: number | null; version: number }) => ({
  municipalities: p.municipalities.join(", "),
  languages: p.languages.join(", "),
  capacityHoursPerWeek: p.capacityHoursPerWeek?.toString() ?? "",
  waitingWeeks: p.waitingWeeks?.toString() ?? "",
  version: String(p.version),
});
