"use client";

import { useLocale, useTranslations } from "use-intl";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";
import { RouteDiagram } from "./route-diagram";
import { ShipmentStatusBadge } from "./shipment-status-badge";
import { TrackingTimeline } from "./tracking-timeline";
import type { TrackingData } from "./types";

/** Everything a person tracking a parcel wants: status, carrier, ETA, courier, route and timeline. */
export function TrackingPanel({ data }: { data: TrackingData }) {
  const t = useTranslations("logistics.tracking");
  const locale = useLocale();
  const carrierName = locale === "zh-CN" ? data.carrier.nameZh : data.carrier.nameEn;
  const d = data.destination;
  return (
    <div className="space-y-4" data-testid="tracking-panel">
      <Card className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <span
            aria-hidden
            className="flex h-10 w-10 items-center justify-center rounded-full text-sm font-semibold text-white"
            style={{ backgroundColor: data.carrier.logoColor }}
          >
            {data.carrier.code.slice(0, 2)}
          </span>
          <div className="min-w-0 flex-1">
            <p className="font-medium">{carrierName}</p>
            <p className="text-sm text-slate-600">
              {t("trackingNo")}: <span className="font-mono">{data.trackingNo}</span>
            </p>
          </div>
          <div className="flex items-center gap-2" data-testid="shipment-status">
            <span className="sr-only">{t("status")}: </span>
            <ShipmentStatusBadge status={data.status} />
          </div>
        </div>
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          {data.deliveredAt ? (
            <div data-testid="delivered-at">
              <dt className="text-slate-500">{t("deliveredAt")}</dt>
              <dd>
                <time dateTime={new Date(data.deliveredAt).toISOString()}>{formatDateTime(data.deliveredAt, locale)}</time>
                {data.signer && ` · ${t("signer")}: ${data.signer}`}
              </dd>
            </div>
          ) : (
            data.estimatedDeliveryAt && (
              // The plan, not the record: set apart (dashed, muted, tagged) from what happened.
              <div data-testid="expected-delivery" className="rounded-md border border-dashed border-slate-300 px-3 py-2" title={t("expectedNote")}>
                <dt className="flex items-center gap-2 text-slate-500">
                  {t("eta")}
                  <span className="rounded-full bg-slate-100 px-2 text-xs text-slate-600">{t("expectedTag")}</span>
                </dt>
                <dd className="italic text-slate-600">
                  <time dateTime={new Date(data.estimatedDeliveryAt).toISOString()}>{formatDateTime(data.estimatedDeliveryAt, locale)}</time>
                </dd>
              </div>
            )
          )}
          <div>
            <dt className="text-slate-500">{t("courier")}</dt>
            <dd>{data.courier ? t("courierLine", { name: data.courier.name, phone: data.courier.phone }) : t("noCourier")}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-500">{t("shipTo")}</dt>
            <dd>
              {d.recipient} {d.phone} · {d.province} {d.city} {d.district} {d.detail}
            </dd>
          </div>
          {data.failedAttempts > 0 && <p className="text-amber-700 sm:col-span-2">{t("failedAttempts", { count: data.failedAttempts })}</p>}
        </dl>
      </Card>
      {data.route.length > 1 && (
        <Card>
          <h2 className="mb-2 font-medium">{t("route")}</h2>
          <RouteDiagram route={data.route} />
        </Card>
      )}
      <Card>
        <h2 className="mb-4 font-medium">{t("timeline")}</h2>
        <TrackingTimeline events={data.events} />
      </Card>
    </div>
  );
}
