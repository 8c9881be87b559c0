import { because } from "@/lib/audit-reasons";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { payments } from "@/server/db/schema";
import { lifecycleDurations, lifecycleSettings } from "@/server/domain/lifecycle";
import { lockOrder } from "@/server/domain/order";
import {
  CAPTURED_PAYMENT_STATUSES,
  ZAdminRefundInput,
  ZApproveRefundInput,
  ZRejectRefundInput,
  ZRequestRefundInput,
  findPayment,
  findRefund,
  getPaymentProvider,
  insertRefund,
  lockPayment,
  lockRefund,
  priceRefundItems,
  releaseRefundHold,
  toShopperRefund,
  transitionRefund,
  withIdempotencyKey,
  type AdminRefundInput,
  type PaymentProvider,
  type RequestRefundInput,
  type ShopperRefund,
} from "@/server/domain/payment";
import { simulationSettings } from "@/server/domain/simulation";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { REFUNDABLE_ORDER_STATUSES, enterRefundingIfFull, settleOrderAfterRefund } from "./refund-order-status";
import { submitRefund } from "./refund-submit";

function assertRefundableOrder(status: string) {
  if (!(REFUNDABLE_ORDER_STATUSES as readonly string[]).includes(status)) {
    throw new DomainError("REFUND_NOT_ALLOWED", "This order cannot be refunded");
  }
}

/**
 * N days (lifecycle setting, time-scaled) after an order was completed, shoppers can no longer
 * ask for a refund: REFUND_WINDOW_CLOSED (409). Admins can still refund directly.
 */
async function assertAfterSaleWindowOpen(tx: Tx, order: { status: string; completedAt: Date | null }, now = new Date()) {
  if (order.status !== "completed" || !order.completedAt) return;
  const [settings, sim] = await Promise.all([lifecycleSettings.get(tx), simulationSettings.get(tx)]);
  const closesAt = order.completedAt.getTime() + lifecycleDurations(settings, sim.timeScale).afterSaleMs;
  if (now.getTime() >= closesAt) {
    throw new DomainError("REFUND_WINDOW_CLOSED", `Refunds can be requested up to ${settings.afterSaleDays} days after the order was completed`);
  }
}

/**
 * A shopper asks for a full or partial refund of a paid order, with a reason, by amount or by
 * items (quantities of the order's items, priced at what was paid; see `priceRefundItems`). The amount is
 * held against the payment at once (so concurrent requests can never exceed what was
 * captured: REFUND_EXCEEDS_CAPTURED) and waits for an admin. Idempotent with a key.
 */
export async function requestRefund(db: Database, { userId, input }: { userId: string; input: RequestRefundInput }): Promise<{ refund: ShopperRefund; replayed: boolean }> {
  const data = ZRequestRefundInput.parse(input);
  const { response, replayed } = await db.transaction((tx) =>
    withIdempotencyKey(tx, { scope: `refund:${userId}`, key: data.idempotencyKey, request: { orderId: data.orderId, amountMinor: data.amountMinor, reason: data.reason, items: data.items } }, async () => {
      const order = await lockOrder(tx, data.orderId);
      if (order.userId !== userId) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
      assertRefundableOrder(order.status);
      await assertAfterSaleWindowOpen(tx, order);
      // Items are checked and priced under the order's lock, which every refund of it takes first.
      const byItems = data.items ? await priceRefundItems(tx, { orderId: order.id, items: data.items, amountMinor: data.amountMinor }) : null;
      const [captured] = await tx
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.orderId, order.id), inArray(payments.status, [...CAPTURED_PAYMENT_STATUSES])));
      if (!captured) throw new DomainError("REFUND_NOT_ALLOWED", "This order has no captured payment to refund");
      const payment = await lockPayment(tx, captured.id);
      const { refund } = await insertRefund(tx, {
        payment,
        amountMinor: byItems?.amountMinor ?? data.amountMinor!,
        reason: data.reason,
        status: "requested",
        by: { actor: "shopper", actorId: userId },
        items: byItems?.items,
      });
      return { refundId: refund.id };
    }),
  );
  const refund = await findRefund(db, String(response.refundId));
  return { refund: toShopperRefund(refund!), replayed };
}

/** Submits right after approval; the refund-submission sweep retries anything left approved. */
export async function submitNow(db: Database, refundId: string, provider: PaymentProvider) {
  try {
    await submitRefund(db, { refundId, provider });
  } catch (error) {
    logger.warn({ err: error, refundId }, "refund submission failed; the sweep will retry");
  }
}

/**
 * An admin refunds directly (no shopper request), by amount or by items priced as a shopper's
 * request is: the refund starts approved and is submitted to the provider at once. Same money
 * guard and idempotency as a request.
 */
export async function refundDirectly(
  db: Database,
  { adminId, input, provider = getPaymentProvider() }: { adminId: string; input: AdminRefundInput; provider?: PaymentProvider },
): Promise<{ refund: ShopperRefund; replayed: boolean }> {
  const data = ZAdminRefundInput.parse(input);
  const found = await findPayment(db, data.paymentId);
  if (!found) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  const by = { actor: "admin" as const, actorId: adminId, reason: because("admin.refund_created"), note: data.reason };
  const { response, replayed } = await db.transaction((tx) =>
    withIdempotencyKey(tx, { scope: `refund:${adminId}`, key: data.idempotencyKey, request: { paymentId: data.paymentId, amountMinor: data.amountMinor, reason: data.reason, items: data.items } }, async () => {
      const order = await lockOrder(tx, found.orderId);
      assertRefundableOrder(order.status);
      const byItems = data.items ? await priceRefundItems(tx, { orderId: order.id, items: data.items, amountMinor: data.amountMinor }) : null;
      const payment = await lockPayment(tx, found.id);
      const held = await insertRefund(tx, { payment, amountMinor: byItems?.amountMinor ?? data.amountMinor!, reason: data.reason, status: "approved", by, items: byItems?.items });
      await enterRefundingIfFull(tx, { payment: held.payment, by });
      return { refundId: held.refund.id };
    }),
  );
  const refundId = String(response.refundId);
  if (!replayed) await submitNow(db, refundId, provider);
  const refund = await findRefund(db, refundId);
  return { refund: toShopperRefund(refund!), replayed };
}

/** An admin approves a requested refund (optional note); it is submitted to the provider at once. */
export async function approveRefund(
  db: Database,
  { adminId, input, provider = getPaymentProvider() }: { adminId: string; input: { refundId: string; note?: string }; provider?: PaymentProvider },
): Promise<ShopperRefund> {
  const data = ZApproveRefundInput.parse(input);
  const found = await findRefund(db, data.refundId);
  if (!found) throw new DomainError("REFUND_NOT_FOUND", "Refund not found");
  const by = { actor: "admin" as const, actorId: adminId, reason: because("admin.refund_approved"), note: data.note ?? null };
  await db.transaction(async (tx) => {
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, found.paymentId);
    const refund = await lockRefund(tx, found.id);
    await transitionRefund(tx, { refund, payment, to: "approved", by, patch: { reviewNote: data.note ?? null, reviewedBy: adminId, reviewedAt: new Date() } });
    await enterRefundingIfFull(tx, { payment, by });
  });
  await submitNow(db, found.id, provider);
  return toShopperRefund((await findRefund(db, found.id))!);
}

/** An admin rejects a requested refund with a note; the held amount is released. */
export async function rejectRefund(db: Database, { adminId, input }: { adminId: string; input: { refundId: string; note: string } }): Promise<ShopperRefund> {
  const data = ZRejectRefundInput.parse(input);
  const found = await findRefund(db, data.refundId);
  if (!found) throw new DomainError("REFUND_NOT_FOUND", "Refund not found");
  const by = { actor: "admin" as const, actorId: adminId, reason: because("admin.refund_rejected"), note: data.note };
  return db.transaction(async (tx) => {
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, found.paymentId);
    const refund = await lockRefund(tx, found.id);
    const rejected = await transitionRefund(tx, { refund, payment, to: "rejected", by, patch: { reviewNote: data.note, reviewedBy: adminId, reviewedAt: new Date() } });
    const released = await releaseRefundHold(tx, rejected);
    await settleOrderAfterRefund(tx, { payment: released, by });
    return toShopperRefund(rejected);
  });
}
