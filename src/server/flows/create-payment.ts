import { sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { lockOrder, patchOrderMirrors } from "@/server/domain/order";
import {
  ZCreatePaymentInput,
  enabledMethods,
  findOpenPayment,
  findPayment,
  insertPayment,
  paymentSettings,
  toShopperPayment,
  tstz,
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
 * payment per order (PAYMENT_ALREADY_OPEN). Idempotent with a key: the same key and
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
      const order = await lockOrder(tx, data.orderId);
      if (order.userId !== userId) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
      if (order.status !== "pending_payment") throw new DomainError("ORDER_NOT_PAYABLE", "This order is not awaiting payment");
      const ttlMs = realPaymentWindowMs(settings.ttlMinutes, simulation.timeScale);
      const [clock] = (await tx.execute(
        sql`select now() as now, coalesce(now() >= ${tstz(order.paymentDeadlineAt)}, false) as past`,
      )) as unknown as [{ now: Date; past: boolean }];
      if (clock.past) throw new DomainError("PAYMENT_EXPIRED", "The payment window of this order has closed");
      if (await findOpenPayment(tx, order.id)) throw new DomainError("PAYMENT_ALREADY_OPEN", "This order already has an open payment");
      const payment = await insertPayment(tx, {
        orderId: order.id,
        userId,
        amountMinor: order.payableTotalMinor,
        currency: order.currency,
        method: data.method,
        expiresAt: order.paymentDeadlineAt ?? new Date(new Date(clock.now).getTime() + ttlMs),
        by,
      });
      await patchOrderMirrors(tx, order.id, { paymentStatus: payment.status, paymentSn: payment.paymentSn });
      created = payment;
      return { paymentId: payment.id };
    }),
  );
  const payment = !replayed && created?.id === response.paymentId ? created : await findPayment(db, String(response.paymentId));
  return { payment: toShopperPayment(payment!), replayed };
}
