"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { AdminOrdersTable } from "@/components/admin/admin-orders-table";
import { BulkShipForm } from "@/components/admin/bulk-ship-form";
import { ExportCsvLink } from "@/components/admin/export-csv-link";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { ListTotal } from "@/components/admin/list-total";
import { AdminOrderFilters } from "@/components/admin/order-filters";
import { shipServiceOptions } from "@/components/admin/ship-service-options";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { adminOrdersFilters, csvExportHref } from "@/lib/admin-list-filters";
import { sortHeader } from "@/lib/list-sort";
import { cursorParam, firstParams, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

const PAGE_SIZE = 20;

/** The page of orders a query string asks for. */
function ordersInput(raw: RawSearchParams) {
  const { status, orderNo, shopper, from, to, sort } = adminOrdersFilters(raw);
  return { pageSize: PAGE_SIZE, cursor: cursorParam(raw), status, orderNo, shopper, from, to, sort };
}

const startReads: ListReads = ({ queryClient, trpc, raw }) => {
  const input = ordersInput(raw);
  void queryClient.prefetchQuery(trpc.adminOrder.list.queryOptions(input));
  // Paid orders can be shipped together: the carriers to ship with.
  if (input.status === "paid") void queryClient.prefetchQuery(trpc.adminCarriers.list.queryOptions());
};

/** Starts the orders list's reads in the header's batch (see useEarlyRead). */
export function OrdersEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** Every order, filtered, sorted and keyset-paged; all of it lives in the URL, the rows are read by the browser. */
export function OrdersList() {
  const t = useTranslations("admin.orders");
  const locale = useLocale();
  const trpc = useTRPC();
  const raw = useListSearch();
  const params = firstParams(raw);
  const input = ordersInput(raw);
  const { status, orderNo, shopper, from, to, sort } = input;
  const list = useQuery(trpc.adminOrder.list.queryOptions(input, { staleTime: 0 }));
  // Paid orders are the "to ship" queue: they can be shipped together from here.
  const toShip = status === "paid";
  const carriers = useQuery(trpc.adminCarriers.list.queryOptions(undefined, { enabled: toShip }));
  const listParams = { status, orderNo, shopper, from: from ? params.from : undefined, to: to ? params.to : undefined, sort };
  const filtered = Boolean(status || orderNo || shopper || from || to);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-3">
          {list.data && <ListTotal testId="orders-count" total={list.data.total} isEstimate={list.data.totalIsEstimate} exact={t("count", { total: list.data.total })} />}
          <ExportCsvLink href={csvExportHref("orders", raw)} />
        </div>
      </div>
      <AdminOrderFilters key={JSON.stringify(listParams)} values={{ status, orderNo, shopper, from: listParams.from, to: listParams.to }} />
      <ListRows query={list} empty={filtered ? t("empty") : t("emptyAll")}>
        {(result) => (
          <>
            {toShip && carriers.data && (
              <BulkShipForm orders={result.items.map((o) => ({ id: o.id, orderNo: o.orderNo }))} services={shipServiceOptions(carriers.data, locale)} />
            )}
            <AdminOrdersTable orders={result.items} selectable={toShip} createdSort={sortHeader("created", sort, "/admin/orders", listParams)} />
            <KeysetPagination page={result.page} prevCursor={result.prevCursor} nextCursor={result.nextCursor} basePath="/admin/orders" params={listParams} />
          </>
        )}
      </ListRows>
    </div>
  );
}
