"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { ExportCsvLink } from "@/components/admin/export-csv-link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { OrderNoLink, TrackingNoLink } from "@/components/admin/identifier-links";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { ListTotal } from "@/components/admin/list-total";
import { ShipOrderButton } from "@/components/logistics/admin/ship-order-button";
import { ShipmentStatusBadge } from "@/components/logistics/shipment-status-badge";
import { SHIPMENT_STATUS_NAMES as SHIPMENT_STATUSES } from "@/components/logistics/types";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { SHIPMENT_QUEUES, adminShipmentsFilters, csvExportHref } from "@/lib/admin-list-filters";
import { formatDateTime } from "@/lib/dates";
import { sortHeader } from "@/lib/list-sort";
import { formatMoney } from "@/lib/money";
import { cursorParam, firstParams, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

type Params = { status?: string; carrier?: string; courier?: string; trackingNo?: string; orderNo?: string; from?: string; to?: string; queue?: string; sort?: string };
const QUEUES = SHIPMENT_QUEUES;

/** The page of shipments a query string asks for. */
const shipmentsInput = (raw: RawSearchParams) => ({ pageSize: 20, cursor: cursorParam(raw), ...adminShipmentsFilters(raw) });

const startReads: ListReads = ({ queryClient, trpc, raw }) => {
  void queryClient.prefetchQuery(trpc.adminLogistics.list.queryOptions(shipmentsInput(raw)));
  void queryClient.prefetchQuery(trpc.adminCarriers.list.queryOptions());
  void queryClient.prefetchQuery(trpc.adminLogistics.toShip.queryOptions({ limit: 20 }));
};

/** Starts the shipments list's reads in the header's batch (see useEarlyRead). */
export function ShipmentsEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** Admin Shipments: filters, queues, sorting (column headers), keyset pages, and paid orders waiting to ship; all read by the browser. */
export function ShipmentsList() {
  const t = useTranslations("logistics");
  const td = useTranslations("dashboard");
  const tf = useTranslations("common.listFilters");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const raw = useListSearch();
  const params: Params = firstParams(raw, 32);
  const input = shipmentsInput(raw);
  const { status, queue, sort } = input;
  const list = useQuery(trpc.adminLogistics.list.queryOptions(input, { staleTime: 0 }));
  const carriers = useQuery(trpc.adminCarriers.list.queryOptions());
  const toShip = useQuery(trpc.adminLogistics.toShip.queryOptions({ limit: 20 }, { staleTime: 0 }));
  // The carrier and service the shopper chose, by name in the page's language (the codes are for developers).
  const carrierAndLevelName = (carrierCode: string, levelCode: string | null) => {
    const carrier = carriers.data?.find((c) => c.code === carrierCode);
    if (!carrier) return carrierCode;
    const level = carrier.serviceLevels.find((l) => l.code === levelCode);
    const name = (named: { nameEn: string; nameZh: string }) => (locale === "zh-CN" ? named.nameZh : named.nameEn);
    return level ? `${name(carrier)} · ${name(level)}` : name(carrier);
  };
  const keep = { status: params.status, carrier: params.carrier, courier: params.courier, trackingNo: params.trackingNo, orderNo: params.orderNo, from: params.from, to: params.to, sort };
  const sortBy = (column: "created" | "fee") => sortHeader(column, sort, "/admin/shipments", { ...keep, queue });
  const queueHref = (q?: string) => `/admin/shipments${q ? `?queue=${q}` : ""}`;
  // A queue chip says what the rows' badges say: the status label, or the flag's own word.
  const queueLabel = { unassigned: t("admin.shipments.unassigned"), exception: t("status.exception"), stale: t("admin.shipments.stale") } satisfies Record<(typeof QUEUES)[number], string>;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("admin.shipments.title")}</h1>

      <Card className="space-y-3">
        <h2 className="font-medium">{t("admin.shipments.toShipTitle")}</h2>
        {toShip.isError ? (
          <ErrorState title={tc("states.error")} />
        ) : !toShip.data ? (
          <LoadingState label={tc("states.loading")} />
        ) : toShip.data.length === 0 ? (
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
                {toShip.data.map((o) => (
                  <tr key={o.orderId} className="border-t border-slate-100">
                    <td className="py-2 pr-3">
                      <OrderNoLink id={o.orderId} orderNo={o.orderNo} />
                    </td>
                    <td className="py-2 pr-3">{o.paidAt ? formatDateTime(o.paidAt, locale) : ""}</td>
                    <td className="py-2 pr-3">
                      {o.destinationProvince} {o.destinationCity}
                    </td>
                    <td className="py-2 pr-3">{o.carrierCode ? carrierAndLevelName(o.carrierCode, o.serviceLevel) : "—"}</td>
                    <td className="py-2 pr-3">
                      {o.shipmentId ? (
                        <TrackingNoLink id={o.shipmentId} trackingNo={o.trackingNo ?? ""} />
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
            {q ? t("admin.shipments.queue.chip", { label: queueLabel[q], count: list.data?.queues[q] ?? "…" }) : tf("all")}
          </Link>
        ))}
      </nav>

      {/* Keyed on the URL's query and the carriers: a select's default applies only to its first render with options. */}
      <FilterForm key={JSON.stringify({ ...keep, queue, carriers: carriers.data?.length })} label={t("admin.shipments.filters")} action="/admin/shipments" className="sm:grid-cols-2 lg:grid-cols-4">
        {queue && <input type="hidden" name="queue" value={queue} />}
        {params.courier && <input type="hidden" name="courier" value={params.courier} />}
        {sort !== "created_desc" && <input type="hidden" name="sort" value={sort} />}
        <FilterSelect
          label={t("admin.shipments.status")}
          name="status"
          defaultValue={status}
          anyLabel={t("admin.shipments.any")}
          options={SHIPMENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <FilterSelect
          label={t("admin.shipments.carrier")}
          name="carrier"
          defaultValue={params.carrier}
          anyLabel={t("admin.shipments.any")}
          options={(carriers.data ?? []).map((c) => ({ value: c.code, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))}
        />
        <FilterInput label={t("admin.shipments.trackingNo")} name="trackingNo" defaultValue={params.trackingNo} />
        <FilterInput label={t("admin.shipments.orderNo")} name="orderNo" defaultValue={params.orderNo} />
        <FilterInput label={t("admin.shipments.from")} name="from" type="date" defaultValue={params.from} />
        <FilterInput label={t("admin.shipments.to")} name="to" type="date" defaultValue={params.to} />
      </FilterForm>

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2">
        {list.data ? <ListTotal total={list.data.total} isEstimate={list.data.totalIsEstimate} exact={td("listTotal", { count: list.data.total })} /> : <span />}
        <ExportCsvLink href={csvExportHref("shipments", raw)} />
      </div>
      <ListRows query={list} empty={t("admin.shipments.empty")}>
        {(result) => (
          <>
            <DataTable
              label={t("admin.shipments.table")}
              rows={result.items}
              rowKey={(s) => s.id}
              empty={t("admin.shipments.empty")}
              columns={[
                {
                  id: "tracking",
                  header: t("admin.shipments.columns.tracking"),
                  cell: (s) => (
                    <>
                      <TrackingNoLink id={s.id} trackingNo={s.trackingNo} />
                      <span className="block font-mono text-xs text-slate-500">{s.logisticsSn}</span>
                  </>
                ),
              },
              { id: "order", header: t("admin.shipments.columns.order"), className: "text-xs", cell: (s) => <OrderNoLink id={s.orderId} orderNo={s.orderNo} /> },
              { id: "carrier", header: t("admin.shipments.columns.carrier"), cell: (s) => (locale === "zh-CN" ? s.carrierNameZh : s.carrierNameEn) },
              { id: "route", header: t("admin.shipments.columns.route"), cell: (s) => `${s.originCity} → ${s.destinationCity}` },
              { id: "courier", header: t("admin.shipments.columns.courier"), cell: (s) => s.courierName ?? <Badge tone="warning">{t("admin.shipments.unassigned")}</Badge> },
              {
                id: "status",
                header: t("admin.shipments.columns.status"),
                className: "space-x-1",
                cell: (s) => (
                  <>
                    <ShipmentStatusBadge status={s.status} />
                    {s.stale && <Badge tone="danger">{t("admin.shipments.stale")}</Badge>}
                  </>
                ),
              },
              { id: "fee", header: t("admin.shipments.columns.fee"), align: "right", sort: sortBy("fee"), cell: (s) => formatMoney(s.feeMinor, s.currency, locale) },
              { id: "created", header: t("admin.shipments.columns.created"), className: "text-xs", sort: sortBy("created"), cell: (s) => formatDateTime(s.createdAt, locale) },
            ]}
          />
          <KeysetPagination page={result.page} prevCursor={result.prevCursor} nextCursor={result.nextCursor} basePath="/admin/shipments" params={{ ...keep, queue }} />
          </>
        )}
      </ListRows>
    </div>
  );
}
