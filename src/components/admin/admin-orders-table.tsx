import Link from "next/link";
import { MirrorStatus } from "@/components/shop/mirror-status";
import { OrderStatusBadge } from "@/components/shop/order-status-badge";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import type { SortState } from "@/lib/list-sort";
import type { RouterOutputs } from "@/trpc/types";

type Row = RouterOutputs["adminOrder"]["list"]["items"][number];

/** One page of orders for admins: number (link), shopper, the three statuses, total, created (sortable by its header). */
export async function AdminOrdersTable({ orders, createdSort }: { orders: Row[]; createdSort?: { href: string; state: SortState } }) {
  const [t, locale] = await Promise.all([getTranslations("admin.orders"), getLocale()]);
  const th = "px-3 py-3 font-medium";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" aria-label={t("list")}>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className={th}>{t("columns.orderNo")}</th>
            <th scope="col" className={th}>{t("columns.shopper")}</th>
            <th scope="col" className={th}>{t("columns.status")}</th>
            <th scope="col" className={th}>{t("columns.payment")}</th>
            <th scope="col" className={th}>{t("columns.logistics")}</th>
            <th scope="col" className={`${th} text-right`}>{t("columns.total")}</th>
            <th scope="col" className={th} aria-sort={createdSort?.state}>
              {createdSort ? (
                <Link href={createdSort.href} className="inline-flex items-center gap-1 uppercase hover:text-slate-800">
                  {t("columns.created")}
                  <span aria-hidden="true">{createdSort.state === "ascending" ? "▲" : createdSort.state === "descending" ? "▼" : "↕"}</span>
                </Link>
              ) : (
                t("columns.created")
              )}
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} className="border-t border-slate-100 hover:bg-slate-50">
              <td className="px-3 py-2">
                <Link href={`/admin/orders/${order.id}`} className="font-mono text-brand-700 underline">
                  {order.orderNo}
                </Link>
              </td>
              <td className="px-3 py-2">
                <span className="block">{order.shopperName}</span>
                <span className="block text-xs text-slate-500">{order.shopperEmail}</span>
              </td>
              <td className="px-3 py-2">
                <OrderStatusBadge status={order.status} />
              </td>
              <td className="px-3 py-2">
                <MirrorStatus kind="paymentStatus" value={order.paymentStatus} />
              </td>
              <td className="px-3 py-2">
                <MirrorStatus kind="logisticsStatus" value={order.logisticsStatus} />
              </td>
              <td className="px-3 py-2 text-right font-medium whitespace-nowrap">{formatMoney(order.payableTotalMinor, order.currency, locale)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(order.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
