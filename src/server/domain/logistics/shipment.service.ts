import { and, eq, sql } from "drizzle-orm";
import { because } from "@/lib/audit-reasons";
import { statusLogReason } from "@/server/audit/reason";
import type { DbOrTx, Tx } from "@/server/db/client";
import { insertBeforeCommit } from "@/server/db/commit-batch";
import { placeholderRows, placeholderSet, prepared } from "@/server/db/prepared";
import { orderItems, orders, shipmentCheckpoints, shipmentStatusLog, shipments, type AddressSnapshot } from "@/server/db/schema";
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
  const [row] = await prepared(tx, "lock-shipment", (d) =>
    d.select().from(shipments).where(eq(shipments.id, sql.placeholder("shipmentId"))).for("update").prepare("lock_shipment"),
  ).execute({ shipmentId });
  if (!row) throw new DomainError("SHIPMENT_NOT_FOUND", "Shipment not found");
  return row;
}

export async function findShipmentByOrder(db: DbOrTx, orderId: string): Promise<ShipmentRow | null> {
  const [row] = await prepared(db, "shipment-by-order", (d) =>
    d.select().from(shipments).where(eq(shipments.orderId, sql.placeholder("orderId"))).prepare("shipment_by_order"),
  ).execute({ orderId });
  return row ?? null;
}

/**
 * The one place a shipment's status changes: checks the move against the transition table,
 * applies it with a conditional update (`WHERE status = $from`), frees the courier's slot on a
 * terminal status and writes the status log row, all inside the caller's transaction.
 */
export async function transitionShipment(
  tx: Tx,
  { shipment, to, by, patch = {}, userId }: { shipment: ShipmentRow; to: ShipmentStatus; by: ActorRef; patch?: ShipmentPatch; /** The order's shopper, when the caller has the order: no read for the event. */ userId?: string },
): Promise<ShipmentRow> {
  const from = shipment.status;
  assertShipmentTransition(from, to);
  const updated = await updateShipmentFrom(tx, { shipmentId: shipment.id, from, set: { ...patch, status: to } });
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
  await emitShipmentEvent(tx, updated, from, userId);
  return updated;
}

/** One scan of a parcel: the status it leaves the shipment in (the same one for a scan that moves nothing) and what it changes. */
export type ShipmentStep = { to: ShipmentStatus; patch: ShipmentPatch };

/**
 * Several scans of one shipment applied at once (the row locked by the caller), as
 * transitionShipment would apply them one by one: every status move is checked against the
 * transition table in order and gets its status-log row and its event (with the shipment as it
 * stood after that move), a terminal status frees the courier's slot; the row itself is written
 * once, in its final state, with a conditional update on the status it had (`WHERE status =
 * $first`). A route recorded in one go (the checkpoint sweep at a large time scale) costs one
 * update instead of one per scan.
 */
export async function applyShipmentSteps(
  tx: Tx,
  { shipment, steps, by, userId }: { shipment: ShipmentRow; steps: ShipmentStep[]; by: ActorRef; userId?: string },
): Promise<{ shipment: ShipmentRow; transitions: ShipmentTransition[] }> {
  if (steps.length === 0) return { shipment, transitions: [] };
  let current = shipment;
  let patch: ShipmentPatch = {};
  const moves: { from: ShipmentStatus; after: ShipmentRow }[] = [];
  for (const step of steps) {
    const from = current.status;
    if (step.to !== from) assertShipmentTransition(from, step.to);
    current = { ...current, ...step.patch, status: step.to } as ShipmentRow;
    patch = { ...patch, ...step.patch };
    if (step.to !== from) moves.push({ from, after: current });
  }
  const updated = await updateShipmentFrom(tx, { shipmentId: shipment.id, from: shipment.status, set: { ...patch, status: current.status } });
  if (!updated) throw new DomainError("CONCURRENT_UPDATE", "The shipment changed while we were updating it; try again");
  if (moves.some((m) => isTerminalShipmentStatus(m.after.status))) await releaseCourier(tx, updated.courierId);
  const knownUserId = userId ?? (moves.length ? await shopperOf(tx, shipment.orderId) : undefined);
  for (const { from, after } of moves) {
    await insertBeforeCommit(tx, shipmentStatusLog, {
      shipmentId: shipment.id,
      fromStatus: from,
      toStatus: after.status,
      actor: by.actor,
      actorId: by.actorId ?? null,
      ...statusLogReason(by),
      requestId: currentRequestContext()?.requestId ?? null,
    });
    await emitShipmentEvent(tx, after, from, knownUserId);
  }
  return { shipment: updated, transitions: moves.map((m) => ({ from: m.from, to: m.after.status })) };
}

/**
 * The conditional update every status move of a shipment goes through (`WHERE status = $from`),
 * built once per shape of the change (placeholderSet; `updated_at` given, or the update default
 * would keep the build's time). Undefined when the shipment was no longer in `from`.
 */
async function updateShipmentFrom(tx: Tx, { shipmentId, from, set }: { shipmentId: string; from: ShipmentStatus; set: ShipmentPatch & { status: ShipmentStatus } }): Promise<ShipmentRow | undefined> {
  const full = { ...set, updatedAt: set.updatedAt ?? new Date() };
  const shaped = placeholderSet(full);
  let row: ShipmentRow | undefined;
  if (!shaped) {
    [row] = await tx.update(shipments).set(full).where(sql`${shipments.id} = ${shipmentId} and ${shipments.status} = ${from}`).returning();
  } else {
    [row] = await prepared(tx, `update-shipment-from:${shaped.shape}`, (d) =>
      d
        .update(shipments)
        .set(shaped.set)
        .where(sql`${shipments.id} = ${sql.placeholder("shipmentId")} and ${shipments.status} = ${sql.placeholder("from")}`)
        .returning()
        .prepare("update_shipment_from"),
    ).execute({ ...shaped.values, shipmentId, from });
  }
  const opensException = set.status === "exception" && from !== "exception";
  const closesException = from === "exception" && set.status !== "exception";
  if (row && (opensException || closesException)) await holdPlan(tx, { shipmentId, held: opensException });
  return row;
}

/**
 * Puts a parcel's planned checkpoints on hold while it has an open exception, and releases them
 * when it closes. Nothing of a held plan can happen (dueCheckpoints), and leaving it in the due
 * index made the recording sweep walk past every held parcel's overdue checkpoints on each claim:
 * 5 % of a simulation's parcels, a cost that grew with every order the shop had made.
 */
async function holdPlan(tx: Tx, { shipmentId, held }: { shipmentId: string; held: boolean }): Promise<void> {
  if (held) {
    await prepared(tx, "hold-plan", (d) =>
      d
        .update(shipmentCheckpoints)
        .set({ held: true })
        .where(sql`${shipmentCheckpoints.shipmentId} = ${sql.placeholder("shipmentId")} and ${shipmentCheckpoints.recordedAt} is null and not ${shipmentCheckpoints.skipped}`)
        .prepare("hold_plan"),
    ).execute({ shipmentId });
    return;
  }
  // Every held one, also those the resolution has just skipped (returned, lost).
  await prepared(tx, "release-plan", (d) =>
    d
      .update(shipmentCheckpoints)
      .set({ held: false })
      .where(sql`${shipmentCheckpoints.shipmentId} = ${sql.placeholder("shipmentId")} and ${shipmentCheckpoints.held}`)
      .prepare("release_plan"),
  ).execute({ shipmentId });
}

/** The order's shopper, for a shipment event whose caller does not know it. */
async function shopperOf(tx: Tx, orderId: string): Promise<string> {
  const [row] = await prepared(tx, "order-shopper", (d) =>
    d.select({ userId: orders.userId }).from(orders).where(eq(orders.id, sql.placeholder("orderId"))).prepare("order_shopper"),
  ).execute({ orderId });
  return row!.userId;
}

/** The shipment's `shop/shipment.status-changed` outbox event (from = null on creation); the order's owner is read unless the caller knows it. */
async function emitShipmentEvent(tx: Tx, shipment: ShipmentRow, from: ShipmentStatus | null, knownUserId?: string) {
  const userId = knownUserId ?? (await shopperOf(tx, shipment.orderId));
  const onTime = shipment.status === "delivered" && shipment.promisedAt && shipment.deliveredAt ? { onTime: shipment.deliveredAt <= shipment.promisedAt } : {};
  await enqueueEvent(tx, "shop/shipment.status-changed", { shipmentId: shipment.id, orderId: shipment.orderId, userId, from, to: shipment.status, ...onTime });
}

/** An order's lines as a parcel is made from them. */
function parcelLinesOf(tx: Tx, orderId: string) {
  return prepared(tx, "parcel-lines", (d) =>
    d
      .select({ productId: orderItems.productId, quantity: orderItems.quantity, unitPriceMinor: orderItems.unitPriceMinor })
      .from(orderItems)
      .where(eq(orderItems.orderId, sql.placeholder("orderId")))
      .prepare("parcel_lines"),
  ).execute({ orderId });
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
  const [existing, items] = await Promise.all([findShipmentByOrder(tx, order.id), parcelLinesOf(tx, order.id)]);
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

  // The courier is booked first and goes into the insert (no second write of the new row); the
  // order row is locked by the caller, so the insert below conflicts only when a caller forgot
  // to lock it — then the booking is given back.
  const courier = await assignCourier(tx, { carrierId: carrier.id, destination, strategy });
  // Built once per shape of the row (placeholderRows: a shipment without a courier has a literal null).
  const row = placeholderRows([
    {
      orderId: order.id,
      courierId: courier?.id ?? null,
      logisticsSn,
      trackingNo,
      carrierId: carrier.id,
      serviceLevel: level.code,
      status: "created" as const,
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
    },
  ])!;
  const [inserted] = await prepared(tx, `insert-shipment:${row.shape}`, (d) =>
    d.insert(shipments).values(row.rows).onConflictDoNothing({ target: shipments.orderId }).returning().prepare("insert_shipment"),
  ).execute(row.values);
  if (!inserted) {
    await releaseCourier(tx, courier?.id ?? null);
    return { shipment: (await findShipmentByOrder(tx, order.id))!, created: false };
  }

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
  return { shipment: inserted, created: true };
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
  const parcel = await parcelFor(tx, await parcelLinesOf(tx, shipment.orderId));
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
