import type { Database } from "@/server/db/client";
import { releaseOrderStock } from "@/server/domain/inventory";
import { getShopperOrder, transitionOrder, type ActorRef } from "@/server/domain/order";

/**
 * Cancels an unpaid order and gives its stock back, in one transaction.
 * INVALID_TRANSITION (409) once the order is paid or already cancelled.
 */
export async function cancelOrder(db: Database, { orderId, by }: { orderId: string; by: ActorRef }) {
  return db.transaction(async (tx) => {
    await transitionOrder(tx, { orderId, to: "cancelled", by });
    await releaseOrderStock(tx, orderId);
    return { id: orderId, status: "cancelled" as const };
  });
}

/** A shopper cancelling their own order: ownership first, then the same cancellation. */
export async function cancelOrderAsShopper(db: Database, { userId, orderId }: { userId: string; orderId: string }) {
  await getShopperOrder(db, { userId, orderId });
  return cancelOrder(db, { orderId, by: { actor: "shopper", actorId: userId, reason: "cancelled by shopper" } });
}
