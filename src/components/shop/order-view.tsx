"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { useTranslations } from "use-intl";
import { OrderTrackingSection } from "@/components/logistics/order-tracking-section";
import { OrderPaymentSection } from "@/components/payment/order-payment-section";
import { pathIdAfter } from "@/lib/path-id";
import { useTRPC } from "@/trpc/client";
import { OrderActions } from "./order-actions";
import { OrderAddress } from "./order-address";
import { OrderDelivery } from "./order-delivery";
import { OrderHeader } from "./order-header";
import { OrderHistory } from "./order-history";
import { OrderItems } from "./order-items";
import { OrderTotals } from "./order-totals";
import { ReadState } from "./read-state";

/**
 * A shopper's order, composed of one section component per concern. Modules add their own
 * section (payment, shipment tracking) as one more line in the main column or the side column.
 * The page is the same for every order; the order and its payment section are read here, in one
 * batch with the header's call. Totals and history include the refunds from the payment
 * section's read, which refreshes itself while a refund moves.
 */
export function OrderView() {
  const t = useTranslations("shop.order");
  const tm = useTranslations("catalog.messages");
  const trpc = useTRPC();
  const orderId = pathIdAfter(usePathname(), "orders") ?? "";
  const order = useQuery({ ...trpc.order.byId.queryOptions({ id: orderId }), retry: false });
  const payment = useQuery({ ...trpc.payment.forOrder.queryOptions({ orderId }), retry: false });
  if (!order.data) return <ReadState record errors={[order.error]} onRetry={() => void order.refetch()} />;
  const data = order.data;

  return (
    <div className="space-y-6">
      <title>{`${t("title", { orderNo: data.orderNo })} · shopflow`}</title>
      {/* The query string is the browser's only: the banner waits for it, the page does not. */}
      <Suspense fallback={null}>
        <PlacedBanner />
      </Suspense>
      <OrderHeader order={data} />
      <OrderActions order={data} />
      <Link href={`/messages?order=${data.id}`} className="inline-block text-sm text-brand-700 underline">
        {tm("aboutOrder")}
      </Link>
      {/* On a phone the side column (totals, tracking, delivery) comes first, before the items and the forms. */}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6 lg:col-start-2 lg:row-start-1">
          <OrderTotals order={data} refunds={payment.data ? { refundedMinor: payment.data.refundedMinor, pendingMinor: payment.data.refundPendingMinor } : undefined} />
          {/* No shipment yet ("none"): nothing to track, and asking would be a refused request. */}
          {data.logisticsStatus !== "none" && <OrderTrackingSection orderId={data.id} />}
          <OrderDelivery service={data.shippingService} />
          <OrderAddress order={data} />
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          <OrderItems items={data.items} currency={data.currency} />
          <OrderPaymentSection orderId={data.id} />
          <OrderHistory history={data.history} refunds={payment.data?.refunds} currency={data.currency} />
        </div>
      </div>
    </div>
  );
}

/** "Thank you, your order has been placed" after checkout (`?placed=1`). */
function PlacedBanner() {
  const t = useTranslations("shop.order");
  if (useSearchParams().get("placed") !== "1") return null;
  return (
    <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
      {t("placedBanner")}
    </p>
  );
}
