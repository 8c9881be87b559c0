import { and, eq, sql } from "drizzle-orm";
import { because } from "@/lib/audit-reasons";
import { statusLogReason } from "@/server/audit/reason";
import type { DbOrTx, Tx } from "@/server/db/client";
import { insertBeforeCommit } from "@/server/db/commit-batch";
import { orderItems, orders, shipmentStatusLog, shipments, type AddressSnapshot } from "@/server/db/schema";
import type { ActorRef } from "@/server/domain/order";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { currentRequestContext } from "@/server/observability/request-context";
import { findOfferedServiceLevel, findServiceLevel, pricingOf, trackingFormatOf } from "./carrier.service";
import { assignCourier, releaseCourier } from "./courier.service";
import { actualWeightGrams, calculateFee, volumetricWeightGrams } from "./fee-calculator";
import { zoneBetween } from "./geography/geography";
import type { LogisticsSettings } from "./logistics.settings";
import { parcelFor, quoteOptions } from "./quote.service";
import { assertShipmentTransition, isTerminalShipmentStatus, type ShipmentStatus } from "./shipment.machine";
import { formatTrackingNumber } from "./tracking-number";

export type ShipmentRow = typeof shipments.$inferSelect;
export type ShipmentTransition = { from: ShipmentStatus; to: ShipmentStatus };
export type ShipmentPatch = Partial<Omit<typeof shipments.$inferInsert, "id" | "orderId" | "status">>;

/** Locks a shipment row for the rest of the transaction; SHIPMENT_NOT_FOUND otherwise. */
export async function lockShipment(tx: Tx, shipmentId: string): Promise<ShipmentRow> {
  const [row] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for("update");
  if (!row) throw new DomainError("SHIPMENT_NOT_FOUND", "Shipment not found");
  return row;
}

export async function findShipmentByOrder(db: DbOrTx, orderId: string): Promise<ShipmentRow | null> {
  const [row] = await db.select().from(shipments).where(eq(shipments.orderId, orderId));
  return row ?? null;
}

/**
 * The one place a shipment's status changes: checks the move against the transition table,
 * applies it with a conditional update (`WHERE status = $from`), frees the courier's slot on a
 * terminal status and writes the status log row, all inside the caller's transaction.
 */
export async function transitionShipment(
  tx: Tx,
  { shipment, to, by, patch = {} }: { shipment: ShipmentRow; to: ShipmentStatus; by: ActorRef; patch?: ShipmentPatch },
): Promise<ShipmentRow> {
  const from = shipment.status;
  assertShipmentTransition(from, to);
  const [updated] = await tx
    .update(shipments)
    .set({ ...patch, status: to })
    .where(sql`${shipments.id} = ${shipment.id} and ${shipments.status} = ${from}`)
    .returning();
  if (!updated) throw new DomainError("CONCURRENT_UPDATE", "The shipment changed while we were updating it; try again");
  if (isTerminalShipmentStatus(to)) await releaseCourier(tx, updated.courierId);
  await insertBeforeCommit(tx, shipmentStatusLog, {
    shipmentId: shipment.id,
    fromStatus: from,
    toStatus: to,
    actor: by.actor,
    actorId: by.actorId ?? null,
    ...statusLogReason(by),
    requestId: currentRequestContext()?.requestId ?? null,
  });
  await emitShipmentEvent(tx, updated, from);
  return updated;
}

/** The shipment's `shop/shipment.status-changed` outbox event (from = null on creation); the order's owner is read unless the caller knows it. */
async function emitShipmentEvent(tx: Tx, shipment: ShipmentRow, from: ShipmentStatus | null, knownUserId?: string) {
  const userId = knownUserId ?? (await tx.select({ userId: orders.userId }).from(orders).where(eq(orders.id, shipment.orderId)))[0]!.userId;
  const onTime = shipment.status === "delivered" && shipment.promisedAt && shipment.deliveredAt ? { onTime: shipment.deliveredAt <= shipment.promisedAt } : {};
  await enqueueEvent(tx, "shop/shipment.status-changed", { shipmentId: shipment.id, orderId: shipment.orderId, userId, from, to: shipment.status, ...onTime });
}

function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
}

export type ShippableOrder = {
  id: string;
  /** The shopper (for the shipment's event); read from the order when not given. */
  userId?: string;
  status: string;
  carrierCode: string | null;
  serviceLevel: string | null;
  shippingFeeMinor: number;
  currency: string;
  shippingAddress: AddressSnapshot;
};

/**
 * Creates the shipment of a PAID order (call with the order row locked). Idempotent: an order
 * has at most one shipment (unique order_id), and a second call returns the first. The carrier
 * is the one the shopper chose at checkout (the cheapest enabled one for older orders); the fee
 * is what the shopper paid; weights are recomputed from the catalog. A courier in the
 * destination area is booked when one is free; otherwise the shipment waits unassigned.
 */
export async function createShipment(
  tx: Tx,
  { order, strategy, by, now = new Date() }: { order: ShippableOrder; strategy: LogisticsSettings["assignmentStrategy"]; by: ActorRef; now?: Date },
): Promise<{ shipment: ShipmentRow; created: boolean }> {
  // The items go out with the check for an existing shipment (one round trip; read for nothing
  // only when the shipment exists, which the sweeps that create shipments rarely meet).
  const [existing, items] = await Promise.all([
    findShipmentByOrder(tx, order.id),
    tx
      .select({ productId: orderItems.productId, quantity: orderItems.quantity, unitPriceMinor: orderItems.unitPriceMinor })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id)),
  ]);
  if (existing) return { shipment: existing, created: false };
  if (order.status !== "paid") throw new DomainError("ORDER_NOT_SHIPPABLE", `Only paid orders are shipped (this one is ${order.status})`);

  // The numbers are drawn with the parcel's catalog read (one round trip); a shipment refused
  // below leaves a gap in the sequences, as a rolled-back one always did.
  const [parcel, [{ sn, serial }]] = await Promise.all([
    parcelFor(tx, items),
    tx.execute(sql`select nextval('logistics_sn_seq')::int as sn, nextval('tracking_serial_seq')::int as serial`) as unknown as Promise<[{ sn: number; serial: number }]>,
  ]);
  const destination = order.shippingAddress;

  let found = order.carrierCode && order.serviceLevel ? await findOfferedServiceLevel(tx, { carrierCode: order.carrierCode, serviceLevel: order.serviceLevel }) : null;
  if (!found) {
    const [cheapest] = await quoteOptions(tx, { parcel, destination });
    if (cheapest) found = await findOfferedServiceLevel(tx, cheapest);
  }
  if (!found) throw new DomainError("NO_SHIPPING_OPTION", "No carrier is available for this order");
  const { carrier, level } = found;

  const zone = zoneBetween(parcel.origin, destination);
  const breakdown = calculateFee({ pricing: pricingOf(level), zone, lines: parcel.lines, itemsTotalMinor: parcel.itemsTotalMinor });
  const logisticsSn = `LG${chinaDate(now)}${String(sn).padStart(8, "0")}`;
  const trackingNo = formatTrackingNumber(trackingFormatOf(carrier), serial, carrier.code.length * 131 + carrier.code.charCodeAt(0));

  const [inserted] = await tx
    .insert(shipments)
    .values({
      orderId: order.id,
      logisticsSn,
      trackingNo,
      carrierId: carrier.id,
      serviceLevel: level.code,
      status: "created",
      warehouseId: parcel.origin.warehouseId,
      origin: {
        warehouseCode: parcel.origin.warehouseCode,
        name: parcel.origin.name,
        province: parcel.origin.province,
        city: parcel.origin.city,
        district: parcel.origin.district,
      },
      destination,
      zone,
      actualWeightGrams: actualWeightGrams(parcel.lines),
      volumetricWeightGrams: volumetricWeightGrams(parcel.lines, level.volumetricDivisor),
      chargeableWeightGrams: breakdown.chargeableWeightGrams,
      feeMinor: order.shippingFeeMinor,
      currency: order.currency,
    })
    .onConflictDoNothing({ target: shipments.orderId })
    .returning();
  if (!inserted) return { shipment: (await findShipmentByOrder(tx, order.id))!, created: false };

  await insertBeforeCommit(tx, shipmentStatusLog, {
    shipmentId: inserted.id,
    fromStatus: null,
    toStatus: "created",
    actor: by.actor,
    actorId: by.actorId ?? null,
    ...statusLogReason({ reason: by.reason ?? because("shipment.created"), note: by.note }),
    requestId: currentRequestContext()?.requestId ?? null,
  });
  await emitShipmentEvent(tx, inserted, null, order.userId);
  const courier = await assignCourier(tx, { carrierId: carrier.id, destination, strategy });
  if (!courier) return { shipment: inserted, created: true };
  const [withCourier] = await tx.update(shipments).set({ courierId: courier.id }).where(eq(shipments.id, inserted.id)).returning();
  return { shipment: withCourier!, created: true };
}

/** Books a courier for an unassigned shipment (idempotent: an assigned one is returned as is). */
export async function ensureCourier(tx: Tx, { shipment, strategy }: { shipment: ShipmentRow; strategy: LogisticsSettings["assignmentStrategy"] }): Promise<ShipmentRow> {
  if (shipment.courierId || isTerminalShipmentStatus(shipment.status)) return shipment;
  const courier = await assignCourier(tx, { carrierId: shipment.carrierId, destination: shipment.destination, strategy });
  if (!courier) return shipment;
  const [row] = await tx.update(shipments).set({ courierId: courier.id }).where(eq(shipments.id, shipment.id)).returning();
  return row!;
}

/** Cancels a shipment that never left the warehouse (refund before pickup). Idempotent; CONFLICT once picked up. */
export async function cancelShipment(tx: Tx, { shipment, by }: { shipment: ShipmentRow; by: ActorRef }): Promise<ShipmentRow> {
  if (shipment.status === "cancelled") return shipment;
  return transitionShipment(tx, { shipment, to: "cancelled", by });
}

/**
 * Moves a shipment that has not left the warehouse to another carrier or service (an admin's
 * choice when shipping): new carrier and service, a new tracking number in that carrier's
 * format, weights measured for that service, and a courier of that carrier when one is free.
 * The fee the shopper paid is kept. A no-op when nothing changes; ORDER_NOT_SHIPPABLE once the
 * parcel was picked up; NO_SHIPPING_OPTION for a disabled or unknown carrier or service.
 * Returns the shipment and, when it changed, what it was before (for the caller's audit row).
 */
export async function changeShipmentService(
  tx: Tx,
  { shipment, carrierCode, serviceLevel, strategy, now = new Date() }: { shipment: ShipmentRow; carrierCode: string; serviceLevel: string; strategy: LogisticsSettings["assignmentStrategy"]; now?: Date },
): Promise<{ shipment: ShipmentRow; before: { carrierId: string; serviceLevel: string; trackingNo: string } | null }> {
  const found = await findServiceLevel(tx, { carrierCode, serviceLevel });
  if (!found) throw new DomainError("NO_SHIPPING_OPTION", "This carrier or service is not available");
  if (found.carrier.id === shipment.carrierId && found.level.code === shipment.serviceLevel) return { shipment, before: null };
  if (shipment.status !== "created") throw new DomainError("ORDER_NOT_SHIPPABLE", `The parcel is ${shipment.status}; its carrier can no longer change`);
  const { carrier, level } = found;
  const items = await tx
    .select({ productId: orderItems.productId, quantity: orderItems.quantity, unitPriceMinor: orderItems.unitPriceMinor })
    .from(orderItems)
    .where(eq(orderItems.orderId, shipment.orderId));
  const parcel = await parcelFor(tx, items);
  const breakdown = calculateFee({ pricing: pricingOf(level), zone: shipment.zone, lines: parcel.lines, itemsTotalMinor: parcel.itemsTotalMinor });
  const [{ serial }] = (await tx.execute(sql`select nextval('tracking_serial_seq')::int as serial`)) as unknown as [{ serial: number }];
  const trackingNo = formatTrackingNumber(trackingFormatOf(carrier), serial, carrier.code.length * 131 + carrier.code.charCodeAt(0));
  if (shipment.courierId) await releaseCourier(tx, shipment.courierId);
  const courier = await assignCourier(tx, { carrierId: carrier.id, destination: shipment.destination, strategy });
  const [updated] = await tx
    .update(shipments)
    .set({
      carrierId: carrier.id,
      serviceLevel: level.code,
      trackingNo,
      volumetricWeightGrams: volumetricWeightGrams(parcel.lines, level.volumetricDivisor),
      chargeableWeightGrams: breakdown.chargeableWeightGrams,
      courierId: courier?.id ?? null,
      updatedAt: now,
    })
    .where(and(eq(shipments.id, shipment.id), eq(shipments.status, "created")))
    .returning();
  if (!updated) throw new DomainError("CONCURRENT_UPDATE", "The shipment changed while we were updating it; try again");
  return { shipment: updated, before: { carrierId: shipment.carrierId, serviceLevel: shipment.serviceLevel, trackingNo: shipment.trackingNo } };
}
