"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import type { RouterOutputs } from "@/trpc/types";
import { OrderStatusBadge } from "./order-status-badge";

type Summary = RouterOutputs["order"]["mine"]["items"][number];

/** The shopper's orders as a table (cards on narrow screens): number, date, status, items, total. */
export function OrderList({ orders }: { orders: Summary[] }) {
  const t = useTranslations("shop.orders");
  const locale = useLocale();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" aria-label={t("list")}>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">{t("orderNo")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("date")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("status")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("items")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("total")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} className="border-t border-slate-100 hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/orders/${order.id}`} className="font-mono text-brand-700 underline">
                  {order.orderNo}
                </Link>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(order.createdAt, locale)}</td>
              <td className="px-4 py-3">
                <OrderStatusBadge status={order.status} />
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap">{t("itemCount", { count: order.itemCount })}</td>
              <td className="px-4 py-3 text-right font-medium whitespace-nowrap">{formatMoney(order.payableTotalMinor, order.currency, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
