import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { orders, shipmentStatusLog, shipments } from "@/server/db/schema";
import { staleShipmentCondition } from "./shipment-list.service";

/**
 * The logistics module's share of the admin home, read-only: parcels in exception, stale
 * parcels (the same definitions as Admin → Shipments' queues) and the newest shipment status
 * changes. Cheap at 1M shipments: both counts go through shipments(status, created_at) for the
 * exception status and the four moving statuses, rows in flight rather than history; the
 * recent changes read shipment_status_log's primary key backwards.
 */
export async function logisticsDashboard(db: DbOrTx, { now = new Date(), staleAfterHours }: { now?: Date; staleAfterHours: number }) {
  const [[exception], [stale], recent] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(shipments).where(eq(shipments.status, "exception")),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(shipments)
      .where(staleShipmentCondition(now, staleAfterHours)),
    db
      .select({
        shipmentId: shipments.id,
        trackingNo: shipments.trackingNo,
        orderId: shipments.orderId,
        orderNo: orders.orderNo,
        fromStatus: shipmentStatusLog.fromStatus,
        toStatus: shipmentStatusLog.toStatus,
        at: shipmentStatusLog.createdAt,
      })
      .from(shipmentStatusLog)
      .innerJoin(shipments, eq(shipments.id, shipmentStatusLog.shipmentId))
      .innerJoin(orders, eq(orders.id, shipments.orderId))
      .orderBy(desc(shipmentStatusLog.id))
      .limit(5),
  ]);
  return { exceptions: exception?.n ?? 0, stale: stale?.n ?? 0, recentShipments: recent };
}
