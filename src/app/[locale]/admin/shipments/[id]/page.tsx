import { AuditReason } from "@/components/admin/audit-reason";
import { OrderNoLink } from "@/components/admin/identifier-links";
import Link from "next/link";
import { ShipmentActions } from "@/components/logistics/admin/shipment-actions";
import { ShipmentStatusBadge } from "@/components/logistics/shipment-status-badge";
import { TrackingPanel } from "@/components/logistics/tracking-panel";
import { Badge, ORDER_STATUS_TONE } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.shipments.title") };
}

const kg = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;

/** One shipment for admins: summary, trajectory so far, the rest of the plan, status log and the simulation actions. */
export default async function AdminShipmentPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, tc, locale, caller] = await Promise.all([params, getTranslations("logistics"), getTranslations("common"), getLocale(), api()]);
  const s = await orNotFound(caller.adminLogistics.byId({ id }));
  const couriers = await caller.adminCarriers.couriers({ carrierId: s.carrierId, city: s.destination.city, status: "active", pageSize: 100 });
  const carrierName = locale === "zh-CN" ? s.carrier.nameZh : s.carrier.nameEn;
  const row = (label: string, value: React.ReactNode) => (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/admin/shipments" className="text-sm text-brand-700 hover:underline">
          ← {t("admin.detail.back")}
        </Link>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {t("admin.detail.title", { trackingNo: s.trackingNo })}
          <ShipmentStatusBadge status={s.recordedStatus} />
        </h1>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-medium">{t("admin.detail.summary")}</h2>
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              {row(
                t("admin.detail.order"),
                <OrderNoLink id={s.orderId} orderNo={s.orderNo} />,
              )}
              {row(t("admin.detail.orderStatus"), <Badge tone={ORDER_STATUS_TONE[s.orderStatus]}>{tc(`orderStatus.${s.orderStatus}`)}</Badge>)}
              {row(t("admin.detail.logisticsSn"), <span className="font-mono">{s.logisticsSn}</span>)}
              {row(t("admin.detail.service"), `${carrierName} · ${s.serviceLevel}`)}
              {row(t("admin.detail.zone"), t(`zone.${s.zone}`))}
              {row(t("admin.detail.fee"), formatMoney(s.feeMinor, s.currency, locale))}
              {row(
                t("admin.detail.weights"),
                t("admin.detail.weightsLine", { actual: kg(s.actualWeightGrams), volumetric: kg(s.volumetricWeightGrams), chargeable: kg(s.chargeableWeightGrams) }),
              )}
              {s.distanceKm !== null && row(t("admin.detail.distance"), `${s.distanceKm} km`)}
              {s.promisedAt && row(t("admin.detail.promised"), formatDateTime(s.promisedAt, locale))}
              {row(t("admin.detail.from"), `${s.origin.province} ${s.origin.city}`)}
              {s.exceptionKind && (
                <div className="sm:col-span-2">
                  <dt className="text-rose-700">{t("admin.detail.exception")}</dt>
                  <dd>
                    {t(`admin.detail.exceptionKinds.${s.exceptionKind}`)}: {s.exceptionNote}
                  </dd>
                </div>
              )}
            </dl>
          </Card>
          <TrackingPanel data={s} />
        </div>
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-medium">{t("admin.detail.actions")}</h2>
            <ShipmentActions
              shipmentId={s.shipmentId}
              orderId={s.orderId}
              status={s.recordedStatus}
              hasCourier={Boolean(s.courierId)}
              couriers={couriers.items.map((c) => ({ id: c.id, name: c.name, district: c.district }))}
            />
          </Card>
          <Card>
            <h2 className="mb-3 font-medium">{t("admin.detail.upcoming")}</h2>
            {s.upcoming.length === 0 ? (
              <p className="text-sm text-slate-500">{t("admin.detail.upcomingEmpty")}</p>
            ) : (
              <ol className="space-y-2 text-sm" aria-label={t("admin.detail.upcoming")}>
                {s.upcoming.map((cp) => (
                  <li key={cp.id} className={cp.skipped ? "text-slate-400 line-through" : "italic text-slate-600"}>
                    {locale === "zh-CN" ? cp.textZh : cp.textEn}
                    <span className="block text-xs text-slate-500">
                      {t("admin.detail.expectedAt", { time: formatDateTime(cp.expectedAt, locale) })}
                      {cp.skipped && ` · ${t("admin.detail.skipped")}`}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
          <Card>
            <h2 className="mb-3 font-medium">{t("admin.detail.statusLog")}</h2>
            <ol className="space-y-1 text-xs text-slate-600">
              {s.statusLog.map((l) => (
                <li key={l.id}>
                  {formatDateTime(l.createdAt, locale)} · {l.fromStatus ? `${t(`status.${l.fromStatus as "created"}`)} → ` : ""}
                  {t(`status.${l.toStatus as "created"}`)} · {tc(`actor.${l.actor}`)}
                  <AuditReason prefix=" · " reasonCode={l.reasonCode} reasonParams={l.reasonParams} note={l.reason} />
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}
