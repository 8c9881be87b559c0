"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/ui/button";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { firstParams, pageParam } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";
import { currentResult } from "@/trpc/current-result";
import { OrderList } from "./order-list";
import { ORDER_STATUS_OPTIONS, parseOrderStatus } from "./order-status";
import { ReadState } from "./read-state";

const PAGE_SIZE = 10;

/** The page of my orders a query string asks for (the first value of each parameter, bounded). */
function ordersInput(get: (name: string) => string | null) {
  const params = firstParams({ page: get("page") ?? undefined, status: get("status") ?? undefined });
  return { page: pageParam(params.page, 10_000), pageSize: PAGE_SIZE, status: parseOrderStatus(params.status) };
}

/**
 * Starts reading the page of orders the URL asks for as soon as the page is live, beside the
 * header's read, so both go in one request. MyOrders reads the query string through
 * useSearchParams, which a built page can only do under Suspense, and React renders that
 * boundary in a later task than the header: its own read would be a second request. It finds
 * this one under way instead.
 */
export function MyOrdersEarlyRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const search = new URLSearchParams(window.location.search);
    void queryClient.prefetchQuery(trpc.order.mine.queryOptions(ordersInput((name) => search.get(name))));
  }, [queryClient, trpc]);
  return null;
}

/**
 * My orders, newest first: a page of them with the status filter, both from the URL's query, read
 * by the browser in the same batch as the header's call, so the page is built once per language.
 * Every filter and page is a URL, so it can be linked, bookmarked and reloaded.
 */
export function MyOrders() {
  const t = useTranslations("shop.orders");
  const ts = useTranslations("common.orderStatus");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const search = useSearchParams();
  const input = ordersInput((name) => search.get(name));
  const { page, status } = input;
  const query = useQuery(trpc.order.mine.queryOptions(input));
  const result = currentResult(query);

  return (
    <>
      {/* Keyed on the filter: the field starts from the URL again after a link changes it. */}
      <form key={status ?? ""} action="/orders" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("statusFilter")}</span>
          <select name="status" defaultValue={status ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2">
            <option value="">{t("allStatuses")}</option>
            {ORDER_STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("filter")}
        </button>
        {result.status === "ready" && <p className="ml-auto text-sm text-slate-600">{t("count", { total: result.data.total })}</p>}
      </form>

      {result.status === "loading" ? (
        <LoadingState label={tc("states.loading")} />
      ) : result.status === "failed" ? (
        <ReadState errors={[result.error]} onRetry={() => void query.refetch()} />
      ) : result.data.items.length === 0 ? (
        <EmptyState title={status ? t("emptyFiltered") : t("empty")}>
          {!status && (
            <Link href="/" className={buttonClass("primary")}>
              {t("startShopping")}
            </Link>
          )}
        </EmptyState>
      ) : (
        <OrderList orders={result.data.items} />
      )}
      {result.status === "ready" && result.data.total > result.data.pageSize && (
        <PaginationLinks
          page={page}
          pageSize={result.data.pageSize}
          total={result.data.total}
          basePath="/orders"
          params={{ status }}
          labels={{ label: tc("pagination.label"), previous: tc("pagination.previous"), next: tc("pagination.next"), pageOf: (p, pages) => tc("pagination.pageOf", { page: p, pages }) }}
        />
      )}
    </>
  );
}
