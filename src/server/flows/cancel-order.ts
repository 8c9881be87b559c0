import { because } from "@/lib/audit-reasons";
import type { Database } from "@/server/db/client";
import { releaseOrderStock } from "@/server/domain/inventory";
import { assertTransition, getShopperOrder, lockOrder, transitionOrder, type ActorRef } from "@/server/domain/order";
import { findOpenPayment, getPaymentProvider, lockPayment, type PaymentProvider } from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { closeOpenPayment, withChargeClosedFirst } from "./close-open-payment";

/**
 * Cancels an unpaid order, closes its open payment and gives its stock back, in one
 * transaction. A processing payment's charge is closed at the provider first — between two
 * transactions, with no row lock held — so it can never be paid after the order is cancelled;
 * if it already was, the order is paid instead and the cancel is refused. INVALID_TRANSITION
 * (409) once the order is paid or already cancelled.
 */
export async function cancelOrder(db: Database, { orderId, by, provider = getPaymentProvider() }: { orderId: string; by: ActorRef; provider?: PaymentProvider }) {
  const result = await withChargeClosedFirst(db, provider, async (tx, closed) => {
    const order = await lockOrder(tx, orderId);
    assertTransition(order.status, "cancelled");
    const open = await findOpenPayment(tx, orderId);
    if (open) {
      const payment = await lockPayment(tx, open.id);
      const outcome = await closeOpenPayment(tx, { payment, to: "cancelled", by, closed });
      if ("closeFirst" in outcome) return outcome;
      if (outcome.kind === "paid_instead") return { done: { paidInstead: true } };
    }
    await transitionOrder(tx, { orderId, to: "cancelled", by });
    await releaseOrderStock(tx, orderId);
    return { done: { paidInstead: false } };
  });
  if (result.paidInstead) throw new DomainError("INVALID_TRANSITION", "The order was paid before it could be cancelled");
  return { id: orderId, status: "cancelled" as const };
}

/** A shopper cancelling their own order: ownership first, then the same cancellation. */
export async function cancelOrderAsShopper(db: Database, { userId, orderId }: { userId: string; orderId: string }) {
  await getShopperOrder(db, { userId, orderId });
  return cancelOrder(db, { orderId, by: { actor: "shopper", actorId: userId, reason: because("order.cancelled_by_shopper") } });
}
