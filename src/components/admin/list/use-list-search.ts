"use client";

import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { RawSearchParams } from "@/lib/search-params";

/** A query string in the shape a server page received it: a parameter given twice is an array. */
export function rawSearchParams(search: URLSearchParams): RawSearchParams {
  const raw: RawSearchParams = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  return raw;
}

/**
 * The page's query string in the shape a server page received it (a parameter given twice is an
 * array), so a list read in the browser parses its filters, sort and cursor with the same
 * functions as its CSV export (src/lib/admin-list-filters.ts, `cursorParam`, `firstParams`).
 * Only known in the browser: a component that calls this sits under a Suspense boundary.
 */
export function useListSearch(): RawSearchParams {
  const search = useSearchParams();
  return useMemo(() => rawSearchParams(search), [search]);
}
