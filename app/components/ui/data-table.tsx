import { ariaSort, nextSort, sortQuery, type SortState } from "@koepel/rules";
import { Form, Link, useLocation, useSubmit } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type Column<T> = {
  /** The URL's `sort` value when the column is sortable; also React's key. */
  key: string;
  header: ReactNode;
  /** The header as plain words, for the label beside the value on a phone's card. */
  label?: string;
  cell: (row: T) => ReactNode;
  /** Sortable on the server: the loader accepts this key in `?sort=`. */
  sortable?: boolean;
  /** Right-aligned figures (and the column a totals cell sits in). */
  numeric?: boolean;
  /** The row's name: a `<th scope="row">`, and the card's title on a phone. */
  rowHeader?: boolean;
  className?: string;
};

type Props<T> = {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The list's current order, to mark the header (`aria-sort`) and build its links. */
  sort?: SortState;
  /** Accessible name of the table (a visually hidden caption). */
  caption: string;
  /** Cells of a totals row by column key; the first column gets the label. */
  totals?: Partial<Record<string, ReactNode>>;
  totalsLabel?: string;
  testId?: string;
  rowTestId?: string | ((row: T) => string);
  empty?: ReactNode;
};

// Below `sm` the same elements lay out as cards: each row a bordered block, each cell a
// line with its column's name before it (`data-label`), the header row a line of sort
// links. One DOM for both sizes: no duplicated ids in cells that hold forms, no text
// found twice, no JavaScript deciding "phone" (which would flash the wrong layout).
const CARD_ROW = "max-sm:mb-2 max-sm:block max-sm:rounded-md max-sm:border max-sm:border-slate-200 max-sm:p-3";
const CARD_CELL = "max-sm:grid max-sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] max-sm:gap-x-3 max-sm:py-0.5 max-sm:break-words max-sm:text-left max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]";

/**
 * The one list layout: a table with real column headers (`scope`, `aria-sort`) from
 * `sm` up, a card per row below it, so a phone never scrolls sideways. Sorting is a
 * plain link per header (`?sort=&dir=`): it works without JavaScript, and the loader
 * sorts (in SQL where it pages) before it pages.
 */
export function DataTable<T>({ columns, rows, rowKey, sort, caption, totals, totalsLabel, testId, rowTestId, empty }: Props<T>) {
  const { t } = useTranslation();
  const { search } = useLocation();
  if (rows.length === 0) return empty ? <>{empty}</> : null;
  const testIdOf = (row: T) => (typeof rowTestId === "function" ? rowTestId(row) : rowTestId);
  const labelOf = (col: Column<T>) => col.label ?? (typeof col.header === "string" ? col.header : undefined);
  const header = (col: Column<T>) => {
    if (!sort || !col.sortable) return col.header;
    const next = nextSort(sort, col.key);
    const state = ariaSort(sort, col.key);
    return (
      <Link to={sortQuery(search, next)} className="inline-flex items-center gap-1 text-teal-800 underline" preventScrollReset>
        {col.header}
        <span aria-hidden="true">{state === "ascending" ? "▲" : state === "descending" ? "▼" : "↕"}</span>
        <span className="sr-only">{t(next.dir === "asc" ? "table.sortAscending" : "table.sortDescending")}</span>
      </Link>
    );
  };
  const anySortable = sort !== undefined && columns.some((c) => c.sortable);
  return (
    <table className="w-full text-left text-sm max-sm:block" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className={`text-slate-600 max-sm:block ${anySortable ? "" : "max-sm:sr-only"}`}>
        <tr className="border-b border-slate-200 align-bottom max-sm:mb-2 max-sm:flex max-sm:flex-wrap max-sm:gap-x-3 max-sm:gap-y-1 max-sm:border-0">
          {anySortable ? (
            <td aria-hidden="true" className="hidden max-sm:inline">
              {t("table.sortBy")}
            </td>
          ) : null}
          {columns.map((col) => (
            <th
              key={col.key}
              scope="col"
              aria-sort={sort && col.sortable ? ariaSort(sort, col.key) : undefined}
              className={`py-2 pr-3 font-medium max-sm:py-0 ${col.numeric ? "text-right" : ""} ${sort && col.sortable ? "" : "max-sm:sr-only"} ${col.className ?? ""}`}
            >
              {header(col)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 max-sm:block max-sm:divide-y-0">
        {rows.map((row) => (
          <tr key={rowKey(row)} className={`align-top ${CARD_ROW}`} data-testid={testIdOf(row)}>
            {columns.map((col) =>
              col.rowHeader ? (
                <th key={col.key} scope="row" className={`py-2 pr-3 font-medium max-sm:block max-sm:pb-1 max-sm:pt-0 max-sm:break-words ${col.className ?? ""}`}>
                  {col.cell(row)}
                </th>
              ) : (
                <td key={col.key} data-label={labelOf(col)} className={`py-2 pr-3 ${col.numeric ? "text-right tabular-nums" : ""} ${CARD_CELL} ${col.className ?? ""}`}>
                  {col.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
      {totals ? (
        <tfoot className="max-sm:block">
          <tr className={`border-t-2 border-slate-300 font-medium max-sm:bg-slate-50 ${CARD_ROW}`} data-testid="totals-row">
            {columns.map((col, i) =>
              i === 0 ? (
                <th key={col.key} scope="row" className="py-2 pr-3 max-sm:block">
                  {totalsLabel ?? t("table.total")}
                </th>
              ) : (
                <td
                  key={col.key}
                  data-label={labelOf(col)}
                  className={`py-2 pr-3 ${col.numeric ? "text-right tabular-nums" : ""} ${CARD_CELL} ${totals[col.key] === undefined ? "max-sm:hidden" : ""}`}
                >
                  {totals[col.key] ?? null}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/**
 * A GET filter form that applies a choice at once with JavaScript (a select or a
 * checkbox submits on change; text waits for Enter or the button) and with its button
 * without. The current sort rides along; the page does not (new filters, new rows).
 */
export function FilterForm({ children, sort, className, label }: { children: ReactNode; sort?: SortState & { isDefault?: boolean }; className?: string; label: string }) {
  const submit = useSubmit();
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.tagName === "SELECT" || (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"))) {
      submit(event.currentTarget, { preventScrollReset: true, replace: true });
    }
  };
  return (
    <Form method="get" className={className} role="search" aria-label={label} onChange={onChange}>
      {sort && !sort.isDefault ? (
        <>
          <input type="hidden" name="sort" value={sort.key} />
          <input type="hidden" name="dir" value={sort.dir} />
        </>
      ) : null}
      {children}
    </Form>
  );
}
