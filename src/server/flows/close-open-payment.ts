import { because } from "@/lib/audit-reasons";
import type { Database, Tx } from "@/server/db/client";
import {
  appendPaymentLog,
  callProvider,
  isProviderTimeoutError,
  type PaymentActor,
  type PaymentProvider,
  type PaymentRow,
  type ProviderCharge,
} from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { applyPaymentSucceeded, movePayment } from "./payment-succeeded";

/** What the gateway answered when asked to close one charge. */
export type ClosedCharge = { chargeKey: string; charge: ProviderCharge };
type CloseFirst = { closeFirst: { chargeKey: string; merchantRef: string } };
/** One pass of a closing transaction: done, or "close this charge at the gateway, then run me again". */
export type ClosingPass<T> = { done: T } | CloseFirst;

/** Passes before giving up (each extra pass means a new attempt began in between: rare). */
const MAX_PASSES = 4;

/**
 * Closes an open (locked) payment as cancelled or expired, in the caller's transaction. A
 * processing payment's charge must be closed at the gateway FIRST, so it can never be paid
 * afterwards — but never while this transaction holds row locks: without the gateway's answer
 * for the current charge (`closed`), this returns `closeFirst` and changes nothing; the caller
 * (withChargeClosedFirst) ends the transaction, closes the charge, and runs again. With the
 * answer: captured ⇒ the payment succeeds and the order is paid instead (`paid_instead`: money
 * is never captured for a closed payment); closed or failed ⇒ the payment is closed.
 */
export async function closeOpenPayment(
  tx: Tx,
  { payment, to, by, closed }: { payment: PaymentRow; to: "cancelled" | "expired"; by: PaymentActor; closed: ClosedCharge | null },
): Promise<{ kind: "closed" | "paid_instead"; payment: PaymentRow } | CloseFirst> {
  if (payment.status === "processing" && payment.currentChargeKey) {
    if (closed?.chargeKey !== payment.currentChargeKey) return { closeFirst: { chargeKey: payment.currentChargeKey, merchantRef: payment.paymentSn } };
    const { charge } = closed;
    await appendPaymentLog(tx, {
      kind: "gateway_response",
      by: { actor: "gateway" },
      paymentId: payment.id,
      orderId: payment.orderId,
      message: `close charge → ${charge.status}`,
      data: { operation: "closeCharge", chargeKey: closed.chargeKey, status: charge.status, chargeId: charge.chargeId },
    });
    if (charge.status === "succeeded") {
      const paid = await applyPaymentSucceeded(tx, { payment, charge, by: { actor: "gateway", reason: because("payment.paid_before_close") } });
      return { kind: "paid_instead", payment: paid };
    }
  }
  const moved = await movePayment(tx, { payment, to, by, patch: { closedAt: new Date(), qrToken: null } });
  return { kind: "closed", payment: moved };
}

/**
 * Runs `pass` in a transaction until it is done. When a pass meets a processing payment whose
 * charge must be closed first, its transaction ends (releasing every row lock), the charge is
 * closed at the gateway, and the next pass runs in a new transaction with that answer —
 * re-checking everything, since a pay attempt may have recorded its outcome in between. A
 * close the gateway never answers is a clean conflict (CONCURRENT_UPDATE, 409): try again.
 */
export async function withChargeClosedFirst<T>(db: Database, provider: PaymentProvider, pass: (tx: Tx, closed: ClosedCharge | null) => Promise<ClosingPass<T>>): Promise<T> {
  let closed: ClosedCharge | null = null;
  for (let n = 0; n < MAX_PASSES; n++) {
    const result: ClosingPass<T> = await db.transaction((tx) => pass(tx, closed));
    if ("done" in result) return result.done;
    const { chargeKey, merchantRef } = result.closeFirst;
    try {
      closed = { chargeKey, charge: await callProvider(() => provider.closeCharge({ chargeKey, merchantRef })) };
    } catch (error) {
      if (isProviderTimeoutError(error)) throw new DomainError("CONCURRENT_UPDATE", "The payment gateway did not confirm in time; try again in a moment");
      throw error;
    }
  }
  throw new DomainError("CONCURRENT_UPDATE", "The payment kept changing while we were closing it; try again");
}
