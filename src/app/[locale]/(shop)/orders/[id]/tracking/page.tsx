import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { TrackingPanel } from "@/components/logistics/tracking-panel";
import { EmptyState } from "@/components/ui/states";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("tracking.section") };
}

/** The shopper's own order's parcel: full address (it is theirs), courier with a masked phone. */
export default async function OrderTrackingPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, caller] = await Promise.all([params, getTranslations("logistics"), api()]);
  const order = await orNotFound(caller.order.byId({ id }), `/orders/${id}/tracking`);
  const tracking = await caller.logistics.myTracking({ orderId: id }).catch((e) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") return null;
    throw e;
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-1">
        <Link href={`/orders/${id}`} className="text-sm text-brand-700 hover:underline">
          ← {t("tracking.backToOrder")}
        </Link>
        <h1 className="text-2xl font-semibold">{t("tracking.orderTitle", { orderNo: order.orderNo })}</h1>
      </div>
      {tracking ? <TrackingPanel data={tracking} /> : <EmptyState title={t("tracking.notShipped")} />}
    </div>
  );
}
