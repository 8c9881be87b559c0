import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { carrierServiceLevels, carriers, shipmentCheckpoints, shipmentStatusLog, shipments } from "@/server/db/schema";
import { describeCheckpoint } from "./trajectory/texts";

/**
 * The shipment side of an order's timeline: status changes and the checkpoints already recorded
 * (planned ones still ahead are not history), each with the tracking number people read and the
 * checkpoint's text in both languages. One query per source, through the shipment's order index.
 */
export async function logisticsTimelineRows(db: DbOrTx, orderId: string) {
  const [statusLog, checkpoints] = await Promise.all([
    db
      .select({
        id: shipmentStatusLog.id,
        fromStatus: shipmentStatusLog.fromStatus,
        toStatus: shipmentStatusLog.toStatus,
        actor: shipmentStatusLog.actor,
        actorId: shipmentStatusLog.actorId,
        reasonCode: shipmentStatusLog.reasonCode,
        reasonParams: shipmentStatusLog.reasonParams,
        reason: shipmentStatusLog.reason,
        requestId: shipmentStatusLog.requestId,
        createdAt: shipmentStatusLog.createdAt,
        shipmentId: shipments.id,
        trackingNo: shipments.trackingNo,
      })
      .from(shipmentStatusLog)
      .innerJoin(shipments, eq(shipments.id, shipmentStatusLog.shipmentId))
      .where(eq(shipments.orderId, orderId)),
    db
      .select({ checkpoint: shipmentCheckpoints, shipmentId: shipments.id, trackingNo: shipments.trackingNo })
      .from(shipmentCheckpoints)
      .innerJoin(shipments, eq(shipments.id, shipmentCheckpoints.shipmentId))
      .where(and(eq(shipments.orderId, orderId), isNotNull(shipmentCheckpoints.recordedAt), eq(shipmentCheckpoints.skipped, false))),
  ]);
  return {
    statusLog,
    checkpoints: checkpoints.map(({ checkpoint: cp, shipmentId, trackingNo }) => {
      const text = describeCheckpoint({ kind: cp.kind, city: cp.city, cityEn: cp.cityEn, facility: cp.facility, next: cp.next, signer: cp.signer, note: cp.note });
      return { id: cp.id, kind: cp.kind, status: cp.status, at: cp.eventAt, shipmentId, trackingNo, textEn: text.en, textZh: text.zh };
    }),
  };
}

/** The shipment of an order as the admin order page links it (null before one exists). */
export async function shipmentLinkOfOrder(db: DbOrTx, orderId: string) {
  const [row] = await db
    .select({
      id: shipments.id,
      trackingNo: shipments.trackingNo,
      logisticsSn: shipments.logisticsSn,
      status: shipments.status,
      serviceLevel: shipments.serviceLevel,
      carrierCode: carriers.code,
      carrierNameEn: carriers.nameEn,
      carrierNameZh: carriers.nameZh,
      serviceNameEn: carrierServiceLevels.nameEn,
      serviceNameZh: carrierServiceLevels.nameZh,
    })
    .from(shipments)
    .innerJoin(carriers, eq(carriers.id, shipments.carrierId))
    .innerJoin(carrierServiceLevels, and(eq(carrierServiceLevels.carrierId, shipments.carrierId), eq(carrierServiceLevels.code, shipments.serviceLevel)))
    .where(eq(shipments.orderId, orderId));
  return row ?? null;
}
