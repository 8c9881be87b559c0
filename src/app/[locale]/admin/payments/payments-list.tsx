"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { ExportCsvLink } from "@/components/admin/export-csv-link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { OrderNoLink, PaymentSnLink, ShopperEmailLink } from "@/components/admin/identifier-links";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { ListTotal } from "@/components/admin/list-total";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { ADMIN_LIST_SORTS, adminPaymentsFilters, csvExportHref } from "@/lib/admin-list-filters";
import { formatDateTime } from "@/lib/dates";
import { sortHeader } from "@/lib/list-sort";
import { formatMoney } from "@/lib/money";
import { PAYMENT_METHOD_KEYS, PAYMENT_STATUS_KEYS, PAYMENT_STATUS_TONE, type PaymentMethodKey, type PaymentStatusKey } from "@/lib/payment-ui";
import { cursorParam, firstParams, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

/** The page of payments a query string asks for. */
const paymentsInput = (raw: RawSearchParams) => ({ pageSize: 20, cursor: cursorParam(raw), ...adminPaymentsFilters(raw) });

const startReads: ListReads = ({ queryClient, trpc, raw }) => void queryClient.prefetchQuery(trpc.adminPayment.list.queryOptions(paymentsInput(raw)));

/** Starts the payments list's read in the header's batch (see useEarlyRead). */
export function PaymentsEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** Admin → Payments: filters, sorting (column headers) and keyset pages, all in the URL; the rows are read by the browser. */
export function PaymentsList() {
  const t = useTranslations("payment");
  const locale = useLocale();
  const trpc = useTRPC();
  const raw = useListSearch();
  const params = firstParams(raw, 40);
  const input = paymentsInput(raw);
  const { status, method, sort } = input;
  const list = useQuery(trpc.adminPayment.list.queryOptions(input, { staleTime: 0 }));
  const listParams = { status, method, from: params.from, to: params.to, orderNo: params.orderNo, paymentSn: params.paymentSn, min: params.min, max: params.max, sort };
  const sortBy = (column: "created" | "amount") => sortHeader(column, sort, "/admin/payments", listParams);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("admin.list.title")}</h1>
      <FilterForm key={JSON.stringify(listParams)} label={t("admin.list.filters")} action="/admin/payments" className="md:grid-cols-4">
        <FilterSelect
          label={t("admin.list.status")}
          name="status"
          defaultValue={status}
          anyLabel={t("admin.list.any")}
          options={PAYMENT_STATUS_KEYS.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <FilterSelect
          label={t("admin.list.method")}
          name="method"
          defaultValue={method}
          anyLabel={t("admin.list.any")}
          options={PAYMENT_METHOD_KEYS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
        />
        <FilterInput label={t("admin.list.from")} name="from" type="date" defaultValue={params.from} />
        <FilterInput label={t("admin.list.to")} name="to" type="date" defaultValue={params.to} />
        <FilterInput label={t("admin.list.orderNo")} name="orderNo" defaultValue={params.orderNo} />
        <FilterInput label={t("admin.list.paymentSn")} name="paymentSn" defaultValue={params.paymentSn} />
        <FilterInput label={t("admin.list.minAmount")} name="min" inputMode="decimal" defaultValue={params.min} />
        <FilterInput label={t("admin.list.maxAmount")} name="max" inputMode="decimal" defaultValue={params.max} />
        <FilterSelect label={t("admin.list.sort")} name="sort" defaultValue={sort} options={ADMIN_LIST_SORTS.map((s) => ({ value: s, label: t(`admin.list.sorts.${s}`) }))} />
      </FilterForm>

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2">
        {list.data ? <ListTotal total={list.data.total} isEstimate={list.data.totalIsEstimate} exact={t("admin.list.total", { count: list.data.total })} /> : <span />}
        <ExportCsvLink href={csvExportHref("payments", raw)} />
      </div>
      <ListRows query={list} empty={t("admin.list.empty")}>
        {(result) => (
          <>
            <DataTable
              label={t("admin.list.title")}
              rows={result.items}
              rowKey={(p) => p.id}
              empty={t("admin.list.empty")}
              columns={[
                { id: "paymentSn", header: t("admin.list.columns.paymentSn"), className: "text-xs", cell: (p) => <PaymentSnLink id={p.id} paymentSn={p.paymentSn} /> },
                { id: "order", header: t("admin.list.columns.order"), className: "text-xs", cell: (p) => <OrderNoLink id={p.orderId} orderNo={p.orderNo} /> },
                { id: "shopper", header: t("admin.list.columns.shopper"), cell: (p) => <ShopperEmailLink email={p.shopperEmail} inList /> },
                { id: "amount", header: t("admin.list.columns.amount"), align: "right", sort: sortBy("amount"), cell: (p) => formatMoney(p.amountMinor, p.currency, locale) },
                { id: "method", header: t("admin.list.columns.method"), cell: (p) => t(`method.${p.method as PaymentMethodKey}`) },
                {
                  id: "status",
                  header: t("admin.list.columns.status"),
                  cell: (p) => <Badge tone={PAYMENT_STATUS_TONE[p.status as PaymentStatusKey]}>{t(`status.${p.status as PaymentStatusKey}`)}</Badge>,
                },
                { id: "created", header: t("admin.list.columns.created"), className: "whitespace-nowrap", sort: sortBy("created"), cell: (p) => formatDateTime(p.createdAt, locale) },
              ]}
            />
            <KeysetPagination page={result.page} prevCursor={result.prevCursor} nextCursor={result.nextCursor} basePath="/admin/payments" params={listParams} />
          </>
        )}
      </ListRows>
    </div>
  );
}
