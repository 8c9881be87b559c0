import { because } from "@/lib/audit-reasons";
import type { Database } from "@/server/db/client";
import { lockOrder } from "@/server/domain/order";
import {
  ZPayInput,
  appendPaymentLog,
  enabledMethods,
  findIdempotentResponse,
  findPayment,
  getPaymentProvider,
  isQrMethod,
  lockPaymentWithDeadline,
  normaliseCardNumber,
  paymentSettings,
  toShopperPayment,
  withIdempotencyKey,
  type CreateChargeInput,
  type PayInput,
  type PayResult,
  type PaymentActor,
  type PaymentProvider,
} from "@/server/domain/payment";
import { DomainError, isDomainError } from "@/server/errors";
import { submitChargeReversalSoon } from "./charge-reversal";
import { payOutcomeOf, recordChargeAnswer, requestCharge } from "./pay-attempt";
import { replayPayAnswer, type StoredPayResponse } from "./pay-replay";
import { movePayment } from "./payment-succeeded";
import { resolveProcessingPayment } from "./resolve-processing-payment";

type Outcome = PayResult["outcome"];

/**
 * One pay attempt ("Pay" on the cashier), in phases so that no row lock is ever held while the
 * gateway works and the attempt survives any crash or rollback:
 * 0. if an earlier attempt is still processing, its charge is settled first through the
 *    provider (never a second charge while the first may have gone through); an attempt so
 *    recent that it may still be at the gateway is a conflict (CONCURRENT_UPDATE, 409);
 * 1. one transaction (order and payment locked) refuses a closed payment, an order no longer
 *    payable, a disabled method, an amount that no longer matches, and — by the DATABASE clock —
 *    any attempt after the deadline; then COMMITS the payment as processing with its new charge
 *    key (payment_sn + attempt) and the idempotency key, before the gateway is called;
 * 2. the charge request, with no transaction open;
 * 3. a second transaction records the answer with conditional updates, if the payment is still
 *    on this charge (see recordChargeAnswer). A cancel that came in between closed the charge at
 *    the gateway first, so it either won (the attempt answers PAYMENT_CLOSED) or found the
 *    money captured and paid the order instead.
 * With an idempotency key, a retry returns the recorded outcome; if that was still processing,
 * the retry queries the provider and returns the truth.
 */
export async function payPayment(
  db: Database,
  {
    paymentId,
    userId,
    input,
    by = { actor: "shopper", actorId: userId },
    provider = getPaymentProvider(),
  }: { paymentId: string; userId: string | null; input: Omit<PayInput, "paymentId">; by?: PaymentActor; provider?: PaymentProvider },
): Promise<PayResult> {
  const data = ZPayInput.parse({ ...input, paymentId });
  const cardNumber = data.card ? normaliseCardNumber(data.card.number) : null;
  const request = { paymentId, method: data.method, card: data.method === "card" ? cardNumber : null };
  const idempotency = { scope: `pay:${userId ?? "staff"}`, key: data.idempotencyKey };
  const found = await findPayment(db, paymentId);
  if (!found || (userId && found.userId !== userId)) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  try {
    // The same request again (same key and parameters): the first one's answer, nothing new.
    const stored = await findIdempotentResponse<StoredPayResponse>(db, { ...idempotency, request });
    if (stored) return await replayPayAnswer(db, { paymentId, stored, idempotency, request, by, provider });

    // Phase 0: an earlier attempt still processing is settled before a new one may begin.
    let earlierPaid = false;
    if (found.status === "processing" && found.currentChargeKey) {
      const keepQr = isQrMethod(data.method) && found.method === data.method;
      const settled = await resolveProcessingPayment(db, { paymentId, by: { actor: "gateway", reason: because("payment.earlier_attempt_resolved") }, provider, pendingQr: keepQr ? "keep" : "close" });
      if (settled.outcome === "processing" && settled.status === "processing") {
        throw new DomainError("CONCURRENT_UPDATE", "A payment attempt is already in progress; try again in a moment");
      }
      earlierPaid = settled.outcome === "succeeded";
    }

    // Phase 1: check, then commit the attempt (processing + charge key) before calling the gateway.
    let begun: { chargeKey: string; charge: CreateChargeInput } | null = null;
    const { response, replayed } = await db.transaction((tx) =>
      withIdempotencyKey<StoredPayResponse>(tx, { ...idempotency, request }, async () => {
        begun = null;
        // Both locks in one round trip, taken in the order sent (order, then payment).
        const [order, { payment, pastDeadline }] = await Promise.all([lockOrder(tx, found.orderId), lockPaymentWithDeadline(tx, paymentId)]);
        if (payment.status === "succeeded" || payment.status === "partially_refunded" || payment.status === "refunded") {
          if (earlierPaid) return { paymentId, outcome: "succeeded" as Outcome };
          throw new DomainError("INVALID_TRANSITION", "This payment has already been paid");
        }
        if (payment.status === "expired") throw new DomainError("PAYMENT_EXPIRED", "The payment window has closed");
        if (payment.status === "cancelled") throw new DomainError("PAYMENT_CLOSED", "This payment was cancelled");
        if (order.status !== "pending_payment") throw new DomainError("ORDER_NOT_PAYABLE", "This order is not awaiting payment");
        if (pastDeadline) throw new DomainError("PAYMENT_EXPIRED", "The payment window has closed");
        const settings = await paymentSettings.get(tx);
        if (!enabledMethods(settings).includes(data.method)) {
          throw new DomainError("PAYMENT_METHOD_DISABLED", "This payment method is not available", { method: ["Not available"] });
        }
        if (payment.amountMinor !== order.payableTotalMinor || payment.currency !== order.currency) {
          throw new DomainError("PAYMENT_AMOUNT_MISMATCH", "The payment no longer matches the order's payable total");
        }
        if (payment.status === "processing") {
          // The QR code of the same method is still waiting for its scan: show it again.
          if (isQrMethod(data.method) && payment.method === data.method && payment.qrToken) return { paymentId, outcome: "pending" as Outcome };
          throw new DomainError("CONCURRENT_UPDATE", "A payment attempt is already in progress; try again in a moment");
        }

        const attempt = payment.attemptCount + 1;
        const chargeKey = `${payment.paymentSn}-${attempt}`;
        await movePayment(tx, {
          payment,
          to: "processing",
          by,
          patch: { method: data.method, attemptCount: attempt, currentChargeKey: chargeKey, failureCode: null, failureMessage: null, qrToken: null, providerChargeId: null },
          message: `attempt ${attempt} (${data.method})`,
        });
        await appendPaymentLog(tx, {
          kind: "gateway_request",
          by,
          paymentId,
          orderId: payment.orderId,
          message: `create charge ${chargeKey}`,
          data: { operation: "createCharge", chargeKey, method: data.method, amountMinor: payment.amountMinor, currency: payment.currency, cardLast4: cardNumber?.slice(-4) ?? null },
        });
        begun = {
          chargeKey,
          charge: {
            chargeKey,
            merchantRef: payment.paymentSn,
            attempt,
            amountMinor: payment.amountMinor,
            currency: payment.currency,
            method: data.method,
            card: cardNumber ? { number: cardNumber } : undefined,
            expiresAt: payment.expiresAt,
            description: `Order ${order.orderNo}`,
          },
        };
        // What a retry with the same key sees until phase 3 records the outcome.
        return { paymentId, outcome: "processing" as Outcome, chargeKey, inFlight: true };
      }),
    );

    // A concurrent request with the same key committed first: this one is its retry.
    if (replayed) return await replayPayAnswer(db, { paymentId, stored: response, idempotency, request, by, provider });
    const attempt = begun as { chargeKey: string; charge: CreateChargeInput } | null;
    if (!attempt) {
      const payment = await findPayment(db, paymentId);
      return { payment: toShopperPayment(payment!), outcome: response.outcome, replayed: false };
    }

    // Phases 2 and 3: the gateway, then its answer recorded in a second transaction.
    const answer = await requestCharge(provider, attempt.charge);
    const recorded = await recordChargeAnswer(db, { paymentId, orderId: found.orderId, chargeKey: attempt.chargeKey, answer, idempotency });
    await submitChargeReversalSoon(db, recorded.reversalId, provider);
    return { payment: toShopperPayment(recorded.payment), outcome: payOutcomeOf(recorded.payment), replayed: false };
  } catch (error) {
    if (isDomainError(error) && error.code !== "IDEMPOTENCY_KEY_REUSED") {
      await appendPaymentLog(db, {
        kind: "attempt_refused",
        by,
        paymentId: found.id,
        orderId: found.orderId,
        message: error.message,
        data: { code: error.code, method: data.method },
      });
    }
    throw error;
  }
}
