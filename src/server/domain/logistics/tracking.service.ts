import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { carriers, couriers, orders, shipmentCheckpoints, shipmentStatusLog, shipments } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { dueCheckpoints, type CheckpointRow } from "./checkpoint.service";
import { maskPhone } from "./courier.service";
import { provinceNameEn } from "./geography/geography";
import { isTerminalShipmentStatus, type ShipmentStatus } from "./shipment.machine";
import type { ShipmentRow } from "./shipment.service";
import { normaliseTrackingNumber } from "./tracking-number";
import { describeCheckpoint } from "./trajectory/texts";

export type TrackingEvent = {
  id: number;
  kind: CheckpointRow["kind"];
  status: ShipmentStatus;
  at: Date;
  city: string;
  cityEn: string;
  textZh: string;
  textEn: string;
};

export type TrackingView = {
  shipmentId: string;
  orderId: string;
  trackingNo: string;
  logisticsSn: string;
  status: ShipmentStatus;
  carrier: { code: string; nameEn: string; nameZh: string; logoColor: string };
  serviceLevel: string;
  origin: { province: string; city: string; provinceEn: string };
  destination: { recipient: string; phone: string; province: string; city: string; district: string; detail: string; provinceEn: string };
  courier: { name: string; phone: string } | null;
  pickedUpAt: Date | null;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  signer: string | null;
  failedAttempts: number;
  route: { city: string; cityEn: string; lat: number; lng: number; reached: boolean }[];
  events: TrackingEvent[];
};

/** 李伟 → 李*, Alexander → A*******: enough for a recipient to recognise, not to identify. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return "*";
  return chars[0] + "*".repeat(Math.min(chars.length - 1, 6));
}

type Audience = "owner" | "public" | "admin";

/**
 * The time shown for a recorded checkpoint: when it happened, which is never after it was
 * recorded (nor after `now`). Rows from before recorded times were real instants (they kept
 * the plan's simulated time) are shown at their recording instead.
 */
const shownAt = (now: Date) => (cp: CheckpointRow) => {
  const limit = Math.min(cp.recordedAt!.getTime(), now.getTime());
  return { ...cp, at: cp.eventAt.getTime() > limit ? new Date(limit) : cp.eventAt };
};

/** No delivery is expected while the parcel is held or has stopped for good. */
const isHeld = (status: ShipmentStatus) => status === "exception" || isTerminalShipmentStatus(status);

async function buildView(db: DbOrTx, shipment: ShipmentRow, audience: Audience, now: Date): Promise<TrackingView> {
  // Built once: every tracking view (the shopper's order and tracking pages, the public lookup,
  // the admin's shipment) reads these three.
  const carrierById = prepared(db, "tracking-carrier", (d) => d.select().from(carriers).where(eq(carriers.id, sql.placeholder("id"))).prepare("tracking_carrier"));
  const courierById = prepared(db, "tracking-courier", (d) => d.select().from(couriers).where(eq(couriers.id, sql.placeholder("id"))).prepare("tracking_courier"));
  const checkpointsOf = prepared(db, "tracking-checkpoints", (d) =>
    d
      .select()
      .from(shipmentCheckpoints)
      .where(eq(shipmentCheckpoints.shipmentId, sql.placeholder("shipmentId")))
      .orderBy(asc(shipmentCheckpoints.eventAt), asc(shipmentCheckpoints.id))
      .prepare("tracking_checkpoints"),
  );
  const [[carrier], courierRows, checkpoints] = await Promise.all([
    carrierById.execute({ id: shipment.carrierId }),
    shipment.courierId ? courierById.execute({ id: shipment.courierId }) : Promise.resolve([]),
    checkpointsOf.execute({ shipmentId: shipment.id }),
  ]);
  const courier = courierRows[0] ?? null;
  const pending = checkpoints.filter((cp) => !cp.recordedAt && !cp.skipped && cp.seq !== null).sort((a, b) => a.seq! - b.seq!);
  // Due but not yet recorded by the sweep: shown anyway, so tracking is right even if no timer
  // ran, at the instant the sweep will record (the real due time, which is in the past).
  const due = dueCheckpoints(pending, { now, status: shipment.status, hasCourier: Boolean(courier) });
  const visible = [...checkpoints.filter((cp) => cp.recordedAt).map(shownAt(now)), ...due.map((cp) => ({ ...cp, at: cp.dueAt }))].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id,
  );
  // The plan's delivery, as an expectation only while it is still ahead.
  const plannedDelivery = pending.find((cp) => cp.kind === "delivered" && !due.includes(cp));

  const masked = (phone: string) => maskPhone(phone);
  const events: TrackingEvent[] = visible.map((cp) => {
    const cpCourier = cp.courierName ? { name: cp.courierName, phone: cp.courierPhone ?? "" } : courier;
    const shownCourier = cpCourier ? { name: audience === "public" ? maskName(cpCourier.name) : cpCourier.name, maskedPhone: masked(cpCourier.phone) } : null;
    const text = describeCheckpoint({ kind: cp.kind, city: cp.city, cityEn: cp.cityEn, facility: cp.facility, next: cp.next, courier: shownCourier, signer: cp.signer, note: cp.note });
    return { id: cp.id, kind: cp.kind, status: cp.status, at: cp.at, city: cp.city, cityEn: cp.cityEn, textZh: text.zh, textEn: text.en };
  });
  const status = events.at(-1)?.status ?? shipment.status;
  const reachedCities = new Set(visible.map((cp) => cp.city));
  const delivered = visible.find((cp) => cp.kind === "delivered");
  const d = shipment.destination;
  const isPublic = audience === "public";
  return {
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    trackingNo: shipment.trackingNo,
    logisticsSn: shipment.logisticsSn,
    status,
    carrier: { code: carrier!.code, nameEn: carrier!.nameEn, nameZh: carrier!.nameZh, logoColor: carrier!.logoColor },
    serviceLevel: shipment.serviceLevel,
    origin: { province: shipment.origin.province, city: shipment.origin.city, provinceEn: provinceNameEn(shipment.origin.province) },
    destination: {
      recipient: isPublic ? maskName(d.recipient) : d.recipient,
      phone: isPublic ? maskPhone(d.phone) : d.phone,
      province: d.province,
      city: d.city,
      district: d.district,
      detail: isPublic ? "****" : d.detail,
      provinceEn: provinceNameEn(d.province),
    },
    courier: courier
      ? { name: isPublic ? maskName(courier.name) : courier.name, phone: audience === "admin" ? courier.phone : maskPhone(courier.phone) }
      : null,
    pickedUpAt: shipment.pickedUpAt,
    estimatedDeliveryAt: !delivered && plannedDelivery && plannedDelivery.dueAt > now && !isHeld(status) ? plannedDelivery.dueAt : null,
    deliveredAt: delivered?.at ?? null,
    signer: isPublic ? (delivered?.signer ? maskName(delivered.signer) : null) : (delivered?.signer ?? null),
    failedAttempts: shipment.failedAttempts,
    route: (shipment.route ?? []).map((p) => ({ ...p, reached: reachedCities.has(p.city) })),
    events,
  };
}

/** The tracking of a shopper's own order; SHIPMENT_NOT_FOUND for anyone else's (or none yet). */
export async function getShopperTracking(db: DbOrTx, { userId, orderId, now = new Date() }: { userId: string; orderId: string; now?: Date }) {
  const query = prepared(db, "shopper-shipment", (d) =>
    d
      .select({ shipment: shipments })
      .from(shipments)
      .innerJoin(orders, eq(orders.id, shipments.orderId))
      .where(and(eq(shipments.orderId, sql.placeholder("orderId")), eq(orders.userId, sql.placeholder("userId"))))
      .prepare("shopper_shipment"),
  );
  const [row] = await query.execute({ orderId, userId });
  if (!row) throw new DomainError("SHIPMENT_NOT_FOUND", "Shipment not found");
  return buildView(db, row.shipment, "owner", now);
}

/** Public lookup by tracking number: the trajectory with the recipient's name, phone and street masked. */
export async function trackPublic(db: DbOrTx, { trackingNo, now = new Date() }: { trackingNo: string; now?: Date }) {
  const [row] = await db.select().from(shipments).where(eq(shipments.trackingNo, normaliseTrackingNumber(trackingNo)));
  if (!row) throw new DomainError("SHIPMENT_NOT_FOUND", "No parcel with this tracking number");
  return buildView(db, row, "public", now);
}

/** Everything about a shipment for admins: the view, the full plan (future and skipped too) and the status log. */
export async function getShipmentForAdmin(db: DbOrTx, { id, now = new Date() }: { id: string; now?: Date }) {
  const [row] = await db
    .select({ shipment: shipments, orderNo: orders.orderNo, orderStatus: orders.status })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipments.id, id));
  if (!row) throw new DomainError("SHIPMENT_NOT_FOUND", "Shipment not found");
  const [view, plan, log] = await Promise.all([
    buildView(db, row.shipment, "admin", now),
    db
      .select()
      .from(shipmentCheckpoints)
      .where(and(eq(shipmentCheckpoints.shipmentId, id), isNull(shipmentCheckpoints.recordedAt), isNotNull(shipmentCheckpoints.seq)))
      .orderBy(asc(shipmentCheckpoints.seq)),
    db.select().from(shipmentStatusLog).where(eq(shipmentStatusLog.shipmentId, id)).orderBy(asc(shipmentStatusLog.id)),
  ]);
  const shown = new Set(view.events.map((e) => e.id));
  return {
    ...view,
    orderNo: row.orderNo,
    orderStatus: row.orderStatus,
    recordedStatus: row.shipment.status,
    courierId: row.shipment.courierId,
    carrierId: row.shipment.carrierId,
    zone: row.shipment.zone,
    feeMinor: row.shipment.feeMinor,
    currency: row.shipment.currency,
    actualWeightGrams: row.shipment.actualWeightGrams,
    volumetricWeightGrams: row.shipment.volumetricWeightGrams,
    chargeableWeightGrams: row.shipment.chargeableWeightGrams,
    distanceKm: row.shipment.distanceKm,
    promisedAt: row.shipment.promisedAt,
    exceptionKind: row.shipment.exceptionKind,
    exceptionNote: row.shipment.exceptionNote,
    createdAt: row.shipment.createdAt,
    upcoming: plan
      .filter((cp) => !shown.has(cp.id))
      .map((cp) => {
        const text = describeCheckpoint({ kind: cp.kind, city: cp.city, cityEn: cp.cityEn, facility: cp.facility, next: cp.next, signer: cp.signer });
        // The plan's real due time is when the step is expected; its simulated time is internal.
        return { id: cp.id, kind: cp.kind, status: cp.status, expectedAt: cp.dueAt, skipped: cp.skipped, textZh: text.zh, textEn: text.en };
      }),
    statusLog: log,
  };
}
