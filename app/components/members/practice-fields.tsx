import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/form";

type Names = "name" | "kvkNumber" | "establishmentNumber" | "agbCode" | "street" | "houseNumber" | "postcode" | "city" | "website" | "iban";

/** A practice's fields, for the new-practice and edit forms. */
export function PracticeFields({ fields }: { fields: Record<Names, FieldMetadata<string | undefined>> }) {
  const { t } = useTranslation();
  const f = (name: Names) => fields[name] as FieldMetadata<string>;
  return (
    <>
      <TextField field={f("name")} label={t("practices.name")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField field={f("kvkNumber")} label={t("practices.kvk")} hint={t("practices.kvkHint")} />
        <TextField field={f("establishmentNumber")} label={t("practices.establishment")} hint={t("practices.establishmentHint")} />
      </div>
      <TextField field={f("agbCode")} label={t("agb.business")} hint={t("agb.hint")} />
      <div className="grid gap-3 sm:grid-cols-[1fr_6rem]">
        <TextField field={f("street")} label={t("practices.street")} />
        <TextField field={f("houseNumber")} label={t("practices.houseNumber")} />
      </div>
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <TextField field={f("postcode")} label={t("practices.postcode")} />
        <TextField field={f("city")} label={t("practices.city")} />
      </div>
      <TextField field={f("website")} label={t("practices.website")} />
      <TextField field={f("iban")} label={t("practices.iban")} />
    </>
  );
}
