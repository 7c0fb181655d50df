// The headcount in words, each number named for what it counts (decision 025):
// "38 in het ledenbestand: 34 actieve behandelaars · 1 kantoormedewerker · 2 aspirant · 1 geschorst".
import type { Headcount } from "@koepel/rules";
import { useTranslation } from "react-i18next";

export function HeadcountLine({ headcount }: { headcount: Headcount }) {
  const { t } = useTranslation();
  const parts = [
    t("members.headcount.activePractitioners", { count: headcount.activePractitioners }),
    headcount.activeOfficeStaff ? t("members.headcount.officeStaff", { count: headcount.activeOfficeStaff }) : null,
    headcount.prospective ? t("members.headcount.prospective", { count: headcount.prospective }) : null,
    headcount.suspended ? t("members.headcount.suspended", { count: headcount.suspended }) : null,
    headcount.left ? t("members.headcount.left", { count: headcount.left }) : null,
  ].filter(Boolean);
  return (
    <>
      {t("members.headcount.records", { count: headcount.records })}: {parts.join(" · ")}
    </>
  );
}
