// The burn chart: server-rendered SVG, no chart library, works without JavaScript.
// Cumulative spent as a solid line, the forecast as a dashed line, the ceiling as
// a horizontal line; a title and description in words, and the data as a table
// for screen readers (and anyone who opens the details).
import { formatDate, formatMoney, type BurnPoint } from "@koepel/rules";
import { useId } from "react";
import { useTranslation } from "react-i18next";

type Lng = "nl" | "en";

export type BurnChartProps = {
  year: number;
  series: BurnPoint[];
  forecastLine: BurnPoint[];
  ceilingCents: number | null;
  /** The summary in words, for the title and description. */
  title: string;
  description: string;
  lng: Lng;
  ceilingLabel: string;
};

const W = 640;
const H = 280;
const PAD = { left: 84, right: 16, top: 16, bottom: 36 };

const dayOfYear = (date: string, year: number) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000;

/** A round step for the money axis: 1, 2 or 5 times a power of ten, in cents. */
function niceStep(max: number) {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
}

export function BurnChart({ year, series, forecastLine, ceilingCents, title, description, lng, ceilingLabel }: BurnChartProps) {
  const { t } = useTranslation();
  const id = useId();
  const days = dayOfYear(`${year}-12-31`, year) + 1;
  const top = Math.max(ceilingCents ?? 0, ...series.map((p) => p.cumulativeCents), ...forecastLine.map((p) => p.cumulativeCents), 100_00);
  const step = niceStep(top);
  const yMax = Math.ceil(top / step) * step;
  const x = (date: string) => PAD.left + (Math.min(Math.max(dayOfYear(date, year), 0), days) / days) * (W - PAD.left - PAD.right);
  const y = (cents: number) => H - PAD.bottom - (cents / yMax) * (H - PAD.top - PAD.bottom);
  const path = (points: BurnPoint[]) => points.map((p, i) => `${i ? "L" : "M"}${x(p.date).toFixed(1)},${y(p.cumulativeCents).toFixed(1)}`).join(" ");
  const ticks = Array.from({ length: Math.round(yMax / step) + 1 }, (_, i) => i * step);
  const months = Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}-01`);
  const monthName = (date: string) => new Intl.DateTimeFormat(lng === "nl" ? "nl-NL" : "en-GB", { month: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  const money0 = (cents: number) => formatMoney(Math.round(cents / 100) * 100, lng).replace(/[.,]00$/, "");

  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full max-w-3xl" data-testid="burn-chart">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#475569">
              {money0(tick)}
            </text>
          </g>
        ))}
        {months.map((m) => (
          <text key={m} x={x(m) + 2} y={H - PAD.bottom + 16} fontSize="11" fill="#475569">
            {monthName(m)}
          </text>
        ))}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="#94a3b8" />
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#94a3b8" />
        {ceilingCents !== null ? (
          <g data-testid="burn-ceiling">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(ceilingCents)} y2={y(ceilingCents)} stroke="#b91c1c" strokeWidth="1.5" />
            <text x={PAD.left + 6} y={y(ceilingCents) - 5} fontSize="11" fill="#b91c1c">
              {ceilingLabel} {money0(ceilingCents)}
            </text>
          </g>
        ) : null}
        {series.length > 1 ? <path d={path(series)} fill="none" stroke="#0f766e" strokeWidth="2.5" data-testid="burn-spent" /> : null}
        {forecastLine.length > 1 ? <path d={path(forecastLine)} fill="none" stroke="#0f766e" strokeWidth="2" strokeDasharray="6 5" data-testid="burn-forecast" /> : null}
        <text x={PAD.left} y={H - 4} fontSize="11" fill="#475569">
          {year}
        </text>
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block w-6 border-t-2 border-teal-700 align-middle" />
          {t("budget.chart.spent")}
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block w-6 border-t-2 border-dashed border-teal-700 align-middle" />
          {t("budget.chart.forecast")}
        </span>
        {ceilingCents !== null ? (
          <span>
            <span aria-hidden="true" className="mr-1 inline-block w-6 border-t-2 border-red-700 align-middle" />
            {ceilingLabel}
          </span>
        ) : null}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-teal-800 underline">{t("budget.chart.table")}</summary>
        <table className="mt-2 text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-4">
                {t("budget.chart.date")}
              </th>
              <th scope="col" className="pr-4">
                {t("budget.chart.cumulative")}
              </th>
              <th scope="col">{t("budget.chart.kind")}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={`s${p.date}`}>
                <td className="pr-4">{formatDate(p.date, lng)}</td>
                <td className="pr-4 tabular-nums">{formatMoney(p.cumulativeCents, lng)}</td>
                <td>{t("budget.chart.spent")}</td>
              </tr>
            ))}
            {forecastLine.slice(1).map((p) => (
              <tr key={`f${p.date}`}>
                <td className="pr-4">{formatDate(p.date, lng)}</td>
                <td className="pr-4 tabular-nums">{formatMoney(p.cumulativeCents, lng)}</td>
                <td>{t("budget.chart.forecast")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
