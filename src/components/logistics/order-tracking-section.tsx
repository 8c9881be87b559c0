"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import { ShipmentStatusBadge } from "./shipment-status-badge";

/**
 * The shipping block of a shopper's order page: carrier, tracking number, status, the latest
 * scan and a link to the full tracking page. Renders nothing until the order has a shipment.
 */
export function OrderTrackingSection({ orderId }: { orderId: string }) {
  const t = useTranslations("logistics.tracking");
  const locale = useLocale();
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.logistics.myTracking.queryOptions({ orderId }), retry: false });
  if (!data) return null;
  const latest = data.events.at(-1);
  return (
    <section aria-labelledby="order-tracking" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="order-tracking" className="font-medium">
          {t("section")}
        </h2>
        <ShipmentStatusBadge status={data.status} />
      </div>
      <p className="text-sm text-slate-600">
        {locale === "zh-CN" ? data.carrier.nameZh : data.carrier.nameEn} · <span className="font-mono">{data.trackingNo}</span>
      </p>
      {latest && (
        <p className="text-sm">
          {locale === "zh-CN" ? latest.textZh : latest.textEn}
          <time dateTime={new Date(latest.at).toISOString()} className="block text-xs text-slate-500">
            {formatDateTime(latest.at, locale)}
          </time>
        </p>
      )}
      <Link href={`/orders/${orderId}/tracking`} className="inline-block text-sm font-medium text-brand-700 hover:underline">
        {t("viewDetails")}
      </Link>
    </section>
  );
}
