"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "use-intl";
import { ReadState } from "@/components/shop/read-state";
import { EmptyState } from "@/components/ui/states";
import { pathIdAfter } from "@/lib/path-id";
import { useTRPC } from "@/trpc/client";
import { TrackingPanel } from "./tracking-panel";

/**
 * The shopper's own order's parcel: full address (it is theirs), courier with a masked phone.
 * The page is the same for every order; the order and its tracking are read here, in one batch
 * with the header's call. An order not shipped yet has no tracking (NOT_FOUND): it says so.
 */
export function OrderTrackingView() {
  const t = useTranslations("logistics.tracking");
  const trpc = useTRPC();
  const orderId = pathIdAfter(usePathname(), "orders") ?? "";
  const order = useQuery({ ...trpc.order.byId.queryOptions({ id: orderId }), retry: false });
  const tracking = useQuery({ ...trpc.logistics.myTracking.queryOptions({ orderId }), retry: false });
  if (!order.data) return <ReadState record errors={[order.error]} onRetry={() => void order.refetch()} />;
  const notShipped = tracking.isError && (tracking.error as { data?: { code?: string } }).data?.code === "NOT_FOUND";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-1">
        <Link href={`/orders/${order.data.id}`} className="text-sm text-brand-700 hover:underline">
          ← {t("backToOrder")}
        </Link>
        <h1 className="text-2xl font-semibold">{t("orderTitle", { orderNo: order.data.orderNo })}</h1>
      </div>
      {tracking.data ? <TrackingPanel data={tracking.data} /> : notShipped ? <EmptyState title={t("notShipped")} /> : <ReadState record errors={[tracking.error]} onRetry={() => void tracking.refetch()} />}
    </div>
  );
}
