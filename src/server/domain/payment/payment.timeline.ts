import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { paymentLog, payments, refunds } from "@/server/db/schema";

/**
 * Everything the payment log holds for an order's payments (state changes, gateway requests and
 * answers, gateway notifications, refunds, webhook attempts), with the serial numbers people
 * read. One query: the order's payments by their order index, their log by its payment index.
 */
export async function paymentTimelineRows(db: DbOrTx, orderId: string) {
  return db
    .select({
      id: paymentLog.id,
      kind: paymentLog.kind,
      fromStatus: paymentLog.fromStatus,
      toStatus: paymentLog.toStatus,
      actor: paymentLog.actor,
      actorId: paymentLog.actorId,
      requestId: paymentLog.requestId,
      reasonCode: paymentLog.reasonCode,
      reasonParams: paymentLog.reasonParams,
      message: paymentLog.message,
      data: paymentLog.data,
      createdAt: paymentLog.createdAt,
      paymentId: payments.id,
      paymentSn: payments.paymentSn,
      currency: payments.currency,
      amountMinor: payments.amountMinor,
      refundId: refunds.id,
      refundSn: refunds.refundSn,
      refundAmountMinor: refunds.amountMinor,
    })
    .from(paymentLog)
    .innerJoin(payments, eq(payments.id, paymentLog.paymentId))
    .leftJoin(refunds, eq(refunds.id, paymentLog.refundId))
    .where(eq(payments.orderId, orderId));
}

/** An order's payments and refunds as the admin order page links them (oldest first). */
export async function paymentsOfOrder(db: DbOrTx, orderId: string) {
  const [paymentRows, refundRows] = await Promise.all([
    db
      .select({
        id: payments.id,
        paymentSn: payments.paymentSn,
        status: payments.status,
        method: payments.method,
        amountMinor: payments.amountMinor,
        refundedMinor: payments.refundedMinor,
        refundReservedMinor: payments.refundReservedMinor,
        currency: payments.currency,
        createdAt: payments.createdAt,
      })
      .from(payments)
      .where(eq(payments.orderId, orderId))
      .orderBy(asc(payments.createdAt), asc(payments.id)),
    db
      .select({ id: refunds.id, refundSn: refunds.refundSn, paymentId: refunds.paymentId, status: refunds.status, amountMinor: refunds.amountMinor, currency: refunds.currency, createdAt: refunds.createdAt })
      .from(refunds)
      .where(eq(refunds.orderId, orderId))
      .orderBy(asc(refunds.createdAt), asc(refunds.id)),
  ]);
  return {
    payments: paymentRows.map(({ refundedMinor, refundReservedMinor, ...p }) => ({ ...p, refundableMinor: p.amountMinor - refundedMinor - refundReservedMinor, refundedMinor, refundPendingMinor: refundReservedMinor })),
    refunds: refundRows,
  };
}
