import { ORDER_STATUS_OPTIONS } from "@/components/shop/order-status";
import { SHIPMENT_STATUS_NAMES } from "@/components/logistics/types";
import { chinaDayStart } from "./dates";
import { MAX_MINOR_UNITS, parseMoney } from "./money";
import { PAYMENT_METHOD_KEYS, PAYMENT_STATUS_KEYS, REFUND_STATUS_KEYS } from "./payment-ui";
import { firstParams, type RawSearchParams } from "./search-params";

/**
 * How each admin list reads its filters from the query string — one definition for the page
 * and for its CSV export (src/gateway/plugins/admin-csv-export.ts), so the file holds exactly
 * the rows the list shows. A value that is not a valid filter is ignored, as the page always did.
 */
const pick = <T extends string>(values: readonly T[], value: string | undefined) => values.find((v) => v === value);

export const ADMIN_LIST_SORTS = ["created_desc", "created_asc", "amount_desc", "amount_asc"] as const;
export const ADMIN_ORDER_LIST_SORTS = ["created_desc", "created_asc"] as const;

export function adminOrdersFilters(raw: RawSearchParams) {
  const params = firstParams(raw);
  return {
    status: pick(ORDER_STATUS_OPTIONS, params.status),
    orderNo: params.orderNo?.trim().slice(0, 40) || undefined,
    shopper: params.shopper?.trim().slice(0, 100) || undefined,
    from: chinaDayStart(params.from),
    to: chinaDayStart(params.to, { nextDay: true }),
    sort: pick(ADMIN_ORDER_LIST_SORTS, params.sort) ?? "created_desc",
  };
}

export function adminPaymentsFilters(raw: RawSearchParams) {
  const params = firstParams(raw, 40);
  // An amount beyond what a money column holds filters like the largest one.
  const amount = (text?: string) => {
    const minor = text ? parseMoney(text) : null;
    return minor === null ? null : Math.min(minor, MAX_MINOR_UNITS);
  };
  const min = amount(params.min);
  const max = amount(params.max);
  return {
    status: pick(PAYMENT_STATUS_KEYS, params.status),
    method: pick(PAYMENT_METHOD_KEYS, params.method),
    from: chinaDayStart(params.from),
    to: chinaDayStart(params.to, { nextDay: true }),
    orderNo: params.orderNo || undefined,
    paymentSn: params.paymentSn || undefined,
    minAmountMinor: min ?? undefined,
    maxAmountMinor: max !== null && (min === null || max >= min) ? max : undefined,
    sort: pick(ADMIN_LIST_SORTS, params.sort) ?? "created_desc",
  };
}

export function adminRefundsFilters(raw: RawSearchParams) {
  const params = firstParams(raw, 40);
  return {
    status: pick(REFUND_STATUS_KEYS, params.status),
    from: chinaDayStart(params.from),
    to: chinaDayStart(params.to, { nextDay: true }),
    refundSn: params.refundSn || undefined,
    orderNo: params.orderNo || undefined,
    sort: pick(ADMIN_LIST_SORTS, params.sort) ?? "created_desc",
  };
}

export const SHIPMENT_QUEUES = ["unassigned", "exception", "stale"] as const;
export const ADMIN_SHIPMENT_LIST_SORTS = ["created_desc", "created_asc", "fee_desc", "fee_asc"] as const;

export function adminShipmentsFilters(raw: RawSearchParams) {
  const params = firstParams(raw, 32);
  return {
    status: pick(SHIPMENT_STATUS_NAMES, params.status),
    queue: pick(SHIPMENT_QUEUES, params.queue),
    carrierCode: params.carrier || undefined,
    courierId: params.courier && /^[0-9a-f-]{36}$/.test(params.courier) ? params.courier : undefined,
    trackingNo: params.trackingNo || undefined,
    orderNo: params.orderNo || undefined,
    from: chinaDayStart(params.from),
    to: chinaDayStart(params.to, { nextDay: true }),
    sort: pick(ADMIN_SHIPMENT_LIST_SORTS, params.sort) ?? "created_desc",
  };
}

export const CSV_LISTS = ["orders", "payments", "refunds", "shipments"] as const;
export type CsvList = (typeof CSV_LISTS)[number];

/** The CSV export of a list with the filters it shows now (the page number and cursor are not filters). */
export function csvExportHref(list: CsvList, raw: RawSearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(firstParams(raw))) if (value && key !== "page" && key !== "cursor") query.set(key, value);
  const text = query.toString();
  return `/api/v1/admin/${list}.csv${text ? `?${text}` : ""}`;
}
