/**
 * Sorting a list by clicking a column header: the header links to the same list sorted by that
 * column (newest or largest first), or, when it is already the sort, the other way round. The
 * sort lives in the URL (`sort=amount_desc`); a new sort starts again at the first page.
 */
export type SortState = "ascending" | "descending" | "none";

export function sortHeader(
  column: string,
  current: string,
  basePath: string,
  params: Record<string, string | undefined>,
): { href: string; state: SortState } {
  const state: SortState = current === `${column}_desc` ? "descending" : current === `${column}_asc` ? "ascending" : "none";
  const next = state === "descending" ? `${column}_asc` : `${column}_desc`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value && key !== "page" && key !== "cursor" && key !== "sort") query.set(key, value);
  query.set("sort", next);
  return { href: `${basePath}?${query.toString()}`, state };
}

/** Compact "1.2M" / "120万" for an estimated total, in the reader's language. */
export function formatEstimate(total: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(total);
}
