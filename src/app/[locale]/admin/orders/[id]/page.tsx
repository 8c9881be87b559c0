import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { AdminOrderOverview } from "@/components/admin/admin-order-overview";
import { AdminOrderActions } from "@/components/admin/order-actions";
import { AdminOrderLinks } from "@/components/admin/order-links";
import { AdminOrderTimeline } from "@/components/admin/order-timeline";
import { shipServiceOptions } from "@/components/admin/ship-service-options";
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

const CAPTURED = ["succeeded", "partially_refunded", "refunded"];

/**
 * An order as admins see it, and where they act on it: who ordered and where it stands; its
 * payment, refunds and shipment as links; ship, cancel, refund and resend; and one timeline of
 * everything that happened to it.
 */
export default async function AdminOrderPage({ params }: Props) {
  const { id } = await params;
  const [t, locale, caller] = await Promise.all([getTranslations("admin.orderDetail"), getLocale(), api()]);
  const order = await orNotFound(loadOrder(id), `/admin/orders/${id}`);
  const [links, timeline, carriers] = await Promise.all([
    caller.adminOrder.links({ id }),
    caller.adminOrder.timeline({ id }),
    order.status === "paid" ? caller.adminCarriers.list() : Promise.resolve([]),
  ]);
  const captured = links.payments.find((p) => CAPTURED.includes(p.status)) ?? null;
  const shipment = links.shipment;

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
      <AdminOrderActions
        order={{ id: order.id, orderNo: order.orderNo, status: order.status, currency: order.currency }}
        payment={captured && { id: captured.id, paymentSn: captured.paymentSn, refundableMinor: captured.refundableMinor }}
        refundableItems={links.refundableItems}
        shipsWith={
          shipment && {
            carrier: locale === "zh-CN" ? shipment.carrierNameZh : shipment.carrierNameEn,
            service: locale === "zh-CN" ? shipment.serviceNameZh : shipment.serviceNameEn,
          }
        }
        canResend={timeline.entries.some((e) => e.source === "notification")}
        services={shipServiceOptions(carriers, locale)}
      />
      <AdminOrderOverview order={order} links={links} />
      <AdminOrderLinks links={links} />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <OrderItems items={order.items} currency={order.currency} />
        </div>
        <div className="space-y-6">
          <OrderTotals order={order} refunds={captured ? { refundedMinor: captured.refundedMinor, pendingMinor: captured.refundPendingMinor } : undefined} />
          <OrderAddress order={{ shippingAddress: order.shippingAddress, note: null }} />
        </div>
      </div>
      <AdminOrderTimeline entries={timeline.entries} />
    </div>
  );
}
