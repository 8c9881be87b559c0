import type { PaymentRow } from "./payment.service";
import type { ShopperPayment, ShopperRefund } from "./payment.schemas";
import type { RefundRow } from "./refund.service";

/** What a shopper may see of a payment (no provider ids, no internals). */
export function toShopperPayment(row: PaymentRow): ShopperPayment {
  return {
    id: row.id,
    paymentSn: row.paymentSn,
    orderId: row.orderId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    method: row.method,
    status: row.status,
    attemptCount: row.attemptCount,
    expiresAt: row.expiresAt,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    qrToken: row.status === "processing" ? row.qrToken : null,
    refundedMinor: row.refundedMinor,
    refundableMinor: refundableOf(row),
    succeededAt: row.succeededAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What can still be refunded: captured minus refunded minus in-flight. */
export function refundableOf(row: Pick<PaymentRow, "status" | "amountMinor" | "refundedMinor" | "refundReservedMinor">): number {
  if (row.status !== "succeeded" && row.status !== "partially_refunded") return 0;
  return row.amountMinor - row.refundedMinor - row.refundReservedMinor;
}

export function toShopperRefund(row: RefundRow): ShopperRefund {
  return {
    id: row.id,
    refundSn: row.refundSn,
    paymentId: row.paymentId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    reviewNote: row.reviewNote,
    failureCode: row.failureCode,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
  };
}
