import { because } from "@/lib/audit-reasons";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { refunds } from "@/server/db/schema";
import { canTransition, lockOrder, transitionOrder, type OrderStatus } from "@/server/domain/order";
import type { PaymentActor, PaymentRow } from "@/server/domain/payment";
import { orderActor } from "./payment-succeeded";
import { compensateRefundedOrderInTx } from "./refund-compensation";

/**
 * How refunds move the ORDER (the payment's own status follows the money: partially_refunded,
 * refunded). Partial refunds leave the order where it is. When approved refunds add up to the
 * whole captured amount, the order goes to `refunding`; when that money is back it is
 * `refunded`; if the full refund fails, the order returns to where it was. A refunded order that
 * never shipped is compensated in the same transaction: shipment cancelled, reserved stock released.
 */
export const REFUNDABLE_ORDER_STATUSES = ["paid", "shipped", "delivered", "completed", "refunding"] as const satisfies readonly OrderStatus[];

async function approvedTotal(tx: Tx, paymentId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), inArray(refunds.status, ["approved", "processing"])));
  return row?.total ?? 0;
}

/** After an approval: enter `refunding` when approved + refunded money covers the whole payment. */
export async function enterRefundingIfFull(tx: Tx, { payment, by }: { payment: PaymentRow; by: PaymentActor }): Promise<void> {
  const order = await lockOrder(tx, payment.orderId);
  const covered = payment.refundedMinor + (await approvedTotal(tx, payment.id));
  if (covered < payment.amountMinor || !canTransition(order.status, "refunding")) return;
  await transitionOrder(tx, { orderId: order.id, to: "refunding", by: orderActor({ ...by, reason: because("refund.full_approved") }) });
}

/** After a refund settled: refunded when all money is back; else leave `refunding` when no full refund is under way any more. */
export async function settleOrderAfterRefund(tx: Tx, { payment, by }: { payment: PaymentRow; by: PaymentActor }): Promise<void> {
  const order = await lockOrder(tx, payment.orderId);
  const actor = orderActor(by);
  if (payment.refundedMinor >= payment.amountMinor) {
    if (order.status !== "refunding") {
      if (!canTransition(order.status, "refunding")) return;
      await transitionOrder(tx, { orderId: order.id, to: "refunding", by: { ...actor, reason: because("refund.full_settled") } });
    }
    await transitionOrder(tx, { orderId: order.id, to: "refunded", by: { ...actor, reason: because("refund.all_refunded") } });
    await compensateRefundedOrderInTx(tx, { orderId: order.id, by: { ...actor, reason: because("refund.before_shipping") } });
    return;
  }
  if (order.status !== "refunding") return;
  const covered = payment.refundedMinor + (await approvedTotal(tx, payment.id));
  if (covered >= payment.amountMinor) return;
  const back = statusAfterFailedFullRefund(order);
  if (canTransition("refunding", back)) await transitionOrder(tx, { orderId: order.id, to: back, by: { ...actor, reason: because("refund.full_failed") } });
}

/**
 * Where an order goes back to when its full refund fails: where the goods are NOW, not where
 * the order stood when the refund began — the parcel may have been delivered meanwhile (the
 * shipment keeps moving while the order is refunding; only its mirror column follows).
 */
export function statusAfterFailedFullRefund(order: { completedAt: Date | null; shippedAt: Date | null; logisticsStatus: string }): OrderStatus {
  if (order.completedAt) return "completed";
  if (order.logisticsStatus === "delivered") return "delivered";
  if (order.shippedAt) return "shipped";
  return "paid";
}
