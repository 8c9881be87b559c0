import { and, asc, eq, gte, ilike, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { orders, paymentLog, payments, refunds, users } from "@/server/db/schema";
import { countMatching, cursorKeyOf, keysetPage, withPage, type KeysetSort } from "@/server/db/list-page";
import { DomainError } from "@/server/errors";
import { ZAdminPaymentsInput, ZAdminRefundsInput, type AdminPaymentsInput, type AdminPaymentsSort, type AdminRefundsInput } from "./payment.schemas";
import type { PaymentProvider } from "./provider/payment-provider";
import { listWebhookDeliveries } from "./webhooks/webhook-endpoints";

/** Read models for pages. Reads may join the order and user tables; only flows write across modules. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/** The orders each payment sort walks: its key, then the id, along an index on (key, id). */
const PAYMENT_LIST_SORTS: Record<AdminPaymentsSort, KeysetSort> = {
  created_desc: { name: "created_desc", key: payments.createdAt, keyKind: "time", id: payments.id, direction: "desc" },
  created_asc: { name: "created_asc", key: payments.createdAt, keyKind: "time", id: payments.id, direction: "asc" },
  amount_desc: { name: "amount_desc", key: payments.amountMinor, keyKind: "int", id: payments.id, direction: "desc" },
  amount_asc: { name: "amount_asc", key: payments.amountMinor, keyKind: "int", id: payments.id, direction: "asc" },
};

/**
 * Payments for the admin list: filters, sorting, keyset pages (or a page number) and a total
 * that is exact up to 1,000 rows and an estimate above (see src/server/db/list-page.ts).
 */
export async function listPaymentsForAdmin(db: DbOrTx, rawInput: AdminPaymentsInput) {
  const input = ZAdminPaymentsInput.parse(rawInput);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(payments.status, input.status));
  if (input.method) filters.push(eq(payments.method, input.method));
  if (input.from) filters.push(gte(payments.createdAt, input.from));
  if (input.to) filters.push(lt(payments.createdAt, input.to));
  if (input.orderNo) filters.push(ilike(orders.orderNo, like(input.orderNo)));
  if (input.paymentSn) filters.push(ilike(payments.paymentSn, like(input.paymentSn)));
  if (input.minAmountMinor !== undefined) filters.push(gte(payments.amountMinor, input.minAmountMinor));
  if (input.maxAmountMinor !== undefined) filters.push(lte(payments.amountMinor, input.maxAmountMinor));
  const where = filters.length ? and(...filters)! : undefined;
  const sort = PAYMENT_LIST_SORTS[input.sort];
  const [page, total] = await Promise.all([
    keysetPage(sort, input, ({ where: after, orderBy, limit, offset }) =>
      db
        .select({
          id: payments.id,
          paymentSn: payments.paymentSn,
          orderId: payments.orderId,
          orderNo: orders.orderNo,
          shopperEmail: users.email,
          amountMinor: payments.amountMinor,
          currency: payments.currency,
          method: payments.method,
          status: payments.status,
          attemptCount: payments.attemptCount,
          refundedMinor: payments.refundedMinor,
          failureCode: payments.failureCode,
          createdAt: payments.createdAt,
          expiresAt: payments.expiresAt,
          cursorKey: cursorKeyOf(sort),
        })
        .from(payments)
        .innerJoin(orders, eq(orders.id, payments.orderId))
        .innerJoin(users, eq(users.id, payments.userId))
        .where(withPage(where, after))
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    ),
    countMatching(db, {
      table: "payments",
      filtered: where !== undefined,
      query: input.orderNo
        ? db.select({ one: sql`1` }).from(payments).innerJoin(orders, eq(orders.id, payments.orderId)).where(where)
        : db.select({ one: sql`1` }).from(payments).where(where),
    }),
  ]);
  return { ...page, ...total };
}

/** The payment log of a payment (and its refunds), oldest first. */
export async function paymentLogOf(db: DbOrTx, paymentId: string) {
  return db.select().from(paymentLog).where(eq(paymentLog.paymentId, paymentId)).orderBy(asc(paymentLog.id));
}

/** The state changes of the order's payments, oldest first, for the shopper's history (no gateway internals). */
export async function paymentHistoryOfOrder(db: DbOrTx, orderId: string) {
  // Built once: the order page's payment section reads it per view.
  const query = prepared(db, "payment-history-of-order", (d) =>
    d
      .select({ paymentId: paymentLog.paymentId, fromStatus: paymentLog.fromStatus, toStatus: paymentLog.toStatus, kind: paymentLog.kind, message: paymentLog.message, createdAt: paymentLog.createdAt })
      .from(paymentLog)
      .innerJoin(payments, eq(payments.id, paymentLog.paymentId))
      .where(and(eq(payments.orderId, sql.placeholder("orderId")), inArray(paymentLog.kind, ["created", "state_change"])))
      .orderBy(asc(paymentLog.id))
      .prepare("payment_history_of_order"),
  );
  return query.execute({ orderId });
}

/**
 * Everything about one payment for admins: the order, the timeline (payment log), refunds,
 * webhook deliveries with their attempts, and what the provider's ledger says of each attempt.
 */
export async function getPaymentDetailForAdmin(db: DbOrTx, { paymentId, provider }: { paymentId: string; provider: PaymentProvider }) {
  const [row] = await db
    .select({ payment: payments, orderNo: orders.orderNo, orderStatus: orders.status, payableTotalMinor: orders.payableTotalMinor, shopperEmail: users.email, shopperName: users.name })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .innerJoin(users, eq(users.id, payments.userId))
    .where(eq(payments.id, paymentId));
  if (!row) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  const [log, refundRows, deliveries] = await Promise.all([
    paymentLogOf(db, paymentId),
    db.select().from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(asc(refunds.createdAt)),
    listWebhookDeliveries(db, { paymentId }),
  ]);
  const charges = await Promise.all(
    Array.from({ length: row.payment.attemptCount }, (_, i) => provider.queryCharge(`${row.payment.paymentSn}-${i + 1}`).catch(() => null)),
  );
  return {
    ...row.payment,
    order: { id: row.payment.orderId, orderNo: row.orderNo, status: row.orderStatus, payableTotalMinor: row.payableTotalMinor },
    shopper: { email: row.shopperEmail, name: row.shopperName },
    log,
    refunds: refundRows,
    deliveries,
    gatewayCharges: charges.filter((c) => c !== null),
  };
}

const REFUND_LIST_SORTS: Record<AdminPaymentsSort, KeysetSort> = {
  created_desc: { name: "created_desc", key: refunds.createdAt, keyKind: "time", id: refunds.id, direction: "desc" },
  created_asc: { name: "created_asc", key: refunds.createdAt, keyKind: "time", id: refunds.id, direction: "asc" },
  amount_desc: { name: "amount_desc", key: refunds.amountMinor, keyKind: "int", id: refunds.id, direction: "desc" },
  amount_asc: { name: "amount_asc", key: refunds.amountMinor, keyKind: "int", id: refunds.id, direction: "asc" },
};

/** Refunds for the admin list: filters, sorting, keyset pages and an exact-or-estimated total. */
export async function listRefundsForAdmin(db: DbOrTx, rawInput: AdminRefundsInput) {
  const input = ZAdminRefundsInput.parse(rawInput);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(refunds.status, input.status));
  if (input.from) filters.push(gte(refunds.createdAt, input.from));
  if (input.to) filters.push(lt(refunds.createdAt, input.to));
  if (input.refundSn) filters.push(ilike(refunds.refundSn, like(input.refundSn)));
  if (input.orderNo) filters.push(ilike(orders.orderNo, like(input.orderNo)));
  const where = filters.length ? and(...filters)! : undefined;
  const sort = REFUND_LIST_SORTS[input.sort];
  const [page, total] = await Promise.all([
    keysetPage(sort, input, ({ where: after, orderBy, limit, offset }) =>
      db
        .select({
          id: refunds.id,
          refundSn: refunds.refundSn,
          paymentId: refunds.paymentId,
          paymentSn: payments.paymentSn,
          orderId: refunds.orderId,
          orderNo: orders.orderNo,
          shopperEmail: users.email,
          amountMinor: refunds.amountMinor,
          currency: refunds.currency,
          reason: refunds.reason,
          status: refunds.status,
          requestedBy: refunds.requestedBy,
          createdAt: refunds.createdAt,
          settledAt: refunds.settledAt,
          cursorKey: cursorKeyOf(sort),
        })
        .from(refunds)
        .innerJoin(payments, eq(payments.id, refunds.paymentId))
        .innerJoin(orders, eq(orders.id, refunds.orderId))
        .innerJoin(users, eq(users.id, refunds.userId))
        .where(withPage(where, after))
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    ),
    countMatching(db, {
      table: "refunds",
      filtered: where !== undefined,
      query: input.orderNo
        ? db.select({ one: sql`1` }).from(refunds).innerJoin(orders, eq(orders.id, refunds.orderId)).where(where)
        : db.select({ one: sql`1` }).from(refunds).where(where),
    }),
  ]);
  return { ...page, ...total };
}

/** One refund for admins with its payment, order and log. */
export async function getRefundDetailForAdmin(db: DbOrTx, { refundId }: { refundId: string }) {
  const [row] = await db
    .select({
      refund: refunds,
      paymentSn: payments.paymentSn,
      paymentStatus: payments.status,
      paymentAmountMinor: payments.amountMinor,
      refundedMinor: payments.refundedMinor,
      refundReservedMinor: payments.refundReservedMinor,
      orderNo: orders.orderNo,
      orderStatus: orders.status,
      shopperEmail: users.email,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(users, eq(users.id, refunds.userId))
    .where(eq(refunds.id, refundId));
  if (!row) throw new DomainError("REFUND_NOT_FOUND", "Refund not found");
  const log = await db.select().from(paymentLog).where(eq(paymentLog.refundId, refundId)).orderBy(asc(paymentLog.id));
  return {
    ...row.refund,
    payment: { id: row.refund.paymentId, paymentSn: row.paymentSn, status: row.paymentStatus, amountMinor: row.paymentAmountMinor, refundedMinor: row.refundedMinor, refundReservedMinor: row.refundReservedMinor },
    order: { id: row.refund.orderId, orderNo: row.orderNo, status: row.orderStatus },
    shopperEmail: row.shopperEmail,
    log,
  };
}
