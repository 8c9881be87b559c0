import { and, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { couriers, shipmentCheckpoints, shipments } from "@/server/db/schema";
import type { ActorRef } from "@/server/domain/order";
import { DomainError } from "@/server/errors";
import {
  insertAdminEvent,
  insertPlanned,
  lastRecorded,
  nextSeq,
  pendingCheckpoints,
  realDueAt,
  recordDueCheckpoints,
  simulatedNow,
  skipPending,
  type CheckpointRow,
} from "./checkpoint.service";
import { releaseCourier } from "./courier.service";
import type { LogisticsSettings } from "./logistics.settings";
import { isTerminalShipmentStatus, type ShipmentStatus } from "./shipment.machine";
import { ensureCourier, transitionShipment, type ShipmentRow, type ShipmentTransition } from "./shipment.service";
import { locate } from "./geography/geography";
import { STATUS_AFTER, deliveryStation, planRedelivery, planTrajectory } from "./trajectory/planner";

/**
 * Admin simulation actions on a shipment. Each runs inside the caller's transaction with the
 * shipment row locked and returns the status moves for the order side to mirror.
 */
type Ctx = { shipment: ShipmentRow; now: Date; by: ActorRef; settings: LogisticsSettings; seed: number };
type Result = { shipment: ShipmentRow; transitions: ShipmentTransition[] };

/**
 * Makes `target` (and anything planned before it) happen now: that is how "advance" and
 * "mark delivered" skip the wait. The rest of the plan keeps its times: it is still ahead, in
 * order and within working hours, and the shipment's clock is not moved. A target already due
 * is simply recorded.
 */
async function bringForward(tx: Tx, shipment: ShipmentRow, target: CheckpointRow, now: Date): Promise<ShipmentRow> {
  if (target.dueAt <= now) return shipment;
  await tx
    .update(shipmentCheckpoints)
    .set({ dueAt: now })
    .where(
      and(
        eq(shipmentCheckpoints.shipmentId, shipment.id),
        isNull(shipmentCheckpoints.recordedAt),
        eq(shipmentCheckpoints.skipped, false),
        lte(shipmentCheckpoints.seq, target.seq!),
        gt(shipmentCheckpoints.dueAt, now),
      ),
    );
  return shipment;
}

function assertMoving(status: ShipmentStatus) {
  if (status === "created") throw new DomainError("NOTHING_TO_ADVANCE", "Ship the parcel first");
  if (status === "exception") throw new DomainError("INVALID_TRANSITION", "Resolve the exception first");
  if (isTerminalShipmentStatus(status)) throw new DomainError("NOTHING_TO_ADVANCE", `The shipment is already ${status}`);
}

/** Records the next planned checkpoint now (the rest of the plan keeps its times). */
export async function advanceShipment(tx: Tx, { shipment, now, by, settings }: Ctx): Promise<Result> {
  assertMoving(shipment.status);
  const [next] = await pendingCheckpoints(tx, shipment.id);
  if (!next) throw new DomainError("NOTHING_TO_ADVANCE", "No further checkpoint is planned");
  let current = shipment;
  if (next.kind === "out_for_delivery" && !current.courierId) {
    current = await ensureCourier(tx, { shipment: current, strategy: settings.assignmentStrategy });
    if (!current.courierId) throw new DomainError("NO_COURIER_AVAILABLE", "No courier is on duty in the destination area; add or assign one first");
  }
  current = await bringForward(tx, current, next, now);
  return recordDueCheckpoints(tx, { shipment: current, now, by, strategy: settings.assignmentStrategy });
}

/**
 * Delivers the parcel now, signed for by `signer`: planned failed attempts and faults still
 * ahead are dropped, the remaining scans are recorded in order, ending with the delivery.
 * Idempotent on an already delivered shipment.
 */
export async function markDelivered(tx: Tx, { shipment, now, by, settings, signer }: Ctx & { signer: string }): Promise<Result> {
  if (shipment.status === "delivered") return { shipment, transitions: [] };
  assertMoving(shipment.status);
  const pending = await pendingCheckpoints(tx, shipment.id);
  const deliveredAt = pending.findIndex((cp) => cp.kind === "delivered");
  const upTo = deliveredAt >= 0 ? pending.slice(0, deliveredAt + 1) : pending;
  const keep = upTo.filter((cp) => !["delivery_failed", "returned", "exception_address", "exception_lost"].includes(cp.kind));
  // One out-for-delivery scan before the delivery: the last one.
  const lastOut = keep.map((cp) => cp.kind).lastIndexOf("out_for_delivery");
  const kept = keep.filter((cp, i) => cp.kind !== "out_for_delivery" || i === lastOut);
  await skipPending(
    tx,
    shipment.id,
    pending.filter((cp) => !kept.includes(cp)).map((cp) => cp.id),
  );
  let target = kept.find((cp) => cp.kind === "delivered");
  if (!target) {
    // The plan ended elsewhere (lost or returned): add the final mile, on the simulated clock
    // after whatever is still planned (recorded scans are already behind it).
    const base = Math.max(simulatedNow(shipment, now).getTime(), ...kept.map((cp) => cp.eventAt.getTime()));
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const dest = locate(shipment.destination);
    const place = { province: dest.province, city: dest.city, cityEn: dest.nameEn, facility: deliveryStation(dest, shipment.destination.district) };
    const needOut = shipment.status !== "out_for_delivery" && !kept.some((cp) => cp.kind === "out_for_delivery");
    const extra = [
      ...(needOut ? [{ ...place, kind: "out_for_delivery" as const, status: STATUS_AFTER.out_for_delivery, at: at(10) }] : []),
      { ...place, kind: "delivered" as const, status: STATUS_AFTER.delivered, at: at(40) },
    ];
    await insertPlanned(tx, shipment, extra, await nextSeq(tx, shipment.id));
    target = (await pendingCheckpoints(tx, shipment.id)).find((cp) => cp.kind === "delivered")!;
  }
  await tx.update(shipmentCheckpoints).set({ signer }).where(eq(shipmentCheckpoints.id, target.id));
  const current = await bringForward(tx, shipment, target, now);
  const result = await recordDueCheckpoints(tx, { shipment: current, now, by, strategy: settings.assignmentStrategy, ignoreCourier: true });
  if (result.shipment.status !== "delivered") throw new DomainError("CONCURRENT_UPDATE", "The shipment could not be delivered; try again");
  return result;
}

/**
 * Records a failed delivery attempt now (the parcel must be out for delivery) and plans the
 * next round: out for delivery on the next working day, or back to the sender once the
 * configured number of attempts is used up.
 */
export async function recordFailedAttempt(tx: Tx, { shipment, now, by, settings, seed, note }: Ctx & { note?: string }): Promise<Result> {
  await insertAdminEvent(tx, { shipment, kind: "delivery_failed", status: "delivery_attempt_failed", now, note });
  const attempts = shipment.failedAttempts + 1;
  const updated = await transitionShipment(tx, { shipment, to: "delivery_attempt_failed", by, patch: { failedAttempts: attempts, lastScanAt: now } });
  await skipPending(tx, shipment.id);
  const planned = planRedelivery({
    seed,
    logisticsSn: shipment.logisticsSn,
    attempt: attempts,
    from: simulatedNow(shipment, now),
    destination: shipment.destination,
    workingHours: { start: settings.workingHourStart, end: settings.workingHourEnd },
    giveUp: attempts >= settings.maxDeliveryAttempts,
  });
  await insertPlanned(tx, updated, planned, await nextSeq(tx, shipment.id));
  return { shipment: updated, transitions: [{ from: shipment.status, to: "delivery_attempt_failed" }] };
}

/** Raises an exception (address problem, lost, damaged…): the parcel is held until resolved. */
export async function raiseException(
  tx: Tx,
  { shipment, now, by, kind, note }: Ctx & { kind: "address" | "lost" | "damaged" | "other"; note: string },
): Promise<Result> {
  if (shipment.status === "exception") throw new DomainError("INVALID_TRANSITION", "The shipment already has an open exception");
  await insertAdminEvent(tx, { shipment, kind: "exception_raised", status: "exception", now, note });
  const updated = await transitionShipment(tx, {
    shipment,
    to: "exception",
    by,
    patch: { exceptionKind: kind, exceptionNote: note, statusBeforeException: shipment.status, lastScanAt: now },
  });
  return { shipment: updated, transitions: [{ from: shipment.status, to: "exception" }] };
}

/**
 * Resolves an open exception: `resume` puts the parcel back where it stood and moves the rest
 * of the plan past now (by whole days, so working hours still hold; a parcel with no plan left
 * gets a fresh route from where it is); `return_to_sender` and `lost` end the journey.
 */
export async function resolveException(
  tx: Tx,
  { shipment, now, by, settings, seed, resolution, note }: Ctx & { resolution: "resume" | "return_to_sender" | "lost"; note?: string },
): Promise<Result> {
  if (shipment.status !== "exception") throw new DomainError("INVALID_TRANSITION", "The shipment has no open exception");
  const clearing = { exceptionKind: null, exceptionNote: null, statusBeforeException: null, lastScanAt: now };
  if (resolution !== "resume") {
    const to = resolution === "lost" ? "lost" : "returned_to_sender";
    await skipPending(tx, shipment.id);
    await insertAdminEvent(tx, { shipment, kind: resolution === "lost" ? "lost_confirmed" : "returned", status: to, now, note });
    const updated = await transitionShipment(tx, { shipment, to, by, patch: { lastScanAt: now } });
    return { shipment: updated, transitions: [{ from: "exception", to }] };
  }

  const to: ShipmentStatus = shipment.statusBeforeException ?? "in_transit";
  await insertAdminEvent(tx, { shipment, kind: "exception_resolved", status: to, now, note });
  // The rest of the plan is on the shipment's simulated clock: move it past the present there.
  const simNow = simulatedNow(shipment, now);
  const updated = await transitionShipment(tx, { shipment, to, by, patch: clearing });
  const pending = await pendingCheckpoints(tx, shipment.id);
  if (pending.length > 0) {
    const gapMs = pending[0]!.eventAt.getTime() - (simNow.getTime() + 30 * 60_000);
    if (gapMs < 0) {
      const shiftMs = Math.ceil(-gapMs / 86_400_000) * 86_400_000;
      for (const cp of pending) {
        const eventAtShifted = new Date(cp.eventAt.getTime() + shiftMs);
        await tx
          .update(shipmentCheckpoints)
          .set({ eventAt: eventAtShifted, dueAt: realDueAt(updated, eventAtShifted) })
          .where(eq(shipmentCheckpoints.id, cp.id));
      }
    }
  } else if (to !== "created") {
    const last = (await lastRecorded(tx, shipment.id))!;
    const fresh = planTrajectory({
      seed,
      logisticsSn: `${shipment.logisticsSn}:resume:${await nextSeq(tx, shipment.id)}`,
      origin: { province: last.province, city: last.city, district: shipment.destination.district, facility: last.facility },
      destination: shipment.destination,
      pickupAt: new Date(simNow.getTime() + 30 * 60_000),
      speed: "standard",
      workingHours: { start: settings.workingHourStart, end: settings.workingHourEnd },
      faults: { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0, maxDeliveryAttempts: settings.maxDeliveryAttempts },
    });
    await insertPlanned(tx, updated, fresh.checkpoints.slice(1), await nextSeq(tx, shipment.id));
  }
  return { shipment: updated, transitions: [{ from: "exception", to }] };
}

/** Assigns a courier by hand (or by the configured strategy when none is named), freeing the previous one. */
export async function assignShipmentCourier(tx: Tx, { shipment, settings, courierId }: Ctx & { courierId?: string }): Promise<ShipmentRow> {
  if (isTerminalShipmentStatus(shipment.status)) throw new DomainError("INVALID_TRANSITION", `The shipment is already ${shipment.status}`);
  if (!courierId) return ensureCourier(tx, { shipment, strategy: settings.assignmentStrategy });
  if (courierId === shipment.courierId) return shipment;
  const [booked] = await tx
    .update(couriers)
    .set({ currentLoad: sql`${couriers.currentLoad} + 1`, lastAssignedAt: new Date() })
    .where(and(eq(couriers.id, courierId), eq(couriers.carrierId, shipment.carrierId), eq(couriers.status, "active")))
    .returning();
  if (!booked) throw new DomainError("NO_COURIER_AVAILABLE", "That courier is off duty or works for another carrier", { courierId: ["Choose an active courier of this carrier"] });
  await releaseCourier(tx, shipment.courierId);
  const [row] = await tx.update(shipments).set({ courierId }).where(and(eq(shipments.id, shipment.id), isNull(shipments.deliveredAt))).returning();
  return row ?? shipment;
}
