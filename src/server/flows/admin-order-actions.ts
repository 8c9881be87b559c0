import { because } from "@/lib/audit-reasons";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { payments } from "@/server/db/schema";
import { createNotification, notificationsOfOrder } from "@/server/domain/notification";
import { lockOrder, recordOrderAdminAction } from "@/server/domain/order";
import { CAPTURED_PAYMENT_STATUSES, findRefund, getPaymentProvider, insertRefund, lockPayment, toShopperRefund, type PaymentProvider } from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { enterRefundingIfFull } from "./refund-order-status";
import { submitNow } from "./refund-request";

/**
 * Cancels a paid order that has not shipped by refunding all of it, in one transaction: the
 * order is locked and must still be paid, the refund is exactly what can still be refunded and
 * must equal the amount the admin confirmed (`expectedAmountMinor`; otherwise AMOUNT_CHANGED,
 * 409, with the current amount), the refund starts approved (order → refunding) and an audit row
 * names the admin. The refund is then submitted; its settlement cancels the shipment and
 * releases the stock (refund compensation). Not idempotent by design: a second call finds the
 * order refunding and is refused (INVALID_TRANSITION).
 */
export async function cancelPaidOrder(
  db: Database,
  { orderId, adminId, expectedAmountMinor, reason, provider = getPaymentProvider() }: { orderId: string; adminId: string; expectedAmountMinor: number; reason?: string; provider?: PaymentProvider },
) {
  const by = { actor: "admin" as const, actorId: adminId, reason: because("admin.order_cancelled"), note: reason || null };
  const refundId = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order.status !== "paid") throw new DomainError("INVALID_TRANSITION", `The order is ${order.status}; only a paid order that has not shipped is cancelled with a refund`);
    const [captured] = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.orderId, orderId), inArray(payments.status, [...CAPTURED_PAYMENT_STATUSES])));
    if (!captured) throw new DomainError("REFUND_NOT_ALLOWED", "This order has no captured payment to refund");
    const payment = await lockPayment(tx, captured.id);
    const refundable = payment.amountMinor - payment.refundedMinor - payment.refundReservedMinor;
    if (refundable <= 0) throw new DomainError("REFUND_EXCEEDS_CAPTURED", "Nothing is left to refund");
    if (refundable !== expectedAmountMinor) {
      throw new DomainError("AMOUNT_CHANGED", `The refund would be ${refundable}, not ${expectedAmountMinor}`, undefined, { params: { amountMinor: refundable, currency: payment.currency } });
    }
    const held = await insertRefund(tx, { payment, amountMinor: refundable, reason: reason ?? "", status: "approved", by });
    await enterRefundingIfFull(tx, { payment: held.payment, by });
    await recordOrderAdminAction(tx, { orderId, action: "cancelled_with_refund", adminId, data: { refundSn: held.refund.refundSn, amountMinor: refundable, currency: payment.currency } });
    return held.refund.id;
  });
  await submitNow(db, refundId, provider);
  const refund = (await findRefund(db, refundId))!;
  return { id: orderId, refund: toShopperRefund(refund) };
}

/**
 * Sends the shopper the order's latest notification again: a new notification with the same
 * kind and parameters (keyed on the audit row, so it is a new one and never collides) and an
 * audit row naming the admin, in one transaction. NOTHING_TO_RESEND (409) when the order has
 * no notification yet.
 */
export async function resendOrderNotification(db: Database, { orderId, adminId }: { orderId: string; adminId: string }) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const latest = (await notificationsOfOrder(tx, { userId: order.userId, orderId })).at(-1);
    if (!latest) throw new DomainError("NOTHING_TO_RESEND", "The shopper has not been notified about this order yet");
    const audit = await recordOrderAdminAction(tx, { orderId, action: "notification_resent", adminId, data: { kind: latest.kind, notificationId: latest.id } });
    await createNotification(tx, { userId: order.userId, orderId, kind: latest.kind, params: latest.params, sourceEventId: `resend:${audit.id}` });
    return { orderId, kind: latest.kind, resentAt: audit.createdAt };
  });
}
