// What a list shows and in which order, as plain data from the URL (`?sort=&dir=&page=`),
// so sorting and paging work without JavaScript and a link can be shared. Lists that the
// database pages sort in SQL with the same keys; these helpers parse the state, build the
// links, and sort, page and total lists that are computed in memory (the eligibility
// matrix, practices). Numbered pages come from paging.ts; this builds on it.

import { PAGE_SIZE, pageOf, type Paging } from "./paging";

export type SortDir = "asc" | "desc";
export type SortState<K extends string = string> = { key: K; dir: SortDir };

/**
 * The sort asked for in the URL, if it names a column the list allows (and the person
 * may see: a peer cannot sort on a hidden field, which would reveal it by its order);
 * otherwise the list's default. `isDefault` lets a page say "sorted by what matters".
 */
export function sortFrom<K extends string>(
  params: { get(name: string): string | null },
  allowed: readonly K[],
  fallback: SortState<K>,
): SortState<K> & { isDefault: boolean } {
  const key = params.get("sort");
  if (key === null || !(allowed as readonly string[]).includes(key)) return { ...fallback, isDefault: true };
  const dir: SortDir = params.get("dir") === "desc" ? "desc" : "asc";
  return { key: key as K, dir, isDefault: key === fallback.key && dir === fallback.dir };
}

/** Where a column header leads: the current column flips direction; another column starts ascending. */
export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: "asc" };
}

/** The header's `aria-sort`: only the sorted column carries a direction. */
export function ariaSort(current: SortState, key: string): "ascending" | "descending" | "none" {
  if (current.key !== key) return "none";
  return current.dir === "asc" ? "ascending" : "descending";
}

/**
 * The query string of a sort link: the page's filters kept, the sort set, and the page
 * dropped (page 3 of another order is a different set of rows).
 */
export function sortQuery(search: string, sort: SortState): string {
  const params = new URLSearchParams(search);
  params.set("sort", sort.key);
  params.set("dir", sort.dir);
  params.delete("page");
  return `?${params.toString()}`;
}

export type SortValue = string | number | boolean | null | undefined;

const collator = new Intl.Collator("nl", { sensitivity: "base", numeric: true });

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/**
 * Rows in the asked order with a total tie-break (`tiebreak`, usually the id, always
 * ascending), so equal values keep one order across requests and pages never overlap.
 * Empty values go last in both directions: "no waiting time known" is not the shortest.
 * Returns a new array; the input is left as it is.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir, tiebreak: (row: T) => string): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row) => ({ row, v: value(row), id: tiebreak(row) }))
    .sort((x, y) => {
      const xEmpty = x.v === null || x.v === undefined || x.v === "";
      const yEmpty = y.v === null || y.v === undefined || y.v === "";
      if (xEmpty !== yEmpty) return xEmpty ? 1 : -1;
      const by = xEmpty ? 0 : sign * compareValues(x.v, y.v);
      if (by !== 0) return by;
      return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    })
    .map((x) => x.row);
}

/** One page of a list held in memory, with the pager's figures (the page clamped like SQL paging). */
export function pageRows<T>(rows: readonly T[], requested: unknown, size = PAGE_SIZE): { rows: T[]; paging: Paging } {
  const paging = pageOf(rows.length, requested, size);
  return { rows: rows.slice(paging.offset, paging.offset + paging.size), paging };
}

/**
 * Sums per numeric column for a totals row (money in cents, minutes, counts: always
 * integers, so the sum is exact). A row without a value adds nothing.
 */
export function totals<T, K extends string>(rows: readonly T[], columns: Record<K, (row: T) => number | null | undefined>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(columns) as K[]) {
    let sum = 0;
    for (const row of rows) sum += columns[key](row) ?? 0;
    out[key] = sum;
  }
  return out;
}
