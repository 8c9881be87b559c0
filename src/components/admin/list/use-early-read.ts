"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";
import { rawSearchParams } from "./use-list-search";

/** What starts a list's reads: the same query options its list component asks for, from the same query string. */
export type ListReads = (reads: { queryClient: QueryClient; trpc: ReturnType<typeof useTRPC>; raw: RawSearchParams }) => void;

/**
 * Starts a built list's reads as soon as the page is live, beside the admin header's read, so
 * both go in one request. The list reads the query string through useSearchParams, which a built
 * page can only do under Suspense, and React renders that boundary in a later task than the
 * header: its own reads would be a second request. It finds these under way instead. Called by a
 * list's early-read component, which `BuiltListPage` renders outside the boundary; `start` is a
 * module-level function (it runs once, when the page goes live).
 */
export function useEarlyRead(start: ListReads): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    start({ queryClient, trpc, raw: rawSearchParams(new URLSearchParams(window.location.search)) });
  }, [queryClient, trpc, start]);
}
