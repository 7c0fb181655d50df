// The burn chart: server-rendered SVG, no chart library, works without JavaScript.
// Cumulative spent as a solid line, the forecast as a dashed line, the ceiling as
// a horizontal line, what open trajectories still commit as a hatched bar on top of
// today's spent and a dashed marker for today (decision 025: an over-commitment is
// seen passing the ceiling); a title and description in words, and the data as a
// table for screen readers (and anyone who opens the details).
import { formatDate, formatMoney, type BurnPoint } from "@koepel/rules";
import { useId } from "react";
import { useTranslation } from "react-i18next";

type Lng = "nl" | "en";

export type BurnChartProps = {
  year: number;
  series: BurnPoint[];
  forecastLine: BurnPoint[];
  ceilingCents: number | null;
  /** What active trajectories still commit, drawn as a bar on top of today's spent (0 or absent: none). */
  committedCents?: number;
  /** Today, for the marker; absent or outside the year: no marker. */
  today?: string | null;
  /** The summary in words, for the title and description. */
  title: string;
  description: string;
  lng: Lng;
  ceilingLabel: string;
};

/**
 * Two layouts of the same drawing: a wide one that fills its card on a laptop and a
 * narrow one for phones (fewer month labels, larger type), because a 640-unit drawing
 * scaled to 350 px puts 11-unit labels at 6 px, which nobody can read. CSS shows one;
 * the other is display:none, so neither screen readers nor tests meet it twice.
 */
type Layout = { key: "wide" | "narrow"; W: number; H: number; pad: { left: number; right: number; top: number; bottom: number }; font: number; monthStep: number; className: string; suffix: string };
const WIDE: Layout = { key: "wide", W: 760, H: 300, pad: { left: 84, right: 16, top: 20, bottom: 36 }, font: 12, monthStep: 1, className: "hidden sm:block", suffix: "" };
const NARROW: Layout = { key: "narrow", W: 360, H: 280, pad: { left: 76, right: 10, top: 20, bottom: 34 }, font: 13, monthStep: 3, className: "sm:hidden", suffix: "-narrow" };

const dayOfYear = (date: string, year: number) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000;

/** A round step for the money axis: 1, 2 or 5 times a power of ten, in cents. */
function niceStep(max: number) {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
}

const lastOf = (points: BurnPoint[]) => points[points.length - 1];

export function BurnChart(props: BurnChartProps) {
  const { t } = useTranslation();
  const { series, forecastLine, ceilingCents, title, lng, ceilingLabel } = props;
  const committed = Math.max(0, props.committedCents ?? 0);
  const showCommitted = committed > 0 && series.length > 0;
  return (
    <figure className="w-full space-y-2">
      <Plot {...props} layout={WIDE} />
      <Plot {...props} layout={NARROW} />
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
        {showCommitted ? (
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 border border-amber-700 bg-amber-200 align-middle" />
            {t("budget.chart.committed")}
          </span>
        ) : null}
        {props.today ? (
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-3 w-0 border-l border-dashed border-slate-700 align-middle" />
            {t("budget.chart.today")}
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
            {showCommitted ? (
              <tr>
                <td className="pr-4">{formatDate(lastOf(series).date, lng)}</td>
                <td className="pr-4 tabular-nums">{formatMoney(lastOf(series).cumulativeCents + committed, lng)}</td>
                <td>{t("budget.chart.committed")}</td>
              </tr>
            ) : null}
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

function Plot({ year, series, forecastLine, ceilingCents, committedCents, today, title, description, lng, ceilingLabel, layout }: BurnChartProps & { layout: Layout }) {
  const { t } = useTranslation();
  const id = useId();
  const { W, H, pad: PAD, font, suffix } = layout;
  const committed = Math.max(0, committedCents ?? 0);
  const spentNow = series.length ? lastOf(series) : null;
  const days = dayOfYear(`${year}-12-31`, year) + 1;
  const top = Math.max(ceilingCents ?? 0, ...series.map((p) => p.cumulativeCents), ...forecastLine.map((p) => p.cumulativeCents), (spentNow?.cumulativeCents ?? 0) + committed, 100_00);
  const step = niceStep(top);
  const yMax = Math.ceil(top / step) * step;
  const x = (date: string) => PAD.left + (Math.min(Math.max(dayOfYear(date, year), 0), days) / days) * (W - PAD.left - PAD.right);
  const y = (cents: number) => H - PAD.bottom - (cents / yMax) * (H - PAD.top - PAD.bottom);
  const path = (points: BurnPoint[]) => points.map((p, i) => `${i ? "L" : "M"}${x(p.date).toFixed(1)},${y(p.cumulativeCents).toFixed(1)}`).join(" ");
  const ticks = Array.from({ length: Math.round(yMax / step) + 1 }, (_, i) => i * step);
  const months = Array.from({ length: 12 }, (_, m) => m)
    .filter((m) => m % layout.monthStep === 0)
    .map((m) => `${year}-${String(m + 1).padStart(2, "0")}-01`);
  const monthName = (date: string) => new Intl.DateTimeFormat(lng === "nl" ? "nl-NL" : "en-GB", { month: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  // Whole euros on the axis.
  const money0 = (cents: number) => formatMoney(Math.round(cents / 100) * 100, lng).replace(/[.,]00$/, "");
  const inYear = today && today >= `${year}-01-01` && today <= `${year}-12-31` ? today : null;
  const barX = spentNow ? x(spentNow.date) : 0;
  const labelLeft = barX > W - 120; // near the year's end the labels go left of the marker
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className={`h-auto w-full ${layout.className}`} data-testid={`burn-chart${suffix}`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
          <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={font} fill="#475569">
            {money0(tick)}
          </text>
        </g>
      ))}
      {months.map((m) => (
        <text key={m} x={x(m) + 2} y={H - PAD.bottom + 16} fontSize={font} fill="#475569">
          {monthName(m)}
        </text>
      ))}
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="#94a3b8" />
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#94a3b8" />
      {ceilingCents !== null ? (
        <g data-testid={`burn-ceiling${suffix}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(ceilingCents)} y2={y(ceilingCents)} stroke="#b91c1c" strokeWidth="1.5" />
          <text x={PAD.left + 6} y={y(ceilingCents) - 5} fontSize={font} fill="#b91c1c">
            {ceilingLabel} {money0(ceilingCents)}
          </text>
        </g>
      ) : null}
      {inYear ? (
        <g data-testid={`burn-today${suffix}`}>
          <line x1={x(inYear)} x2={x(inYear)} y1={PAD.top} y2={H - PAD.bottom} stroke="#334155" strokeWidth="1" strokeDasharray="2 3" />
          <text x={x(inYear) + (labelLeft ? -4 : 4)} y={PAD.top - 6} textAnchor={labelLeft ? "end" : "start"} fontSize={font} fill="#334155">
            {t("budget.chart.today")}
          </text>
        </g>
      ) : null}
      {spentNow && committed > 0 ? (
        // Committed stacked on today's spent: a hatched amber bar reaching spent + committed,
        // so an over-commitment is seen passing the ceiling line.
        <g data-testid={`burn-committed${suffix}`}>
          <defs>
            <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#fde68a" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#b45309" strokeWidth="2" />
            </pattern>
          </defs>
          <rect x={barX - 7} width="14" y={y(spentNow.cumulativeCents + committed)} height={Math.max(1, y(spentNow.cumulativeCents) - y(spentNow.cumulativeCents + committed))} fill={`url(#${id}-hatch)`} stroke="#b45309" />
          <text x={barX + (labelLeft ? -11 : 11)} y={y(spentNow.cumulativeCents + committed) + font} textAnchor={labelLeft ? "end" : "start"} fontSize={font} fill="#92400e">
            {money0(spentNow.cumulativeCents + committed)}
          </text>
        </g>
      ) : null}
      {series.length > 1 ? <path d={path(series)} fill="none" stroke="#0f766e" strokeWidth="2.5" data-testid={`burn-spent${suffix}`} /> : null}
      {forecastLine.length > 1 ? <path d={path(forecastLine)} fill="none" stroke="#0f766e" strokeWidth="2" strokeDasharray="6 5" data-testid={`burn-forecast${suffix}`} /> : null}
      <text x={PAD.left} y={H - 4} fontSize={font} fill="#475569">
        {year}
      </text>
    </svg>
  );
}
