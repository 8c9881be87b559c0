import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import { lockOrderWithClock, patchOrderMirrors } from "@/server/domain/order";
import {
  ZCreatePaymentInput,
  enabledMethods,
  findPayment,
  insertPayment,
  paymentSettings,
  paymentSnOf,
  toShopperPayment,
  withIdempotencyKey,
  type CreatePaymentInput,
  type PaymentActor,
  type PaymentRow,
  type ShopperPayment,
} from "@/server/domain/payment";
import { simulationSettings } from "@/server/domain/simulation";
import { DomainError } from "@/server/errors";
import { realPaymentWindowMs } from "./payment-deadline";

/**
 * Opens a payment for one of the shopper's orders awaiting payment: amount and currency are
 * the order's payable total, expires_at is the order's payment deadline. At most one open
 * payment per order (PAYMENT_ALREADY_OPEN, from the partial unique index). Idempotent with a key: the same key and
 * parameters return the original payment; other parameters are IDEMPOTENCY_KEY_REUSED.
 */
export async function createPayment(
  db: Database,
  { userId, input, by = { actor: "shopper", actorId: userId } }: { userId: string; input: CreatePaymentInput; by?: PaymentActor },
): Promise<{ payment: ShopperPayment; replayed: boolean }> {
  const data = ZCreatePaymentInput.parse(input);
  const [settings, simulation] = await Promise.all([paymentSettings.get(db), simulationSettings.get(db)]);
  if (!enabledMethods(settings).includes(data.method)) {
    throw new DomainError("PAYMENT_METHOD_DISABLED", "This payment method is not available", { method: ["Not available"] });
  }
  // The row this request inserted, to answer without reading it back; a replay reads the first one's.
  let created: PaymentRow | undefined;
  const { response, replayed } = await db.transaction((tx) =>
    withIdempotencyKey(tx, { scope: `create-payment:${userId}`, key: data.idempotencyKey, request: { orderId: data.orderId, method: data.method } }, async () => {
      // The lock reads the database's clock and the deadline check with it (no statement of its own).
      const { order, now, pastDeadline } = await lockOrderWithClock(tx, data.orderId);
      if (order.userId !== userId) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
      if (order.status !== "pending_payment") throw new DomainError("ORDER_NOT_PAYABLE", "This order is not awaiting payment");
      if (pastDeadline) throw new DomainError("PAYMENT_EXPIRED", "The payment window of this order has closed");
      const ttlMs = realPaymentWindowMs(settings.ttlMinutes, simulation.timeScale);
      // The order's mirror columns are set in a statement sent with the insert (one round trip);
      // when the insert finds an open payment (PAYMENT_ALREADY_OPEN) it matches no row and the
      // transaction rolls back anyway.
      const paymentId = randomUUID();
      const [payment] = await Promise.all([
        insertPayment(tx, {
          id: paymentId,
          orderId: order.id,
          userId,
          amountMinor: order.payableTotalMinor,
          currency: order.currency,
          method: data.method,
          expiresAt: order.paymentDeadlineAt ?? new Date(now.getTime() + ttlMs),
          by,
        }),
        patchOrderMirrors(tx, order.id, { paymentStatus: "pending", paymentSn: paymentSnOf(paymentId) }),
      ]);
      created = payment;
      return { paymentId: payment.id };
    }),
  );
  const payment = !replayed && created?.id === response.paymentId ? created : await findPayment(db, String(response.paymentId));
  return { payment: toShopperPayment(payment!), replayed };
}
