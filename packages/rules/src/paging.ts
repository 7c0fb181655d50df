// Paging of long lists: numbered pages of a fixed size with a stable order (every
// list orders on a unique tie-breaker, the id), as a URL parameter `?page=` so it
// works without JavaScript. Exports (CSV) are never paged.

export const PAGE_SIZE = 50;

export type Paging = { page: number; pages: number; size: number; total: number; offset: number; from: number; to: number };

/** The page asked for (a number from the URL, anything else is page 1), clamped to the pages there are. */
export function pageOf(total: number, requested: unknown, size = PAGE_SIZE): Paging {
  const asked = typeof requested === "number" ? requested : Number.parseInt(String(requested ?? ""), 10);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Number.isInteger(asked) && asked > 0 ? Math.min(asked, pages) : 1;
  const offset = (page - 1) * size;
  return { page, pages, size, total, offset, from: total === 0 ? 0 : offset + 1, to: Math.min(offset + size, total) };
}

/** The page number from a URL's `page` parameter, before the total is known (1 when absent or not a number). */
export function requestedPage(value: string | null | undefined): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isInteger(n) && n > 0 ? n : 1;
}
