import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { AdminOrderOverview } from "@/components/admin/admin-order-overview";
import { AdminOrderStatusLog } from "@/components/admin/admin-order-status-log";
import { OrderAddress } from "@/components/shop/order-address";
import { OrderItems } from "@/components/shop/order-items";
import { OrderStatusBadge } from "@/components/shop/order-status-badge";
import { OrderTotals } from "@/components/shop/order-totals";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { api, orNotFound } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page. */
const loadOrder = cache(async (id: string) => (await api()).adminOrder.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const [t, order] = await Promise.all([getTranslations("admin.orderDetail"), loadOrder(id).catch(() => null)]);
  return { title: order ? t("title", { orderNo: order.orderNo }) : undefined };
}

/**
 * An order as admins see it, one section per concern; payment and logistics add their own
 * admin sections (refund, shipment) as one more line here.
 */
export default async function AdminOrderPage({ params }: Props) {
  const { id } = await params;
  const [t, locale] = await Promise.all([getTranslations("admin.orderDetail"), getLocale()]);
  const order = await orNotFound(loadOrder(id), `/admin/orders/${id}`);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/admin/orders" className="text-sm text-brand-700 underline">
          {t("back")}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{t("title", { orderNo: order.orderNo })}</h1>
          <OrderStatusBadge status={order.status} />
        </div>
        <p className="text-sm text-slate-600">{t("createdAt", { date: formatDateTime(order.createdAt, locale) })}</p>
      </div>
      <AdminOrderOverview order={order} />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <OrderItems items={order.items} currency={order.currency} />
        </div>
        <div className="space-y-6">
          <OrderTotals order={order} />
          <OrderAddress order={{ shippingAddress: order.shippingAddress, note: null }} />
        </div>
      </div>
      <AdminOrderStatusLog log={order.statusLog} />
    </div>
  );
}
