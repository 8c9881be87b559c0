import { AdminOrderFilters } from "@/components/admin/order-filters";
import { AdminOrdersTable } from "@/components/admin/admin-orders-table";
import { BulkShipForm } from "@/components/admin/bulk-ship-form";
import { shipServiceOptions } from "@/components/admin/ship-service-options";
import { ExportCsvLink } from "@/components/admin/export-csv-link";
import { ListTotal } from "@/components/admin/list-total";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { adminOrdersFilters, csvExportHref } from "@/lib/admin-list-filters";
import { sortHeader } from "@/lib/list-sort";
import { cursorParam, firstParams, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

type SearchParams = { status?: string; from?: string; to?: string; orderNo?: string; shopper?: string; sort?: string };
const PAGE_SIZE = 20;

export async function generateMetadata() {
  return { title: (await getTranslations("admin.orders"))("title") };
}

/** Every order, filtered, sorted and keyset-paged on the server; all of it lives in the URL. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params: SearchParams = firstParams(raw);
  const [t, caller, locale] = await Promise.all([getTranslations("admin.orders"), api(), getLocale()]);
  const { status, orderNo, shopper, from, to, sort } = adminOrdersFilters(raw);
  const result = await orNotFound(
    caller.adminOrder.list({ pageSize: PAGE_SIZE, cursor: cursorParam(raw), status, orderNo, shopper, from, to, sort }),
    "/admin/orders",
  );
  const listParams = { status, orderNo, shopper, from: from ? params.from : undefined, to: to ? params.to : undefined, sort };
  // Paid orders are the "to ship" queue: they can be shipped together from here.
  const toShip = status === "paid";
  const filtered = Boolean(status || orderNo || shopper || from || to);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-3">
          <ListTotal testId="orders-count" total={result.total} isEstimate={result.totalIsEstimate} exact={t("count", { total: result.total })} />
          <ExportCsvLink href={csvExportHref("orders", raw)} />
        </div>
      </div>
      <AdminOrderFilters
        values={{ status, orderNo, shopper, from: from ? params.from : undefined, to: to ? params.to : undefined }}
      />
      {toShip && result.items.length > 0 && (
        <BulkShipForm orders={result.items.map((o) => ({ id: o.id, orderNo: o.orderNo }))} services={shipServiceOptions(await caller.adminCarriers.list(), locale)} />
      )}
      {result.items.length === 0 ? (
        <EmptyState title={filtered ? t("empty") : t("emptyAll")} />
      ) : (
        <AdminOrdersTable orders={result.items} selectable={toShip} createdSort={sortHeader("created", sort, "/admin/orders", listParams)} />
      )}
      <KeysetPagination page={result.page} prevCursor={result.prevCursor} nextCursor={result.nextCursor} basePath="/admin/orders" params={listParams} />
    </div>
  );
}
