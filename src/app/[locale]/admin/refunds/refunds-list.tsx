"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { ExportCsvLink } from "@/components/admin/export-csv-link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { OrderNoLink, RefundSnLink, ShopperEmailLink } from "@/components/admin/identifier-links";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { ListTotal } from "@/components/admin/list-total";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { ADMIN_LIST_SORTS, adminRefundsFilters, csvExportHref } from "@/lib/admin-list-filters";
import { formatDateTime } from "@/lib/dates";
import { sortHeader } from "@/lib/list-sort";
import { formatMoney } from "@/lib/money";
import { REFUND_STATUS_KEYS, REFUND_STATUS_TONE, type RefundStatusKey } from "@/lib/payment-ui";
import { cursorParam, firstParams, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

/** The page of refunds a query string asks for. */
const refundsInput = (raw: RawSearchParams) => ({ pageSize: 20, cursor: cursorParam(raw), ...adminRefundsFilters(raw) });

const startReads: ListReads = ({ queryClient, trpc, raw }) => void queryClient.prefetchQuery(trpc.adminPayment.refunds.list.queryOptions(refundsInput(raw)));

/** Starts the refunds list's read in the header's batch (see useEarlyRead). */
export function RefundsEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** Admin → Refunds: filters, sorting (column headers) and keyset pages, all in the URL; the rows are read by the browser. */
export function RefundsList() {
  const t = useTranslations("payment");
  const locale = useLocale();
  const trpc = useTRPC();
  const raw = useListSearch();
  const params = firstParams(raw, 40);
  const input = refundsInput(raw);
  const { status, sort } = input;
  const list = useQuery(trpc.adminPayment.refunds.list.queryOptions(input, { staleTime: 0 }));
  const listParams = { status, from: params.from, to: params.to, refundSn: params.refundSn, orderNo: params.orderNo, sort };
  const sortBy = (column: "created" | "amount") => sortHeader(column, sort, "/admin/refunds", listParams);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("admin.refunds.title")}</h1>
      <FilterForm key={JSON.stringify(listParams)} label={t("admin.refunds.filters")} action="/admin/refunds" className="md:grid-cols-4">
        <FilterSelect
          label={t("admin.refunds.status")}
          name="status"
          defaultValue={status}
          anyLabel={t("admin.refunds.any")}
          options={REFUND_STATUS_KEYS.map((s) => ({ value: s, label: t(`refundStatus.${s}`) }))}
        />
        <FilterInput label={t("admin.refunds.from")} name="from" type="date" defaultValue={params.from} />
        <FilterInput label={t("admin.refunds.to")} name="to" type="date" defaultValue={params.to} />
        <FilterInput label={t("admin.refunds.refundSn")} name="refundSn" defaultValue={params.refundSn} />
        <FilterInput label={t("admin.refunds.orderNo")} name="orderNo" defaultValue={params.orderNo} />
        <FilterSelect label={t("admin.refunds.sort")} name="sort" defaultValue={sort} options={ADMIN_LIST_SORTS.map((s) => ({ value: s, label: t(`admin.list.sorts.${s}`) }))} />
      </FilterForm>

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2">
        {list.data ? <ListTotal total={list.data.total} isEstimate={list.data.totalIsEstimate} exact={t("admin.refunds.total", { count: list.data.total })} /> : <span />}
        <ExportCsvLink href={csvExportHref("refunds", raw)} />
      </div>
      <ListRows query={list} empty={t("admin.refunds.empty")}>
        {(result) => (
          <>
            <DataTable
              label={t("admin.refunds.title")}
              rows={result.items}
              rowKey={(r) => r.id}
              empty={t("admin.refunds.empty")}
              columns={[
                { id: "refundSn", header: t("admin.refunds.columns.refundSn"), className: "text-xs", cell: (r) => <RefundSnLink id={r.id} refundSn={r.refundSn} /> },
                { id: "order", header: t("admin.refunds.columns.order"), className: "text-xs", cell: (r) => <OrderNoLink id={r.orderId} orderNo={r.orderNo} /> },
                { id: "shopper", header: t("admin.refunds.columns.shopper"), cell: (r) => <ShopperEmailLink email={r.shopperEmail} inList /> },
                { id: "amount", header: t("admin.refunds.columns.amount"), align: "right", sort: sortBy("amount"), cell: (r) => formatMoney(r.amountMinor, r.currency, locale) },
                {
                  id: "reason",
                  header: t("admin.refunds.columns.reason"),
                  className: "max-w-40 truncate",
                  cell: (r) => (r.reason ? <span title={r.reason}>{r.reason}</span> : "—"),
                },
                {
                  id: "status",
                  header: t("admin.refunds.columns.status"),
                  cell: (r) => <Badge tone={REFUND_STATUS_TONE[r.status as RefundStatusKey]}>{t(`refundStatus.${r.status as RefundStatusKey}`)}</Badge>,
                },
                { id: "created", header: t("admin.refunds.columns.created"), className: "whitespace-nowrap", sort: sortBy("created"), cell: (r) => formatDateTime(r.createdAt, locale) },
              ]}
            />
            <KeysetPagination page={result.page} prevCursor={result.prevCursor} nextCursor={result.nextCursor} basePath="/admin/refunds" params={listParams} />
          </>
        )}
      </ListRows>
    </div>
  );
}
