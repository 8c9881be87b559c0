import { because } from "@/lib/audit-reasons";
import type { Database, Tx } from "@/server/db/client";
import { releaseOrderStock } from "@/server/domain/inventory";
import { lockOrder, type ActorRef } from "@/server/domain/order";
import { cancelShipmentOfOrder } from "./shipment";

/**
 * Compensation for a fully refunded order that never left the warehouse, in the caller's
 * transaction (order row locked by the caller or here): its shipment is cancelled and its
 * reserved stock released. Both are idempotent, so running this again (the refund flow's
 * compensation step after the settlement already did it) changes nothing. An order that was
 * shipped keeps its shipment: the goods are with the shopper or come back as returned_to_sender.
 */
export async function compensateRefundedOrderInTx(tx: Tx, { orderId, by }: { orderId: string; by: ActorRef }) {
  const order = await lockOrder(tx, orderId);
  if (order.status !== "refunded" || order.shippedAt) return { shipmentCancelled: false, stockReleased: false };
  const { cancelled } = await cancelShipmentOfOrder(tx, { orderId, by });
  const { released } = await releaseOrderStock(tx, orderId);
  return { shipmentCancelled: cancelled, stockReleased: released };
}

/** `compensateRefundedOrderInTx` in its own transaction (an Inngest step). */
export async function compensateRefundedOrder(db: Database, { orderId, by = { actor: "workflow", reason: because("refund.compensation") } }: { orderId: string; by?: ActorRef }) {
  return db.transaction((tx) => compensateRefundedOrderInTx(tx, { orderId, by }));
}
