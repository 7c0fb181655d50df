/**
 * A horizontal bar for "how much of a limit is used", drawn in SVG: the page's
 * Content-Security-Policy allows no inline style attributes, and SVG geometry is
 * markup, not style. `marker` draws a line at a second value (e.g. the allocation
 * within the product's maximum). The words belong in `label`; the bar only shows them.
 */
export function MeterBar({ value, max, marker, label, tone = "teal", markerLabel }: { value: number; max: number; marker?: number; label: string; tone?: "teal" | "amber" | "red"; markerLabel?: string }) {
  const share = (n: number) => (max > 0 ? Math.max(0, Math.min(100, (n * 100) / max)) : 0);
  const fill = tone === "red" ? "fill-red-600" : tone === "amber" ? "fill-amber-500" : "fill-teal-600";
  return (
    <svg viewBox="0 0 100 4" preserveAspectRatio="none" className="mt-1 h-3 w-full" role="img" aria-label={label}>
      <rect x="0" y="0" width="100" height="4" rx="1" className="fill-slate-100" />
      <rect x="0" y="0" width={share(value)} height="4" rx="1" className={fill} data-testid="meter-fill" />
      {marker !== undefined ? (
        <rect x={Math.max(0, share(marker) - 0.6)} y="0" width="0.6" height="4" className="fill-slate-700">
          {markerLabel ? <title>{markerLabel}</title> : null}
        </rect>
      ) : null}
    </svg>
  );
}
