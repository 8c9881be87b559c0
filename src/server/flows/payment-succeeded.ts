import { because } from "@/lib/audit-reasons";
import type { Tx } from "@/server/db/client";
import { lockOrder, patchOrderMirrors, transitionOrder, type ActorRef, type OrderRow } from "@/server/domain/order";
import {
  appendPaymentLog,
  isStrayCapture,
  patchPayment,
  requestChargeReversal,
  transitionPayment,
  type PaymentActor,
  type PaymentPatch,
  type PaymentRow,
  type PaymentStatus,
  type PayResult,
  type ProviderCharge,
} from "@/server/domain/payment";
import { DomainError } from "@/server/errors";

/**
 * The glue between a payment and its order, always inside ONE transaction.
 *
 * Why no distributed transaction: the payment and order modules share one PostgreSQL
 * database, so "payment succeeded ⇒ order paid" is a single local transaction — both rows
 * change together or not at all. The original design's DTM saga is only needed when the two
 * live in separate databases; here the remote party (the gateway) is made safe instead by
 * idempotency keys, closing charges before cancelling, and reconciliation.
 *
 * Lock order, everywhere: order row → payment row → refund row. Every flow takes them in this
 * order so concurrent flows wait for each other instead of deadlocking.
 */
export function orderActor(by: PaymentActor): ActorRef {
  return { actor: by.actor === "gateway" ? "system" : by.actor, actorId: by.actorId ?? null, reason: by.reason ?? null, note: by.note ?? null };
}

/** Moves a locked payment along its machine and keeps the order's payment_status/payment_sn mirrors in sync. */
export async function movePayment(
  tx: Tx,
  args: { payment: PaymentRow; to: PaymentStatus; by: PaymentActor; patch?: PaymentPatch; message?: string; data?: Record<string, unknown> },
): Promise<PaymentRow> {
  // The mirror update does not wait for the payment's (one round trip): it writes what the
  // payment's update sets, and if that update refuses, the error rolls both back.
  const [updated] = await Promise.all([
    transitionPayment(tx, args),
    patchOrderMirrors(tx, args.payment.orderId, { paymentStatus: args.to, paymentSn: args.payment.paymentSn }),
  ]);
  return updated;
}

/**
 * Payment → succeeded AND order → paid in the caller's transaction (the caller holds the order
 * and payment locks). The captured amount must equal the order's payable total, else
 * PAYMENT_AMOUNT_MISMATCH and nothing changes. `order` is the row the caller read under its lock
 * in this transaction (lockOrder), so it is not read again; without it the order is locked here.
 */
export async function applyPaymentSucceeded(
  tx: Tx,
  { payment, charge, by, order: locked }: { payment: PaymentRow; charge: { chargeId: string; amountMinor: number; currency: string }; by: PaymentActor; order?: OrderRow },
): Promise<PaymentRow> {
  const order = locked?.id === payment.orderId ? locked : await lockOrder(tx, payment.orderId);
  if (charge.amountMinor !== payment.amountMinor || charge.currency.trim() !== payment.currency.trim() || order.payableTotalMinor !== payment.amountMinor) {
    throw new DomainError("PAYMENT_AMOUNT_MISMATCH", "The captured amount does not match the order's payable total");
  }
  // Both updates in one round trip, payment first: they depend on the rows already locked, not on
  // each other's answer, and either's refusal rolls both back.
  const [updated] = await Promise.all([
    transitionPayment(tx, {
      payment,
      to: "succeeded",
      by,
      patch: { providerChargeId: charge.chargeId, succeededAt: new Date(), failureCode: null, failureMessage: null, qrToken: null },
    }),
    transitionOrder(tx, { orderId: payment.orderId, to: "paid", by: orderActor(by), patch: { paymentStatus: "succeeded", paymentSn: payment.paymentSn }, locked: order }),
  ]);
  return updated;
}

/**
 * Applies what the provider said about the payment's current charge, in the caller's
 * transaction: succeeded ⇒ payment succeeded and order paid; failed or closed ⇒ payment failed
 * (payable again until the deadline); pending ⇒ still waiting (QR scan). Shared by the pay
 * attempt, the provider query after a lost response, and the notification handler.
 */
export async function applyChargeState(
  tx: Tx,
  { payment, charge, by, order }: { payment: PaymentRow; charge: ProviderCharge; by: PaymentActor; order?: OrderRow },
): Promise<{ payment: PaymentRow; outcome: PayResult["outcome"] }> {
  if (payment.status !== "processing" || charge.chargeKey !== payment.currentChargeKey) return { payment, outcome: payment.status === "succeeded" ? "succeeded" : "processing" };
  if (charge.status === "succeeded") return { payment: await applyPaymentSucceeded(tx, { payment, charge, by, order }), outcome: "succeeded" };
  if (charge.status === "failed" || charge.status === "closed") {
    const failureCode = charge.failureCode ?? (charge.status === "closed" ? "charge_closed" : "payment_failed");
    const failed = await movePayment(tx, {
      payment,
      to: "failed",
      by,
      patch: { providerChargeId: charge.chargeId, failureCode, failureMessage: charge.failureMessage, qrToken: null },
      message: failureCode,
    });
    return { payment: failed, outcome: "failed" };
  }
  if (charge.qrToken !== payment.qrToken) payment = await patchPayment(tx, payment.id, { qrToken: charge.qrToken, providerChargeId: charge.chargeId });
  return { payment, outcome: "pending" };
}

/**
 * Applies the gateway's word on one charge to a locked payment, whatever happened to the payment
 * since the charge was requested (the gateway is called with no lock held, so a cancel, expiry or
 * notification may have moved it):
 * - the payment's current, still-processing charge: logged and applied (applyChargeState);
 * - a charge captured for a payment that is closed, or paid by another charge: a charge reversal
 *   is requested (the money goes back automatically; submit it after the transaction commits);
 * - anything else (a closed or failed charge of a closed payment): nothing to do.
 */
export async function settleCharge(
  tx: Tx,
  { payment, charge, by, message, order }: { payment: PaymentRow; charge: ProviderCharge; by: PaymentActor; message: string; order?: OrderRow },
): Promise<{ payment: PaymentRow; outcome: PayResult["outcome"]; reversalId: string | null }> {
  if (payment.status === "processing" && payment.currentChargeKey === charge.chargeKey) {
    await appendPaymentLog(tx, {
      kind: "gateway_response",
      by: { actor: "gateway" },
      paymentId: payment.id,
      orderId: payment.orderId,
      message,
      data: { chargeId: charge.chargeId, chargeKey: charge.chargeKey, status: charge.status, failureCode: charge.failureCode },
    });
    const applied = await applyChargeState(tx, { payment, charge, by, order });
    return { ...applied, reversalId: null };
  }
  if (isStrayCapture(payment, charge)) {
    const { reversal } = await requestChargeReversal(tx, { payment, charge, reason: by.reason ?? because("gateway.captured_for_closed_payment"), by });
    return { payment, outcome: payment.status === "succeeded" ? "succeeded" : "processing", reversalId: reversal.id };
  }
  return { payment, outcome: payment.status === "succeeded" ? "succeeded" : "processing", reversalId: null };
}
