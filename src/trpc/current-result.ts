import type { UseQueryResult } from "@tanstack/react-query";

/**
 * What a page may show of the reader's own data (their cart, their orders): cached data only
 * while it is fresh, else only what the page read since it opened. After any change through the
 * API the cache marks that data stale (src/trpc/query-client.ts), so a page opened after adding
 * to the cart or placing an order shows its loading state until the current figures arrive,
 * never the figures from before the change, not even while they are read again.
 */
export type CurrentResult<T, E> = { status: "loading" } | { status: "failed"; error: E } | { status: "ready"; data: T };

export function currentResult<T, E>(query: UseQueryResult<T, E>): CurrentResult<T, E> {
  if (query.data !== undefined && (query.isFetchedAfterMount || !query.isStale)) return { status: "ready", data: query.data };
  if (query.isError && query.isFetchedAfterMount) return { status: "failed", error: query.error };
  return { status: "loading" };
}
