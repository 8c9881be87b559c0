import { AdminOrderFilters } from "@/components/admin/order-filters";
import { AdminOrdersTable } from "@/components/admin/admin-orders-table";
import { BulkShipForm } from "@/components/admin/bulk-ship-form";
import { shipServiceOptions } from "@/components/admin/ship-service-options";
import { ExportCsvLink } from "@/components/admin/export-csv-link";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { adminOrdersFilters, csvExportHref } from "@/lib/admin-list-filters";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

type SearchParams = { page?: string; status?: string; from?: string; to?: string; orderNo?: string; shopper?: string };
const PAGE_SIZE = 20;

export async function generateMetadata() {
  return { title: (await getTranslations("admin.orders"))("title") };
}

/** Every order, filtered and paginated on the server; the filters live in the URL. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params: SearchParams = firstParams(raw);
  const [t, td, caller, locale] = await Promise.all([getTranslations("admin.orders"), getTranslations("dashboard.export"), api(), getLocale()]);
  const page = Math.min(100_000, Math.max(1, Math.floor(Number(params.page)) || 1));
  const { status, orderNo, shopper, from, to } = adminOrdersFilters(raw);
  const result = await orNotFound(
    caller.adminOrder.list({ page, pageSize: PAGE_SIZE, status, orderNo, shopper, from, to }),
    "/admin/orders",
  );
  // Paid orders are the "to ship" queue: they can be shipped together from here.
  const toShip = status === "paid";
  const filtered = Boolean(status || orderNo || shopper || from || to);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-3">
          <p className="text-sm text-slate-600" data-testid="orders-count">
            {t("count", { total: result.total })}
          </p>
          <ExportCsvLink href={csvExportHref("orders", raw)} label={td("csv")} hint={td("hint")} />
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
        <AdminOrdersTable orders={result.items} selectable={toShip} />
      )}
      {result.total > result.pageSize && (
        <Pagination
          page={page}
          pageSize={result.pageSize}
          total={result.total}
          basePath="/admin/orders"
          params={{ status, orderNo, shopper, from: from ? params.from : undefined, to: to ? params.to : undefined }}
        />
      )}
    </div>
  );
}
