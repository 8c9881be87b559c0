import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { OrderTrackingSection } from "@/components/logistics/order-tracking-section";
import { OrderPaymentSection } from "@/components/payment/order-payment-section";
import { OrderActions } from "@/components/shop/order-actions";
import { OrderAddress } from "@/components/shop/order-address";
import { OrderDelivery } from "@/components/shop/order-delivery";
import { OrderHeader } from "@/components/shop/order-header";
import { OrderHistory } from "@/components/shop/order-history";
import { OrderItems } from "@/components/shop/order-items";
import { OrderTotals } from "@/components/shop/order-totals";
import { getTranslations } from "@/i18n/server";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> };

/** One read per request, shared by the metadata and the page. */
const loadOrder = cache(async (id: string) => (await api()).order.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const [t, order] = await Promise.all([getTranslations("shop.order"), loadOrder(id).catch(() => null)]);
  return { title: order ? t("title", { orderNo: order.orderNo }) : undefined, robots: { index: false } };
}

/**
 * A shopper's order, composed of one section component per concern. Modules add their own
 * section (payment, shipment tracking) as one more line in the main column or the side column.
 * Totals and history include the refunds, read with the payment section's procedure once: the
 * section starts from that read (it refreshes the page when a refund moves).
 * Another shopper's order and malformed ids are the not-found page.
 */
export default async function OrderPage({ params, searchParams }: Props) {
  const [{ id }, { placed }] = await Promise.all([params, searchParams.then((raw) => firstParams(raw))]);
  const [t, tm] = await Promise.all([getTranslations("shop.order"), getTranslations("catalog.messages")]);
  const [order, payment] = await orNotFound(Promise.all([loadOrder(id), api().then((caller) => caller.payment.forOrder({ orderId: id }))]), `/orders/${id}`);

  return (
    <div className="space-y-6">
      {placed === "1" && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("placedBanner")}
        </p>
      )}
      <OrderHeader order={order} />
      <OrderActions order={order} />
      <Link href={`/messages?order=${order.id}`} className="inline-block text-sm text-brand-700 underline">
        {tm("aboutOrder")}
      </Link>
      {/* On a phone the side column (totals, tracking, delivery) comes first, before the items and the forms. */}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6 lg:col-start-2 lg:row-start-1">
          <OrderTotals order={order} refunds={{ refundedMinor: payment.refundedMinor, pendingMinor: payment.refundPendingMinor }} />
          {/* No shipment yet ("none"): nothing to track, and asking would be a refused request. */}
          {order.logisticsStatus !== "none" && <OrderTrackingSection orderId={order.id} />}
          <OrderDelivery service={order.shippingService} />
          <OrderAddress order={order} />
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          <OrderItems items={order.items} currency={order.currency} />
          <OrderPaymentSection orderId={order.id} initial={payment} />
          <OrderHistory history={order.history} refunds={payment.refunds} currency={order.currency} />
        </div>
      </div>
    </div>
  );
}
