import type { Database } from "@/server/db/client";
import { lockOrder } from "@/server/domain/order";
import {
  ProviderRejectedError,
  ProviderTimeoutError,
  ZPayInput,
  appendPaymentLog,
  callProvider,
  enabledMethods,
  findPayment,
  getPaymentProvider,
  isPastDeadline,
  isQrMethod,
  lockPayment,
  normaliseCardNumber,
  paymentSettings,
  toShopperPayment,
  withIdempotencyKey,
  type PayInput,
  type PayResult,
  type PaymentActor,
  type PaymentProvider,
  type PaymentRow,
  type ProviderCharge,
} from "@/server/domain/payment";
import { DomainError, isDomainError } from "@/server/errors";
import { applyChargeState, movePayment } from "./payment-succeeded";
import { resolveProcessingPayment } from "./resolve-processing-payment";

type Outcome = PayResult["outcome"];

/**
 * One pay attempt ("Pay" on the cashier). Runs in ONE transaction holding the order and
 * payment row locks, so it is serialised with cancel, expiry and notifications of the same
 * payment:
 * 1. refuses a closed payment, an order no longer payable, a disabled method, an amount that
 *    no longer matches, and — by the DATABASE clock — any attempt after the deadline, whether
 *    or not an expiry timer ever ran;
 * 2. if an earlier attempt is still processing, asks the provider first (never a second charge
 *    while the first may have gone through);
 * 3. moves the payment to processing with a new charge key (payment_sn + attempt) and calls the
 *    provider; card-like methods settle here, QR methods wait for the scan, a lost response
 *    leaves the payment processing for a later query.
 * With an idempotency key, a retry returns the original result; if that result was still
 * processing, the retry queries the provider and returns the truth.
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
  let refusedPayment: PaymentRow | null = null;
  try {
    const { response, replayed } = await db.transaction((tx) =>
      withIdempotencyKey(tx, { scope: `pay:${userId ?? "staff"}`, key: data.idempotencyKey, request }, async () => {
        const found = await findPayment(tx, paymentId);
        if (!found || (userId && found.userId !== userId)) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
        refusedPayment = found;
        const order = await lockOrder(tx, found.orderId);
        let payment = await lockPayment(tx, paymentId);
        if (payment.status === "succeeded" || payment.status === "partially_refunded" || payment.status === "refunded") {
          throw new DomainError("INVALID_TRANSITION", "This payment has already been paid");
        }
        if (payment.status === "expired") throw new DomainError("PAYMENT_EXPIRED", "The payment window has closed");
        if (payment.status === "cancelled") throw new DomainError("PAYMENT_CLOSED", "This payment was cancelled");
        if (order.status !== "pending_payment") throw new DomainError("ORDER_NOT_PAYABLE", "This order is not awaiting payment");
        if (await isPastDeadline(tx, payment)) throw new DomainError("PAYMENT_EXPIRED", "The payment window has closed");
        const settings = await paymentSettings.get(tx);
        if (!enabledMethods(settings).includes(data.method)) {
          throw new DomainError("PAYMENT_METHOD_DISABLED", "This payment method is not available", { method: ["Not available"] });
        }
        if (payment.amountMinor !== order.payableTotalMinor || payment.currency !== order.currency) {
          throw new DomainError("PAYMENT_AMOUNT_MISMATCH", "The payment no longer matches the order's payable total");
        }

        if (payment.status === "processing") {
          // An earlier attempt may have gone through: find out before charging again.
          const key = payment.currentChargeKey!;
          let charge = await callProvider(() => provider.queryCharge(key));
          if (charge?.status === "pending" && isQrMethod(data.method) && charge.method === data.method) {
            const same = await applyChargeState(tx, { payment, charge, by: { actor: "gateway" } });
            return { paymentId, outcome: same.outcome };
          }
          if (!charge || charge.status === "pending") charge = await callProvider(() => provider.closeCharge({ chargeKey: key, merchantRef: payment.paymentSn }));
          await appendPaymentLog(tx, {
            kind: "gateway_response",
            by: { actor: "gateway" },
            paymentId,
            orderId: payment.orderId,
            message: `earlier attempt resolved as ${charge.status}`,
            data: { chargeKey: key, status: charge.status, chargeId: charge.chargeId },
          });
          const resolved = await applyChargeState(tx, { payment, charge, by: { actor: "gateway" } });
          if (resolved.outcome === "succeeded") return { paymentId, outcome: resolved.outcome };
          payment = resolved.payment;
        }

        const attempt = payment.attemptCount + 1;
        const chargeKey = `${payment.paymentSn}-${attempt}`;
        payment = await movePayment(tx, {
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
        let charge: ProviderCharge;
        try {
          charge = await callProvider(() =>
            provider.createCharge({
              chargeKey,
              merchantRef: payment.paymentSn,
              attempt,
              amountMinor: payment.amountMinor,
              currency: payment.currency,
              method: data.method,
              card: cardNumber ? { number: cardNumber } : undefined,
              expiresAt: payment.expiresAt,
              description: `Order ${order.orderNo}`,
            }),
          );
        } catch (error) {
          if (error instanceof ProviderTimeoutError) {
            // The gateway may have charged: stay processing; a query with the same key finds the truth.
            await appendPaymentLog(tx, { kind: "gateway_timeout", by: { actor: "gateway" }, paymentId, orderId: payment.orderId, message: error.message, data: { chargeKey } });
            return { paymentId, outcome: "processing" as Outcome };
          }
          if (error instanceof ProviderRejectedError) {
            await movePayment(tx, { payment, to: "failed", by: { actor: "gateway" }, patch: { failureCode: error.code, failureMessage: error.message }, message: error.code });
            return { paymentId, outcome: "failed" as Outcome };
          }
          throw error;
        }
        await appendPaymentLog(tx, {
          kind: "gateway_response",
          by: { actor: "gateway" },
          paymentId,
          orderId: payment.orderId,
          message: `charge ${charge.status}${charge.failureCode ? ` (${charge.failureCode})` : ""}`,
          data: { chargeId: charge.chargeId, chargeKey, status: charge.status, failureCode: charge.failureCode },
        });
        const applied = await applyChargeState(tx, { payment, charge, by: { actor: "gateway", reason: "gateway answered the charge" } });
        return { paymentId, outcome: applied.outcome };
      }),
    );

    let outcome = response.outcome as Outcome;
    if (replayed) {
      await appendPaymentLog(db, { kind: "idempotent_replay", by, paymentId, message: `pay replayed (${outcome})`, data: { idempotencyKey: data.idempotencyKey } });
      // The first answer was lost in an ambiguous timeout: the retry asks the provider for the truth.
      const current = await findPayment(db, paymentId);
      if (current?.status === "processing" && outcome === "processing") {
        const resolved = await resolveProcessingPayment(db, { paymentId, by: { actor: "gateway", reason: "retry with the same idempotency key" }, provider });
        outcome = resolved.outcome;
      }
    }
    const payment = await findPayment(db, paymentId);
    return { payment: toShopperPayment(payment!), outcome, replayed };
  } catch (error) {
    const refused = refusedPayment as PaymentRow | null;
    if (refused && isDomainError(error) && error.code !== "IDEMPOTENCY_KEY_REUSED") {
      await appendPaymentLog(db, {
        kind: "attempt_refused",
        by,
        paymentId: refused.id,
        orderId: refused.orderId,
        message: error.message,
        data: { code: error.code, method: data.method },
      });
    }
    throw error;
  }
}
