"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "@/lib/dates";
import type { ShopperOrderView } from "@/trpc/types";
import { OrderStatusBadge } from "./order-status-badge";

/** Order number, status and when it was placed, with the way back to the list. */
export function OrderHeader({ order, backHref = "/orders" }: { order: Pick<ShopperOrderView, "orderNo" | "status" | "createdAt">; backHref?: string }) {
  const t = useTranslations("shop.order");
  const locale = useLocale();
  return (
    <div className="space-y-2">
      <Link href={backHref} className="text-sm text-brand-700 underline">
        {t("backToOrders")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("title", { orderNo: order.orderNo })}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="text-sm text-slate-600">{t("placedAt", { date: formatDateTime(order.createdAt, locale) })}</p>
    </div>
  );
}
