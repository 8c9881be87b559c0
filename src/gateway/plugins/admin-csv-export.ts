import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { stringify } from "csv-stringify";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { adminOrdersFilters, adminPaymentsFilters, adminRefundsFilters, adminShipmentsFilters, CSV_LISTS, type CsvList } from "@/lib/admin-list-filters";
import type { RawSearchParams } from "@/lib/search-params";
import { createCaller } from "@/server/api/root";
import { createContext, toTRPCError } from "@/server/api/trpc";
import { getDb } from "@/server/db/client";
import { PROBLEM_CONTENT_TYPE, problem } from "../problem";
import { REST_PREFIX } from "./rest-api";

type Caller = ReturnType<typeof createCaller>;
type Row = Record<string, unknown>;
/** Keyset-paged lists also answer `nextCursor` and whether `total` is an estimate. */
type Page = { items: Row[]; total: number; totalIsEstimate?: boolean; nextCursor?: string | null };
type Column = { key: string; header: string };


/**
 * One export per admin list: its filters (the same reader as the page), the list procedure it
 * pages through (the same tier, query and order as the page) and its columns. Money stays in
 * integer minor units with its currency; times are ISO 8601 (UTC).
 */
const EXPORTS: Record<CsvList, { filters: (raw: RawSearchParams) => { to?: Date }; page: (caller: Caller, input: never) => Promise<Page>; columns: Column[] }> = {
  orders: {
    filters: adminOrdersFilters,
    page: (caller, input) => caller.adminOrder.list(input),
    columns: [
      { key: "orderNo", header: "order_no" },
      { key: "status", header: "status" },
      { key: "paymentStatus", header: "payment_status" },
      { key: "logisticsStatus", header: "logistics_status" },
      { key: "shopperEmail", header: "shopper_email" },
      { key: "shopperName", header: "shopper_name" },
      { key: "payableTotalMinor", header: "payable_total_minor" },
      { key: "currency", header: "currency" },
      { key: "createdAt", header: "created_at" },
    ],
  },
  payments: {
    filters: adminPaymentsFilters,
    page: (caller, input) => caller.adminPayment.list(input),
    columns: [
      { key: "paymentSn", header: "payment_sn" },
      { key: "orderNo", header: "order_no" },
      { key: "shopperEmail", header: "shopper_email" },
      { key: "method", header: "method" },
      { key: "status", header: "status" },
      { key: "amountMinor", header: "amount_minor" },
      { key: "refundedMinor", header: "refunded_minor" },
      { key: "currency", header: "currency" },
      { key: "attemptCount", header: "attempts" },
      { key: "failureCode", header: "failure_code" },
      { key: "createdAt", header: "created_at" },
    ],
  },
  refunds: {
    filters: adminRefundsFilters,
    page: (caller, input) => caller.adminPayment.refunds.list(input),
    columns: [
      { key: "refundSn", header: "refund_sn" },
      { key: "paymentSn", header: "payment_sn" },
      { key: "orderNo", header: "order_no" },
      { key: "shopperEmail", header: "shopper_email" },
      { key: "status", header: "status" },
      { key: "amountMinor", header: "amount_minor" },
      { key: "currency", header: "currency" },
      { key: "reason", header: "reason" },
      { key: "requestedBy", header: "requested_by" },
      { key: "createdAt", header: "created_at" },
      { key: "settledAt", header: "settled_at" },
    ],
  },
  shipments: {
    filters: adminShipmentsFilters,
    page: (caller, input) => caller.adminLogistics.list(input),
    columns: [
      { key: "trackingNo", header: "tracking_no" },
      { key: "logisticsSn", header: "logistics_sn" },
      { key: "orderNo", header: "order_no" },
      { key: "status", header: "status" },
      { key: "carrierCode", header: "carrier" },
      { key: "serviceLevel", header: "service_level" },
      { key: "courierName", header: "courier" },
      { key: "originCity", header: "origin_city" },
      { key: "destinationCity", header: "destination_city" },
      { key: "feeMinor", header: "fee_minor" },
      { key: "currency", header: "currency" },
      { key: "stale", header: "stale" },
      { key: "createdAt", header: "created_at" },
      { key: "lastScanAt", header: "last_scan_at" },
    ],
  },
};

export type AdminCsvExportOptions = {
  /** Rows read per query (the lists' maximum page size); tests pass a small one to cross pages. */
  pageSize?: number;
};

function problemOf(error: unknown, request: FastifyRequest) {
  const trpcError = error instanceof TRPCError ? error : toTRPCError(error, "csv-export");
  const status = getHTTPStatusCodeFromError(trpcError);
  const detail = status >= 500 && status !== 503 ? "Something went wrong on our side. Please try again." : trpcError.message;
  return { status, body: problem({ status, code: trpcError.code, detail, requestId: request.id }) };
}

/**
 * GET /api/v1/admin/{orders,payments,refunds,shipments}.csv — the admin list, filtered by the
 * same query string as its page, as a CSV download. It sits next to the REST API (same prefix,
 * same identity, rate limits and problem+json errors) rather than being one of its generated
 * operations: trpc-to-openapi answers JSON only, and a file of every row must be streamed.
 *
 * The rows come through the list's own procedure (adminProcedure: 401 without a session,
 * 403 for a shopper), a page at a time, into csv-stringify and out to the socket with
 * backpressure, so memory stays flat however many rows match. The first page is read before
 * anything is sent, so a refusal is a proper problem+json answer. Rows created after the export
 * started are left out (an upper time bound when the filters have none), so new orders arriving
 * at the top of the newest-first list do not shift the pages under it.
 */
const adminCsvExport: FastifyPluginAsync<AdminCsvExportOptions> = async (app, options) => {
  const pageSize = options.pageSize ?? 100;
  for (const list of CSV_LISTS) {
    const spec = EXPORTS[list];
    app.get(`${REST_PREFIX}/admin/${list}.csv`, async (request, reply) => {
      request.routeLabel = `csv GET /admin/${list}.csv`;
      const startedAt = new Date();
      const filters = spec.filters(request.query as RawSearchParams);
      const input = { ...filters, to: filters.to ?? new Date(startedAt.getTime() + 1) };
      let caller: Caller;
      let first: Page;
      try {
        if (request.sessionError) throw toTRPCError(request.sessionError, "csv-export");
        caller = createCaller(createContext({ db: getDb(), session: request.session, requestId: request.id, clientIp: request.ip }));
        first = await spec.page(caller, { ...input, page: 1, pageSize } as never);
      } catch (error) {
        const { status, body } = problemOf(error, request);
        return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
      }

      async function* rows(): AsyncGenerator<Row> {
        let page = 1;
        let current = first;
        for (;;) {
          yield* current.items;
          if (current.nextCursor !== undefined) {
            // A keyset-paged list: follow its cursors (each page costs what the first does).
            if (current.nextCursor === null) return;
            current = await spec.page(caller, { ...input, cursor: current.nextCursor, pageSize } as never);
            continue;
          }
          if (current.items.length < pageSize || page * pageSize >= current.total) return;
          page += 1;
          current = await spec.page(caller, { ...input, page, pageSize } as never);
        }
      }
      const csv = stringify({
        header: true,
        // A byte-order mark, so spreadsheet programs read the UTF-8 (Chinese names, addresses) as such.
        bom: true,
        columns: spec.columns.map((c) => ({ key: c.key, header: c.header })),
        cast: { date: (value) => value.toISOString(), boolean: (value) => (value ? "true" : "false") },
      });
      const source = Readable.from(rows());
      source.on("error", (error) => {
        request.log.error({ err: error }, "csv export failed midway");
        csv.destroy(error);
      });
      source.pipe(csv);
      const stamp = startedAt.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
      // The row count is promised only when it is exact (a long list's total is an estimate).
      if (!first.totalIsEstimate) reply.header("x-total-count", String(first.total));
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${list}-${stamp}.csv"`)
        .header("cache-control", "no-store")
        .send(csv);
    });
  }
};


export default fp(adminCsvExport, { name: "shopflow-admin-csv-export", dependencies: ["shopflow-identity"], fastify: "5.x" });
