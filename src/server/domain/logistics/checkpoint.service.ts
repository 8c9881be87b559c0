import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { placeholderRows, prepared } from "@/server/db/prepared";
import { couriers, shipmentCheckpoints } from "@/server/db/schema";
import type { ActorRef } from "@/server/domain/order";
import { realDeadline } from "@/server/domain/simulation";
import { DomainError } from "@/server/errors";
import { getCarrier, offeredCarriers } from "./carrier.service";
import { promisedDaysFor } from "./quote.service";
import { shortCityName } from "./geography/geography";
import type { LogisticsSettings } from "./logistics.settings";
import { isTerminalShipmentStatus, type ShipmentStatus } from "./shipment.machine";
import { applyShipmentSteps, ensureCourier, transitionShipment, type ShipmentPatch, type ShipmentRow, type ShipmentStep, type ShipmentTransition } from "./shipment.service";
import { planTrajectory, type EventKind, type Facility, type PlannedCheckpoint } from "./trajectory/planner";

export type CheckpointRow = typeof shipmentCheckpoints.$inferSelect;
type Sim = { seed: number; timeScale: number };

/** The simulated instant that corresponds to real `now` on this shipment's clock. */
export function simulatedNow(shipment: Pick<ShipmentRow, "clockReal" | "clockSim" | "timeScale">, now: Date): Date {
  if (!shipment.clockReal || !shipment.clockSim) return now;
  return new Date(shipment.clockSim.getTime() + (now.getTime() - shipment.clockReal.getTime()) * shipment.timeScale);
}

/** The real instant at which a simulated instant comes due on this shipment's clock. */
export function realDueAt(shipment: Pick<ShipmentRow, "clockReal" | "clockSim" | "timeScale">, simAt: Date): Date {
  if (!shipment.clockReal || !shipment.clockSim) return simAt;
  return realDeadline(shipment.clockReal, simAt.getTime() - shipment.clockSim.getTime(), shipment.timeScale);
}

/**
 * Which pending planned checkpoints have happened by `now`: those due, in plan order, stopping
 * after an exception (the parcel is held until an admin acts) and before an out-for-delivery
 * scan when no courier is assigned (the parcel waits at the station). Pure; pages and the
 * recording sweep share it, so what a page shows and what gets recorded always agree.
 */
export function dueCheckpoints<T extends Pick<CheckpointRow, "kind" | "status" | "dueAt">>(
  pending: readonly T[],
  { now, status, hasCourier }: { now: Date; status: ShipmentStatus; hasCourier: boolean },
): T[] {
  if (status === "created" || status === "exception" || isTerminalShipmentStatus(status)) return [];
  const due: T[] = [];
  for (const cp of pending) {
    if (cp.dueAt > now) break;
    if (cp.kind === "out_for_delivery" && !hasCourier) break;
    due.push(cp);
    if (cp.status === "exception" || isTerminalShipmentStatus(cp.status)) break;
  }
  return due;
}

export async function pendingCheckpoints(tx: Tx, shipmentId: string): Promise<CheckpointRow[]> {
  return tx
    .select()
    .from(shipmentCheckpoints)
    .where(and(eq(shipmentCheckpoints.shipmentId, shipmentId), isNull(shipmentCheckpoints.recordedAt), eq(shipmentCheckpoints.skipped, false), isNotNull(shipmentCheckpoints.seq)))
    .orderBy(asc(shipmentCheckpoints.seq));
}

/**
 * pendingCheckpoints and lastRecorded in one read: the shipment's checkpoints still to record
 * (in plan order) and its latest recorded one.
 */
export async function pendingAndLastRecorded(tx: Tx, shipmentId: string): Promise<{ pending: CheckpointRow[]; last: CheckpointRow | undefined }> {
  const rows = await prepared(tx, "pending-and-last-recorded", (d) =>
    d
      .select()
      .from(shipmentCheckpoints)
      .where(
        and(
          eq(shipmentCheckpoints.shipmentId, sql.placeholder("shipmentId")),
          or(isNotNull(shipmentCheckpoints.recordedAt), and(eq(shipmentCheckpoints.skipped, false), isNotNull(shipmentCheckpoints.seq))),
        ),
      )
      .prepare("pending_and_last_recorded"),
  ).execute({ shipmentId });
  const pending = rows.filter((r) => r.recordedAt === null).sort((a, b) => a.seq! - b.seq!);
  let last: CheckpointRow | undefined;
  for (const r of rows) {
    if (r.recordedAt === null) continue;
    if (!last || r.eventAt > last.eventAt || (r.eventAt.getTime() === last.eventAt.getTime() && r.id > last.id)) last = r;
  }
  return { pending, last };
}

export async function lastRecorded(tx: Tx, shipmentId: string): Promise<CheckpointRow | undefined> {
  const [row] = await tx
    .select()
    .from(shipmentCheckpoints)
    .where(and(eq(shipmentCheckpoints.shipmentId, shipmentId), isNotNull(shipmentCheckpoints.recordedAt)))
    .orderBy(desc(shipmentCheckpoints.eventAt), desc(shipmentCheckpoints.id))
    .limit(1);
  return row;
}

export async function nextSeq(tx: Tx, shipmentId: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number | null>`max(${shipmentCheckpoints.seq})` })
    .from(shipmentCheckpoints)
    .where(eq(shipmentCheckpoints.shipmentId, shipmentId));
  return (row?.max ?? -1) + 1;
}

export async function insertPlanned(
  tx: Tx,
  shipment: ShipmentRow,
  planned: Omit<PlannedCheckpoint, "seq">[],
  firstSeq: number,
  /** The first checkpoint happened at this instant and is recorded with it (the pickup scan). */
  { firstRecordedAt }: { firstRecordedAt?: Date } = {},
) {
  if (planned.length === 0) return;
  const rows = planned.map((cp, i) => ({
    ...(i === 0 && firstRecordedAt ? { recordedAt: firstRecordedAt } : {}),
    shipmentId: shipment.id,
    seq: firstSeq + i,
    kind: cp.kind,
    status: cp.status,
    province: cp.province,
    city: cp.city,
    cityEn: cp.cityEn,
    facility: cp.facility,
    next: cp.next ?? null,
    eventAt: i === 0 && firstRecordedAt ? firstRecordedAt : cp.at,
    dueAt: i === 0 && firstRecordedAt ? firstRecordedAt : realDueAt(shipment, cp.at),
  }));
  // A pickup inserts its whole plan: built once per shape of the plan (its length, which
  // checkpoints have no next stop), up to the longest plans a route makes.
  const shaped = placeholderRows(rows, { maxRows: MAX_PREPARED_PLAN });
  if (!shaped) {
    await tx.insert(shipmentCheckpoints).values(rows);
    return;
  }
  await prepared(tx, `insert-checkpoints:${shaped.shape}`, (d) => d.insert(shipmentCheckpoints).values(shaped.rows).prepare("insert_checkpoints")).execute(shaped.values);
}

/** Plans longer than this (an admin's long reroute) are inserted with a statement built per call. */
const MAX_PREPARED_PLAN = 16;

export async function skipPending(tx: Tx, shipmentId: string, ids?: number[]) {
  await tx
    .update(shipmentCheckpoints)
    .set({ skipped: true })
    .where(
      and(
        eq(shipmentCheckpoints.shipmentId, shipmentId),
        isNull(shipmentCheckpoints.recordedAt),
        ids ? inArray(shipmentCheckpoints.id, ids.length ? ids : [-1]) : undefined,
      ),
    );
}

/**
 * An event an admin records: it happens now, so it carries `now` (recorded times are real
 * instants, never later than the recording), at the place of the last recorded scan.
 */
export async function insertAdminEvent(
  tx: Tx,
  { shipment, kind, status, now, note }: { shipment: ShipmentRow; kind: EventKind; status: ShipmentStatus; now: Date; note?: string | null },
): Promise<void> {
  const last = await lastRecorded(tx, shipment.id);
  const place = last ?? {
    province: shipment.origin.province,
    city: shipment.origin.city,
    cityEn: shipment.origin.city,
    facility: { zh: `${shortCityName(shipment.origin.city)}${shipment.origin.district}仓`, en: shipment.origin.name },
  };
  await tx.insert(shipmentCheckpoints).values({
    shipmentId: shipment.id,
    seq: null,
    kind,
    status,
    province: place.province,
    city: place.city,
    cityEn: place.cityEn,
    facility: place.facility as Facility,
    eventAt: now,
    dueAt: now,
    recordedAt: now,
    note: note ?? null,
  });
}

/**
 * Picks a parcel up now: plans its whole trajectory from the seed (keeping the promise of the
 * service bought for this zone), stores every checkpoint with its simulated time and real due
 * time (through the time scale), records the pickup scan at `now` and moves the shipment to
 * picked_up. The shipment's clock starts at `now` on both sides, so at time scale 1 the plan
 * is in real time. Estimate and promise are stored as real instants, like every time people
 * read. The order side (shipped, stock committed) is the caller's.
 */
export async function pickUpShipment(
  tx: Tx,
  { shipment, by, now, sim, settings, userId }: { shipment: ShipmentRow; by: ActorRef; now: Date; sim: Sim; settings: LogisticsSettings; userId?: string },
): Promise<{ shipment: ShipmentRow; transition: ShipmentTransition }> {
  if (shipment.status !== "created") throw new DomainError("INVALID_TRANSITION", `Shipment cannot move from ${shipment.status} to picked_up`);
  // The service's speed and promise from the cached configuration the order was quoted from
  // (findOfferedServiceLevel); a carrier disabled since is read from its table.
  const carrier = (await offeredCarriers(tx)).find((c) => c.id === shipment.carrierId) ?? (await getCarrier(tx, { id: shipment.carrierId }));
  const level = carrier.serviceLevels.find((l) => l.code === shipment.serviceLevel);
  const o = shipment.origin;
  const plan = planTrajectory({
    seed: sim.seed,
    logisticsSn: shipment.logisticsSn,
    origin: { province: o.province, city: o.city, district: o.district, facility: { zh: `${shortCityName(o.city)}${o.district}仓`, en: o.name } },
    destination: shipment.destination,
    pickupAt: now,
    speed: level?.speed ?? "standard",
    promisedDays: promisedDaysFor(level?.promisedDays ?? 3, shipment.zone),
    workingHours: { start: settings.workingHourStart, end: settings.workingHourEnd },
    faults: settings,
  });
  const clock = { clockReal: now, clockSim: now, timeScale: sim.timeScale };
  const clocked = { ...shipment, ...clock };
  // The pickup scan (the plan's first checkpoint) is recorded as it is inserted.
  await insertPlanned(tx, clocked, plan.checkpoints, 0, { firstRecordedAt: now });
  const delivered = plan.checkpoints.find((c) => c.kind === "delivered");
  const updated = await transitionShipment(tx, {
    shipment,
    to: "picked_up",
    by,
    userId,
    patch: {
      ...clock,
      pickedUpAt: now,
      lastScanAt: now,
      route: plan.route,
      distanceKm: plan.distanceKm,
      promisedAt: plan.promisedBy && realDueAt(clock, plan.promisedBy),
      estimatedDeliveryAt: delivered ? realDueAt(clock, delivered.at) : null,
    },
  });
  return { shipment: updated, transition: { from: "created", to: "picked_up" } };
}

/**
 * Records every checkpoint that has come due, in plan order, moving the shipment's status as
 * each one says. Idempotent: recorded checkpoints are never recorded again, and a run that
 * finds nothing due changes nothing. Call with the shipment row locked. Returns the status
 * moves so the caller can mirror them onto the order in the same transaction.
 */
export async function recordDueCheckpoints(
  tx: Tx,
  {
    shipment: initial,
    now,
    by,
    strategy,
    ignoreCourier = false,
    userId,
  }: { shipment: ShipmentRow; now: Date; by: ActorRef; strategy: LogisticsSettings["assignmentStrategy"]; ignoreCourier?: boolean; /** The order's shopper, for the events. */ userId?: string },
): Promise<{ shipment: ShipmentRow; transitions: ShipmentTransition[] }> {
  let shipment = initial;
  const { pending, last } = await pendingAndLastRecorded(tx, shipment.id);
  if (pending.length === 0) return { shipment, transitions: [] };
  if (!shipment.courierId && pending.some((cp) => cp.kind === "out_for_delivery" && cp.dueAt <= now)) {
    shipment = await ensureCourier(tx, { shipment, strategy });
  }
  const due = dueCheckpoints(pending, { now, status: shipment.status, hasCourier: ignoreCourier || Boolean(shipment.courierId) });
  if (due.length === 0) return { shipment, transitions: [] };
  const [courier] =
    shipment.courierId && due.some((cp) => cp.kind === "out_for_delivery")
      ? await prepared(tx, "courier-by-id", (d) => d.select().from(couriers).where(eq(couriers.id, sql.placeholder("courierId"))).prepare("courier_by_id")).execute({ courierId: shipment.courierId })
      : [];
  let previous = last?.eventAt ?? new Date(0);

  // Every due scan becomes a step of the shipment (applied in one write, each status move
  // logged) and a recorded checkpoint (all written in one statement).
  const steps: ShipmentStep[] = [];
  const recorded: { id: number; eventAt: Date; courierName: string | null; courierPhone: string | null }[] = [];
  let state = shipment;
  for (const cp of due) {
    // What happened is recorded at the real instant it came due, never after `now` and never
    // before the scan already recorded (a parcel that waited for a courier goes out once one
    // is booked). The simulated time was the plan; it stays only on checkpoints still to come.
    const happenedAt = new Date(Math.min(now.getTime(), Math.max(cp.dueAt.getTime(), previous.getTime())));
    previous = happenedAt;
    const patch: ShipmentPatch = { lastScanAt: happenedAt };
    if (cp.kind === "delivered") Object.assign(patch, { deliveredAt: happenedAt, signer: cp.signer });
    if (cp.kind === "delivery_failed") patch.failedAttempts = state.failedAttempts + 1;
    if (cp.kind === "exception_address" || cp.kind === "exception_lost") {
      Object.assign(patch, {
        exceptionKind: cp.kind === "exception_address" ? "address" : "lost",
        exceptionNote: cp.kind === "exception_address" ? "Address incomplete: contact the recipient" : "No scan after the last sorting centre: parcel being traced",
        statusBeforeException: state.status,
      });
    }
    steps.push({ to: cp.status, patch });
    state = { ...state, ...patch, status: cp.status } as ShipmentRow;
    const withCourier = cp.kind === "out_for_delivery" && courier;
    recorded.push({ id: cp.id, eventAt: happenedAt, courierName: withCourier ? courier.name : null, courierPhone: withCourier ? courier.phone : null });
  }
  const result = await applyShipmentSteps(tx, { shipment, steps, by, userId });
  await tx.execute(sql`
    update shipment_checkpoints c
    set event_at = r.event_at, recorded_at = ${now.toISOString()}::timestamptz,
        courier_name = coalesce(r.courier_name, c.courier_name), courier_phone = coalesce(r.courier_phone, c.courier_phone)
    from unnest(
      ${`{${recorded.map((r) => r.id).join(",")}}`}::bigint[],
      ${`{${recorded.map((r) => `"${r.eventAt.toISOString()}"`).join(",")}}`}::timestamptz[],
      ${pgTextArray(recorded.map((r) => r.courierName))}::text[],
      ${pgTextArray(recorded.map((r) => r.courierPhone))}::text[]
    ) as r(id, event_at, courier_name, courier_phone)
    where c.id = r.id and c.shipment_id = ${shipment.id}`);
  return result;
}

/** A PostgreSQL array literal of texts (NULL for null), for the checkpoints' one update. */
function pgTextArray(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(",")}}`;
}
