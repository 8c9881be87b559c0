import type { Tx } from "@/server/db/client";
import { lockOrder } from "@/server/domain/order";
import {
  appendPaymentLog,
  lockPayment,
  lockRefund,
  releaseRefundHold,
  settleRefundHold,
  transitionRefund,
  type PaymentActor,
  type RefundRow,
} from "@/server/domain/payment";
import { movePayment } from "./payment-succeeded";
import { settleOrderAfterRefund } from "./refund-order-status";

/**
 * Applies a refund's result from the provider, in the caller's transaction (locks order →
 * payment → refund). Succeeded: the hold becomes refunded money, the payment moves to
 * partially_refunded or refunded (order mirrors in sync) and a full refund closes the order
 * as refunded. Failed: the hold is released and the order leaves `refunding`. Idempotent: a
 * refund already settled is left alone. A result that overtakes our own "submitted" record
 * (approved) passes through processing first.
 */
export async function applyRefundOutcome(
  tx: Tx,
  {
    refund: found,
    outcome,
    providerRefundId,
    failureCode,
    failureMessage,
    by,
    notificationId,
  }: {
    refund: RefundRow;
    outcome: "succeeded" | "failed";
    providerRefundId: string | null;
    failureCode: string | null;
    failureMessage: string | null;
    by: PaymentActor;
    notificationId?: string;
  },
): Promise<string> {
  await lockOrder(tx, found.orderId);
  let payment = await lockPayment(tx, found.paymentId);
  let refund = await lockRefund(tx, found.id);
  await appendPaymentLog(tx, {
    kind: "notification_received",
    by: { actor: "gateway" },
    paymentId: payment.id,
    refundId: refund.id,
    orderId: refund.orderId,
    message: `refund ${outcome}${notificationId ? ` (${notificationId})` : ""}`,
    data: { notificationId: notificationId ?? null, providerRefundId, failureCode },
  });
  if (refund.status === "approved") {
    refund = await transitionRefund(tx, { refund, payment, to: "processing", by, patch: { providerRefundId, submittedAt: new Date() } });
  }
  if (refund.status !== "processing") return `already_${refund.status}`;
  if (outcome === "succeeded") {
    refund = await transitionRefund(tx, { refund, payment, to: "succeeded", by, patch: { providerRefundId, settledAt: new Date() } });
    payment = await settleRefundHold(tx, refund);
    const target = payment.refundedMinor >= payment.amountMinor ? "refunded" : "partially_refunded";
    if (payment.status !== target) payment = await movePayment(tx, { payment, to: target, by, message: `refund ${refund.refundSn} succeeded` });
    await settleOrderAfterRefund(tx, { payment, by });
    return "refund_succeeded";
  }
  refund = await transitionRefund(tx, { refund, payment, to: "failed", by, patch: { providerRefundId, settledAt: new Date(), failureCode: failureCode ?? "refund_failed", failureMessage } });
  payment = await releaseRefundHold(tx, refund);
  await settleOrderAfterRefund(tx, { payment, by });
  return "refund_failed";
}
