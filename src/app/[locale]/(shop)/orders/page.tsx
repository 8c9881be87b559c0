import Link from "next/link";
import { ORDER_STATUS_OPTIONS, parseOrderStatus } from "@/components/shop/order-status";
import { OrderList } from "@/components/shop/order-list";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getTranslations } from "@/i18n/server";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

type SearchParams = { page?: string; status?: string };
const PAGE_SIZE = 10;

export async function generateMetadata() {
  return { title: (await getTranslations("shop.orders"))("title") };
}

/** My orders: newest first, paginated and filtered on the server through URL parameters. */
export default async function OrdersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params: SearchParams = firstParams(await searchParams);
  const [t, ts, caller] = await Promise.all([getTranslations("shop.orders"), getTranslations("common.orderStatus"), api()]);
  const page = Math.min(10_000, Math.max(1, Math.floor(Number(params.page)) || 1));
  const status = parseOrderStatus(params.status);
  const result = await orNotFound(caller.order.mine({ page, pageSize: PAGE_SIZE, status }), "/orders");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form action="/orders" className="flex flex-wrap items-end gap-3">
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
        <p className="ml-auto text-sm text-slate-600">{t("count", { total: result.total })}</p>
      </form>

      {result.items.length === 0 ? (
        <EmptyState title={status ? t("emptyFiltered") : t("empty")}>
          {!status && (
            <Link href="/" className={buttonClass("primary")}>
              {t("startShopping")}
            </Link>
          )}
        </EmptyState>
      ) : (
        <OrderList orders={result.items} />
      )}
      {result.total > result.pageSize && (
        <Pagination
          page={page}
          pageSize={result.pageSize}
          total={result.total}
          basePath="/orders"
          params={{ status }}
        />
      )}
    </div>
  );
}
