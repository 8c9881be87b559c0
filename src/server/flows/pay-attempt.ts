import { because } from "@/lib/audit-reasons";
import type { Database } from "@/server/db/client";
import { lockOrder } from "@/server/domain/order";
import {
  appendPaymentLog,
  callProvider,
  isCapturedPaymentStatus,
  isProviderRejectedError,
  isProviderTimeoutError,
  lockPayment,
  recordIdempotentResponse,
  type CreateChargeInput,
  type PayResult,
  type PaymentActor,
  type PaymentProvider,
  type PaymentRow,
  type ProviderCharge,
} from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { movePayment, settleCharge } from "./payment-succeeded";

/** What came back from one charge request. */
export type ChargeAnswer = { charge: ProviderCharge } | { lost: string } | { refused: { code: string; message: string } };

/**
 * Phase 2 of a pay attempt: the charge request, with no transaction open and no row locked.
 * A refusal is an answer; a timeout — or any other failure, since the request may have reached
 * the gateway — is a lost answer, resolved later by querying with the same key.
 */
export async function requestCharge(provider: PaymentProvider, input: CreateChargeInput): Promise<ChargeAnswer> {
  try {
    return { charge: await callProvider(() => provider.createCharge(input)) };
  } catch (error) {
    if (isProviderRejectedError(error)) return { refused: { code: error.code, message: error.message } };
    if (!isProviderTimeoutError(error)) logger.error({ err: error, chargeKey: input.chargeKey }, "charge request failed without an answer; treated as a lost answer");
    return { lost: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The answer a pay attempt gives for its payment as it stands: paid, failed (payable again),
 * still processing (a lost answer) or pending (a QR code to scan). A payment closed while the
 * attempt was at the gateway refuses the attempt (PAYMENT_CLOSED / PAYMENT_EXPIRED, 409).
 */
export function payOutcomeOf(payment: Pick<PaymentRow, "status" | "qrToken">): PayResult["outcome"] {
  if (isCapturedPaymentStatus(payment.status)) return "succeeded";
  if (payment.status === "failed") return "failed";
  if (payment.status === "processing") return payment.qrToken ? "pending" : "processing";
  if (payment.status === "expired") throw new DomainError("PAYMENT_EXPIRED", "The payment window closed before the payment went through");
  if (payment.status === "cancelled") throw new DomainError("PAYMENT_CLOSED", "This payment was cancelled before it went through");
  throw new DomainError("CONCURRENT_UPDATE", "The payment changed while it was being paid; try again");
}

/**
 * Phase 3 of a pay attempt: records the gateway's answer in a second transaction (order and
 * payment locked again), with conditional updates — only if the payment is still processing
 * on this attempt's charge key. If a cancel or an expiry closed the payment meanwhile and the
 * charge was captured anyway, that charge is refunded automatically (a reversal, returned so
 * the caller submits it once this transaction commits). The idempotency key's stored response
 * becomes the attempt's outcome, no longer in flight.
 */
export async function recordChargeAnswer(
  db: Database,
  {
    paymentId,
    orderId,
    chargeKey,
    answer,
    idempotency,
  }: { paymentId: string; orderId: string; chargeKey: string; answer: ChargeAnswer; idempotency: { scope: string; key: string | undefined } },
): Promise<{ payment: PaymentRow; reversalId: string | null }> {
  const gateway: PaymentActor = { actor: "gateway", reason: because("gateway.charge_answered") };
  return db.transaction(async (tx) => {
    // Both locks in one round trip, taken in the order sent (order, then payment).
    const [order, locked] = await Promise.all([lockOrder(tx, orderId), lockPayment(tx, paymentId)]);
    let payment = locked;
    const current = payment.status === "processing" && payment.currentChargeKey === chargeKey;
    let reversalId: string | null = null;
    if ("charge" in answer) {
      const { charge } = answer;
      const by: PaymentActor = charge.failureCode ? { actor: "gateway", reason: because("gateway.charge_failed", { failureCode: charge.failureCode }) } : gateway;
      const settled = await settleCharge(tx, { payment, charge, by, order, message: `charge ${charge.status}${charge.failureCode ? ` (${charge.failureCode})` : ""}` });
      payment = settled.payment;
      reversalId = settled.reversalId;
    } else if (current && "refused" in answer) {
      const { code, message } = answer.refused;
      payment = await movePayment(tx, { payment, to: "failed", by: { actor: "gateway", reason: because("gateway.charge_failed", { failureCode: code }) }, patch: { failureCode: code, failureMessage: message }, message: code });
    } else if (current && "lost" in answer) {
      // The gateway may have charged: stay processing; a query with the same key finds the truth.
      await appendPaymentLog(tx, { kind: "gateway_timeout", by: { actor: "gateway" }, paymentId, orderId, message: answer.lost, data: { chargeKey } });
    }
    // No longer in flight: a retry with the key returns this (a closed payment's retry is refused then).
    const closed = payment.status === "cancelled" || payment.status === "expired";
    await recordIdempotentResponse(tx, idempotency, { paymentId, chargeKey, outcome: closed ? "processing" : payOutcomeOf(payment) });
    return { payment, reversalId };
  });
}
