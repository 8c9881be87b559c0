import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { commitOrderStock, restockOrder } from "@/server/domain/inventory";
import {
  advanceShipment,
  assignShipmentCourier,
  cancelShipment,
  changeShipmentService,
  createShipment,
  findShipmentByOrder,
  lockShipment,
  logisticsSettings,
  markDelivered,
  pickUpShipment,
  raiseException,
  recordDueCheckpoints,
  recordFailedAttempt,
  resolveException,
  type LogisticsSettings,
  type ShipmentRow,
  type ShipmentTransition,
} from "@/server/domain/logistics";
import { lockOrder, patchOrderMirrors, recordOrderAdminAction, transitionOrder, type ActorRef } from "@/server/domain/order";
import { simulationSettings } from "@/server/domain/simulation";
import { DomainError } from "@/server/errors";

/**
 * Cross-module use cases of a shipment: each runs in ONE transaction that locks the order row
 * first and the shipment row second (the same order everywhere, so flows never deadlock each
 * other), applies the logistics operation and mirrors it onto the order:
 *   every status change → orders.logistics_status (and logistics_sn on creation);
 *   picked up → order shipped + stock committed;  delivered → order delivered;
 *   returned to sender → goods back on the shelf.
 */
type OrderRow = Awaited<ReturnType<typeof lockOrder>>;

/**
 * Mirrors shipment status moves onto the order, inside the caller's transaction. `order` is the
 * row the caller locked in it (no second read); the mirror columns are written only where the
 * moves left them behind.
 */
export async function mirrorShipmentOnOrder(
  tx: Tx,
  { order, shipment, transitions, by }: { order: OrderRow; shipment: ShipmentRow; transitions: ShipmentTransition[]; by: ActorRef },
): Promise<void> {
  let orderStatus = order.status;
  let mirrored = { logisticsStatus: order.logisticsStatus, logisticsSn: order.logisticsSn };
  const locked = () => ({ ...order, status: orderStatus });
  for (const { to } of transitions) {
    if (to === "picked_up") {
      if (orderStatus !== "paid") throw new DomainError("ORDER_NOT_SHIPPABLE", `The order is ${orderStatus}; only paid orders are shipped`);
      // The order's times are the parcel's recorded times, so pages show one date for each.
      await transitionOrder(tx, { orderId: order.id, to: "shipped", by, locked: locked(), patch: { logisticsStatus: to, logisticsSn: shipment.logisticsSn, shippedAt: shipment.pickedUpAt ?? undefined } });
      mirrored = { logisticsStatus: to, logisticsSn: shipment.logisticsSn };
      await commitOrderStock(tx, order.id);
      orderStatus = "shipped";
    } else if (to === "delivered" && orderStatus === "shipped") {
      await transitionOrder(tx, { orderId: order.id, to: "delivered", by, locked: locked(), patch: { logisticsStatus: to, deliveredAt: shipment.deliveredAt ?? undefined } });
      mirrored = { ...mirrored, logisticsStatus: to };
      orderStatus = "delivered";
    } else if (to === "returned_to_sender") {
      await restockOrder(tx, order.id, "returned to sender");
    }
  }
  if (mirrored.logisticsStatus !== shipment.status || mirrored.logisticsSn !== shipment.logisticsSn) {
    await patchOrderMirrors(tx, order.id, { logisticsStatus: shipment.status, logisticsSn: shipment.logisticsSn });
  }
}

async function loadSettings(tx: Tx) {
  const [settings, sim] = await Promise.all([logisticsSettings.get(tx), simulationSettings.get(tx)]);
  return { settings, sim };
}

/**
 * Creates the shipment of a paid order and mirrors logistics_sn / logistics_status onto it.
 * Idempotent per order: a second (or concurrent) call returns the same shipment.
 */
export async function createShipmentForOrder(db: Database, { orderId, by, now = new Date() }: { orderId: string; by: ActorRef; now?: Date }) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const { settings } = await loadSettings(tx);
    const { shipment, created } = await createShipment(tx, { order, strategy: settings.assignmentStrategy, by, now });
    if (created) await patchOrderMirrors(tx, orderId, { logisticsStatus: shipment.status, logisticsSn: shipment.logisticsSn });
    return { shipment, created };
  });
}

/** A carrier and service an admin ships with instead of the order's own. */
export type ShipService = { carrierCode: string; serviceLevel: string };

/**
 * Ships a paid order: creates its shipment if needed, books a courier if one is free, picks the
 * parcel up (planning its trajectory), moves the order to shipped and commits its stock — all
 * or nothing. `service`: ship with this carrier and service instead (a new tracking number,
 * recorded as an admin action; the shopper's fee is kept). Idempotent: an order already
 * picked up is returned unchanged.
 */
export async function shipOrder(db: Database, { orderId, by, service, now = new Date() }: { orderId: string; by: ActorRef; service?: ShipService; now?: Date }) {
  return db.transaction((tx) => shipOrderInTx(tx, { orderId, by, service, now }));
}

/**
 * `shipOrder` inside the caller's transaction (sweeps that claimed the order row first: they
 * pass it as `locked`, the row as read under that lock, instead of it being read again).
 */
export async function shipOrderInTx(tx: Tx, { orderId, by, service, now, locked }: { orderId: string; by: ActorRef; service?: ShipService; now: Date; locked?: OrderRow }) {
  const order = locked?.id === orderId ? locked : await lockOrder(tx, orderId);
  const { settings, sim } = await loadSettings(tx);
  const { shipment: found, created } = await createShipment(tx, { order, strategy: settings.assignmentStrategy, by, now });
  // A shipment this transaction inserted is not visible to any other yet: no lock to take.
  let shipment = created ? found : await lockShipment(tx, found.id);
  if (shipment.status !== "created") return shipment;
  if (order.status !== "paid") throw new DomainError("ORDER_NOT_SHIPPABLE", `The order is ${order.status}; only paid orders are shipped`);
  if (service) {
    const changed = await changeShipmentService(tx, { shipment, ...service, strategy: settings.assignmentStrategy, now });
    shipment = changed.shipment;
    if (changed.before) {
      await recordOrderAdminAction(tx, {
        orderId,
        action: "service_changed",
        adminId: by.actorId ?? null,
        data: { carrierCode: service.carrierCode, serviceLevel: service.serviceLevel, trackingNo: shipment.trackingNo, previousTrackingNo: changed.before.trackingNo, previousServiceLevel: changed.before.serviceLevel },
      });
    }
  }
  const withCourier = await assignShipmentCourier(tx, { shipment, now, by, settings, seed: sim.seed });
  const picked = await pickUpShipment(tx, { shipment: withCourier, by, now, sim, settings, userId: order.userId });
  await mirrorShipmentOnOrder(tx, { order, shipment: picked.shipment, transitions: [picked.transition], by });
  return picked.shipment;
}

/**
 * Records whatever tracking checkpoints of this order's shipment are due at `now` (order and
 * shipment locked, same as the sweep). Idempotent; returns the shipment and what moved.
 */
export async function recordDueForOrder(db: Database, { orderId, by, now = new Date() }: { orderId: string; by: ActorRef; now?: Date }) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const existing = await findShipmentByOrder(tx, orderId);
    if (!existing) return null;
    const shipment = await lockShipment(tx, existing.id);
    return recordDueForShipment(tx, { order, shipment, now, by });
  });
}

type ActionContext = { shipment: ShipmentRow; now: Date; by: ActorRef; settings: LogisticsSettings; seed: number };

/** Runs an action on a shipment with order and shipment locked, then mirrors its moves onto the order. */
async function onShipment(
  db: Database,
  { shipmentId, by, now }: { shipmentId: string; by: ActorRef; now: Date },
  action: (tx: Tx, ctx: ActionContext) => Promise<{ shipment: ShipmentRow; transitions: ShipmentTransition[] }>,
) {
  return db.transaction(async (tx) => {
    const [found] = await tx.execute<{ order_id: string }>(sqlOrderOf(shipmentId));
    if (!found) throw new DomainError("SHIPMENT_NOT_FOUND", "Shipment not found");
    const order = await lockOrder(tx, found.order_id);
    const shipment = await lockShipment(tx, shipmentId);
    const { settings, sim } = await loadSettings(tx);
    const result = await action(tx, { shipment, now, by, settings, seed: sim.seed });
    if (result.transitions.length > 0) await mirrorShipmentOnOrder(tx, { order, shipment: result.shipment, transitions: result.transitions, by });
    return result.shipment;
  });
}

const sqlOrderOf = (shipmentId: string) => sql`select order_id from shipments where id = ${shipmentId}`;

type ActionInput = { shipmentId: string; by: ActorRef; now?: Date };

/** Admin: ships the order of this shipment (same as `shipOrder`). */
export async function shipShipment(db: Database, { shipmentId, by, now = new Date() }: ActionInput) {
  const [found] = await db.execute<{ order_id: string }>(sqlOrderOf(shipmentId));
  if (!found) throw new DomainError("SHIPMENT_NOT_FOUND", "Shipment not found");
  return shipOrder(db, { orderId: found.order_id, by, now });
}

/** Admin: records the next planned checkpoint now. */
export const advanceShipmentFlow = (db: Database, { shipmentId, by, now = new Date() }: ActionInput) =>
  onShipment(db, { shipmentId, by, now }, (tx, ctx) => advanceShipment(tx, ctx));

/** Admin: delivers the parcel now, signed for by `signer` (idempotent once delivered). */
export const markDeliveredFlow = (db: Database, { shipmentId, by, signer, now = new Date() }: ActionInput & { signer: string }) =>
  onShipment(db, { shipmentId, by, now }, (tx, ctx) => markDelivered(tx, { ...ctx, signer }));

/** Admin: records a failed delivery attempt and plans the next round. */
export const recordFailedAttemptFlow = (db: Database, { shipmentId, by, note, now = new Date() }: ActionInput & { note?: string }) =>
  onShipment(db, { shipmentId, by, now }, (tx, ctx) => recordFailedAttempt(tx, { ...ctx, note }));

/** Admin: raises an exception; the parcel is held until resolved. */
export const raiseExceptionFlow = (
  db: Database,
  { shipmentId, by, kind, note, now = new Date() }: ActionInput & { kind: "address" | "lost" | "damaged" | "other"; note: string },
) => onShipment(db, { shipmentId, by, now }, (tx, ctx) => raiseException(tx, { ...ctx, kind, note }));

/** Admin: resolves an exception (resume, return to sender, or confirm lost). */
export const resolveExceptionFlow = (
  db: Database,
  { shipmentId, by, resolution, note, now = new Date() }: ActionInput & { resolution: "resume" | "return_to_sender" | "lost"; note?: string },
) => onShipment(db, { shipmentId, by, now }, (tx, ctx) => resolveException(tx, { ...ctx, resolution, note }));

/** Admin: assigns a courier (a named one, or by the configured strategy). */
export const assignCourierFlow = (db: Database, { shipmentId, by, courierId, now = new Date() }: ActionInput & { courierId?: string }) =>
  onShipment(db, { shipmentId, by, now }, async (tx, ctx) => ({ shipment: await assignShipmentCourier(tx, { ...ctx, courierId }), transitions: [] }));

/** Records what is due for one shipment (order and shipment locked by the caller). */
export async function recordDueForShipment(tx: Tx, { order, shipment, now, by }: { order: OrderRow; shipment: ShipmentRow; now: Date; by: ActorRef }) {
  const { settings } = await loadSettings(tx);
  const result = await recordDueCheckpoints(tx, { shipment, now, by, strategy: settings.assignmentStrategy, userId: order.userId });
  if (result.transitions.length > 0) await mirrorShipmentOnOrder(tx, { order, shipment: result.shipment, transitions: result.transitions, by });
  return result;
}

/**
 * For a refund of an order that has not left the warehouse: cancels its shipment (if any) and
 * mirrors the status, inside the caller's transaction (order row already locked by the caller).
 * Idempotent; CONFLICT (INVALID_TRANSITION) once the parcel was picked up — then the refund
 * needs the parcel back (returned_to_sender) instead.
 */
export async function cancelShipmentOfOrder(tx: Tx, { orderId, by }: { orderId: string; by: ActorRef }): Promise<{ cancelled: boolean }> {
  const existing = await findShipmentByOrder(tx, orderId);
  if (!existing) return { cancelled: false };
  const shipment = await lockShipment(tx, existing.id);
  if (shipment.status === "cancelled") return { cancelled: false };
  const updated = await cancelShipment(tx, { shipment, by });
  await patchOrderMirrors(tx, orderId, { logisticsStatus: updated.status });
  return { cancelled: true };
}
