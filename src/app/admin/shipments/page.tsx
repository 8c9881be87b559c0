import Link from "next/link";
import { ShipOrderButton } from "@/components/logistics/admin/ship-order-button";
import { ShipmentStatusBadge } from "@/components/logistics/shipment-status-badge";
import { SHIPMENT_STATUS_NAMES as SHIPMENT_STATUSES } from "@/components/logistics/types";
import { Pagination } from "@/components/shop/pagination";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.shipments.title") };
}

type Params = { status?: string; carrier?: string; courier?: string; trackingNo?: string; orderNo?: string; from?: string; to?: string; queue?: string; page?: string };
const QUEUES = ["unassigned", "exception", "stale"] as const;

/** Admin Shipments: filters, queues, server-side pagination, and paid orders waiting to ship. */
export default async function AdminShipmentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const [params, t, tc, locale, caller] = await Promise.all([searchParams, getTranslations("logistics"), getTranslations("common"), getLocale(), api()]);
  const page = Math.max(1, Number(params.page) || 1);
  const status = SHIPMENT_STATUSES.find((s) => s === params.status);
  const queue = QUEUES.find((q) => q === params.queue);
  const date = (value?: string) => (value && !Number.isNaN(Date.parse(value)) ? new Date(`${value}T00:00:00+08:00`) : undefined);
  const [result, carriers, toShip] = await Promise.all([
    caller.adminLogistics.list({
      page,
      pageSize: 20,
      status,
      queue,
      carrierCode: params.carrier || undefined,
      courierId: params.courier && /^[0-9a-f-]{36}$/.test(params.courier) ? params.courier : undefined,
      trackingNo: params.trackingNo || undefined,
      orderNo: params.orderNo || undefined,
      from: date(params.from),
      to: date(params.to),
    }),
    caller.adminCarriers.list(),
    caller.adminLogistics.toShip({ limit: 20 }),
  ]);
  const keep = { status: params.status, carrier: params.carrier, courier: params.courier, trackingNo: params.trackingNo, orderNo: params.orderNo, from: params.from, to: params.to };
  const queueHref = (q?: string) => `/admin/shipments${q ? `?queue=${q}` : ""}`;
  const field = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("admin.shipments.title")}</h1>

      <Card className="space-y-3">
        <h2 className="font-medium">{t("admin.shipments.toShipTitle")}</h2>
        {toShip.length === 0 ? (
          <p className="text-sm text-slate-500">{t("admin.shipments.toShipEmpty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label={t("admin.shipments.toShipTitle")}>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-3">{t("admin.shipments.toShipColumns.order")}</th>
                  <th className="py-2 pr-3">{t("admin.shipments.toShipColumns.paidAt")}</th>
                  <th className="py-2 pr-3">{t("admin.shipments.toShipColumns.destination")}</th>
                  <th className="py-2 pr-3">{t("admin.shipments.toShipColumns.carrier")}</th>
                  <th className="py-2 pr-3">{t("admin.shipments.toShipColumns.shipment")}</th>
                  <th className="py-2" />
                </tr>
              </thead>
              <tbody>
                {toShip.map((o) => (
                  <tr key={o.orderId} className="border-t border-slate-100">
                    <td className="py-2 pr-3 font-mono">{o.orderNo}</td>
                    <td className="py-2 pr-3">{o.paidAt ? formatDateTime(o.paidAt, locale) : ""}</td>
                    <td className="py-2 pr-3">
                      {o.destinationProvince} {o.destinationCity}
                    </td>
                    <td className="py-2 pr-3">{o.carrierCode ? `${o.carrierCode} · ${o.serviceLevel}` : "—"}</td>
                    <td className="py-2 pr-3">
                      {o.shipmentId ? (
                        <Link className="font-mono text-brand-700 hover:underline" href={`/admin/shipments/${o.shipmentId}`}>
                          {o.trackingNo}
                        </Link>
                      ) : (
                        <span className="text-slate-500">{t("admin.shipments.noShipment")}</span>
                      )}
                    </td>
                    <td className="py-2 text-right">
                      <ShipOrderButton orderId={o.orderId} orderNo={o.orderNo} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <nav aria-label={t("admin.shipments.queues")} className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...QUEUES].map((q) => (
          <Link
            key={q ?? "all"}
            href={queueHref(q)}
            aria-current={queue === q ? "page" : undefined}
            className={cn("rounded-full px-3 py-1", queue === q ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100")}
          >
            {q ? t(`admin.shipments.queue.${q}`, { count: result.queues[q] }) : t("admin.shipments.queue.all")}
          </Link>
        ))}
      </nav>

      <form aria-label={t("admin.shipments.filters")} action="/admin/shipments" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        {queue && <input type="hidden" name="queue" value={queue} />}
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.shipments.status")}</span>
          <select name="status" defaultValue={status ?? ""} className={field}>
            <option value="">{t("admin.shipments.any")}</option>
            {SHIPMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.shipments.carrier")}</span>
          <select name="carrier" defaultValue={params.carrier ?? ""} className={field}>
            <option value="">{t("admin.shipments.any")}</option>
            {carriers.map((c) => (
              <option key={c.id} value={c.code}>
                {locale === "zh-CN" ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.shipments.trackingNo")}</span>
          <input name="trackingNo" defaultValue={params.trackingNo ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.shipments.orderNo")}</span>
          <input name="orderNo" defaultValue={params.orderNo ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.shipments.from")}</span>
          <input type="date" name="from" defaultValue={params.from ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.shipments.to")}</span>
          <input type="date" name="to" defaultValue={params.to ?? ""} className={field} />
        </label>
        {params.courier && <input type="hidden" name="courier" value={params.courier} />}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass()}>
            {t("admin.shipments.apply")}
          </button>
          <Link href="/admin/shipments" className={buttonClass("ghost")}>
            {t("admin.shipments.reset")}
          </Link>
        </div>
      </form>

      {result.items.length === 0 ? (
        <EmptyState title={t("admin.shipments.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" aria-label={t("admin.shipments.table")}>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                {(["tracking", "order", "carrier", "route", "courier", "status", "fee", "created"] as const).map((c) => (
                  <th key={c} className="px-3 py-2">
                    {t(`admin.shipments.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.items.map((s) => (
                <tr key={s.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <Link href={`/admin/shipments/${s.id}`} className="font-mono text-brand-700 hover:underline">
                      {s.trackingNo}
                    </Link>
                    <span className="block font-mono text-xs text-slate-500">{s.logisticsSn}</span>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{s.orderNo}</td>
                  <td className="px-3 py-2">{locale === "zh-CN" ? s.carrierNameZh : s.carrierNameEn}</td>
                  <td className="px-3 py-2">
                    {s.originCity} → {s.destinationCity}
                  </td>
                  <td className="px-3 py-2">{s.courierName ?? <Badge tone="warning">{t("admin.shipments.unassigned")}</Badge>}</td>
                  <td className="space-x-1 px-3 py-2">
                    <ShipmentStatusBadge status={s.status} />
                    {s.stale && <Badge tone="danger">{t("admin.shipments.stale")}</Badge>}
                  </td>
                  <td className="px-3 py-2">{formatMoney(s.feeMinor, s.currency, locale)}</td>
                  <td className="px-3 py-2 text-xs">{formatDateTime(s.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/admin/shipments"
        params={{ ...keep, queue }}
        labels={{
          nav: tc("pagination.label"),
          previous: tc("pagination.previous"),
          next: tc("pagination.next"),
          pageOf: tc("pagination.pageOf", { page, pages: Math.max(1, Math.ceil(result.total / result.pageSize)) }),
        }}
      />
    </div>
  );
}
