import { formatDate, formatMinutes } from "@koepel/rules";
import { useTranslation } from "react-i18next";

/** Minutes and dates in a warning's params shown as people read them. */
export function warningParams(params: Record<string, string | number> | undefined, lng: "nl" | "en") {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if ((k === "used" || k === "limit") && typeof v === "number") out[k] = formatMinutes(v);
    else if ((k === "endsOn" || k === "lastDay") && typeof v === "string") out[k] = formatDate(v, lng);
    else out[k] = v;
  }
  return out;
}

/** The warnings on a trajectory, in words. */
export function Warnings({ warnings, lng }: { warnings: { code: string; params?: Record<string, string | number> }[]; lng: "nl" | "en" }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <ul className="text-amber-800">
      {warnings.map((w) => (
        <li key={w.code}>{t(`trajectories.warnings.${w.code}`, warningParams(w.params, lng))}</li>
      ))}
    </ul>
  );
}
