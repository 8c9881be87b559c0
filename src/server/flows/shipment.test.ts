import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { carriers, inventory, inventoryMovements, orderStatusLog, orders, shipmentCheckpoints, shipmentStatusLog, shipments } from "@/server/db/schema";
import { getShopperTracking, isValidTrackingNumber, listShipments, listShipmentsAwaitingRefund, logisticsSettings, trackingFormatOf } from "@/server/domain/logistics";
import { simulationSettings } from "@/server/domain/simulation";
import { isDomainError } from "@/server/errors";
import { createPaidOrder, withLogisticsDatabase } from "../../../test/logistics-fixtures";
import { createPendingOrder } from "../../../test/fixtures";
import {
  advanceShipmentFlow,
  cancelShipmentOfOrder,
  createShipmentForOrder,
  markDeliveredFlow,
  raiseExceptionFlow,
  recordFailedAttemptFlow,
  resolveExceptionFlow,
  shipOrder,
} from "./shipment";
import { recordDueCheckpointsForAll } from "./shipment-sweep";

withLogisticsDatabase();
const system = { actor: "system" as const, note: "test" };
const admin = { actor: "admin" as const, note: "test" };
const FAR_FUTURE = new Date(Date.now() + 365 * 86_400_000);

async function orderRow(id: string) {
  const [row] = await getDb().select().from(orders).where(eq(orders.id, id));
  return row!;
}
async function shipmentOf(orderId: string) {
  return getDb().select().from(shipments).where(eq(shipments.orderId, orderId));
}
/** No faults, so the plan is a straight run to the door. */
async function calmSimulation() {
  await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 }, null);
}

describe("shipment creation", () => {
  it("creates one shipment for a paid order, in the carrier's number format, and mirrors it on the order", async () => {
    const { order } = await createPaidOrder({ shipping: { carrierCode: "POSTX", serviceLevel: "standard" } });
    const first = await createShipmentForOrder(getDb(), { orderId: order.id, by: system });
    const second = await createShipmentForOrder(getDb(), { orderId: order.id, by: system });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, shipment: { id: first.shipment.id } });
    expect(await shipmentOf(order.id)).toHaveLength(1);

    const s = first.shipment;
    expect(s.logisticsSn).toMatch(/^LG\d{8}\d{8}$/);
    const [carrier] = await getDb().select().from(carriers).where(eq(carriers.code, "POSTX"));
    expect(isValidTrackingNumber(trackingFormatOf(carrier!), s.trackingNo)).toBe(true);
    expect(s).toMatchObject({ status: "created", serviceLevel: "standard", zone: "same_city", feeMinor: (await orderRow(order.id)).shippingFeeMinor });
    expect(s.origin).toMatchObject({ city: "杭州市", warehouseCode: "WH-TEST" });
    expect(s.courierId).toBeTruthy();
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", logisticsStatus: "created", logisticsSn: s.logisticsSn });
  });

  it("yields exactly one shipment when 5 callers race to create it, over 20 rounds", async () => {
    for (let round = 0; round < 20; round++) {
      const { order } = await createPaidOrder();
      const results = await Promise.all(Array.from({ length: 5 }, () => createShipmentForOrder(getDb(), { orderId: order.id, by: system })));
      expect(new Set(results.map((r) => r.shipment.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await shipmentOf(order.id)).toHaveLength(1);
      const logs = await getDb().select().from(shipmentStatusLog).where(eq(shipmentStatusLog.shipmentId, results[0]!.shipment.id));
      expect(logs).toHaveLength(1);
    }
  });

  it("refuses an unpaid order and writes nothing", async () => {
    const { order } = await createPendingOrder();
    const error = await createShipmentForOrder(getDb(), { orderId: order.id, by: system }).catch((e) => e);
    expect(isDomainError(error, "ORDER_NOT_SHIPPABLE")).toBe(true);
    expect(await shipmentOf(order.id)).toHaveLength(0);
    expect((await orderRow(order.id)).logisticsStatus).toBe("none");
  });
});

describe("shipping and tracking", () => {
  it("pick-up ships the order and commits stock once, even when shipped twice at once", async () => {
    await calmSimulation();
    const { order, product } = await createPaidOrder({ quantity: 2, stock: 10 });
    const [a, b] = await Promise.all([shipOrder(getDb(), { orderId: order.id, by: admin }), shipOrder(getDb(), { orderId: order.id, by: admin })]);
    expect(a.id).toBe(b.id);
    expect(a.status).toBe("picked_up");
    const [stock] = await getDb().select().from(inventory).where(eq(inventory.productId, product.id));
    expect(stock).toMatchObject({ onHand: 8, reserved: 0 });
    const commits = await getDb()
      .select()
      .from(inventoryMovements)
      .where(and(eq(inventoryMovements.orderId, order.id), eq(inventoryMovements.kind, "commit")));
    expect(commits).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "shipped", logisticsStatus: "picked_up" });
    const cps = await getDb().select().from(shipmentCheckpoints).where(eq(shipmentCheckpoints.shipmentId, a.id));
    expect(cps.filter((c) => c.recordedAt)).toHaveLength(1);
    expect(cps.length).toBeGreaterThan(4);
  });

  it("the sweep records due checkpoints in order, moves shipment and order to delivered, and a second run does nothing", async () => {
    await calmSimulation();
    const { order } = await createPaidOrder({ address: { province: "广东省", city: "深圳市", district: "南山区" } });
    const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin });
    const first = await recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE });
    expect(first.processed).toBeGreaterThanOrEqual(1);
    const [s] = await shipmentOf(order.id);
    expect(s!.status).toBe("delivered");
    expect(await orderRow(order.id)).toMatchObject({ status: "delivered", logisticsStatus: "delivered" });
    const log = await getDb().select().from(shipmentStatusLog).where(eq(shipmentStatusLog.shipmentId, shipped.id)).orderBy(shipmentStatusLog.id);
    expect(log.map((l) => l.toStatus)).toEqual(["created", "picked_up", "in_transit", "out_for_delivery", "delivered"]);
    const orderLog = await getDb().select().from(orderStatusLog).where(eq(orderStatusLog.orderId, order.id)).orderBy(orderStatusLog.id);
    expect(orderLog.map((l) => l.toStatus)).toEqual(["pending_payment", "paid", "shipped", "delivered"]);

    const again = await recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE });
    expect(again.details?.statusChanges ?? 0).toBe(0);
    expect(await getDb().select().from(shipmentStatusLog).where(eq(shipmentStatusLog.shipmentId, shipped.id))).toHaveLength(log.length);
  });

  it("tracking shows every checkpoint that came due even when no sweep ran, and admins see a parcel without scans as stale", async () => {
    await calmSimulation();
    const { order, shopper } = await createPaidOrder({ address: { province: "四川省", city: "成都市", district: "武侯区" } });
    const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin });
    const now = await getShopperTracking(getDb(), { userId: shopper.user.id, orderId: order.id });
    expect(now.events.map((e) => e.kind)).toEqual(["picked_up"]);
    const later = await getShopperTracking(getDb(), { userId: shopper.user.id, orderId: order.id, now: FAR_FUTURE });
    expect(later.status).toBe("delivered");
    expect(later.events.at(-1)!.kind).toBe("delivered");
    expect(later.events[0]!.city).toBe("杭州市");
    expect(later.route.every((p) => p.reached)).toBe(true);
    // Nothing was written by reading.
    expect((await shipmentOf(order.id))[0]!.status).toBe("picked_up");

    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const stale = await listShipments(getDb(), { queue: "stale", orderNo: order.orderNo }, { now: inTwoDays, staleAfterHours: 18 });
    expect(stale.items.map((i) => i.id)).toEqual([shipped.id]);
    const fresh = await listShipments(getDb(), { queue: "stale", orderNo: order.orderNo }, { now: new Date(), staleAfterHours: 18 });
    expect(fresh.items).toHaveLength(0);
  });

  it("two sweeps running at once record every checkpoint exactly once (20 parcels)", async () => {
    await calmSimulation();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { order } = await createPaidOrder({ address: { province: "上海市", city: "上海市", district: "浦东新区" } });
      ids.push((await shipOrder(getDb(), { orderId: order.id, by: admin })).id);
    }
    await Promise.all([recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE }), recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE })]);
    for (const id of ids) {
      const log = await getDb().select().from(shipmentStatusLog).where(eq(shipmentStatusLog.shipmentId, id));
      expect(log.map((l) => l.toStatus)).toEqual(["created", "picked_up", "in_transit", "out_for_delivery", "delivered"]);
    }
  });

  it("admin actions: advance one step, record a failed attempt, raise and resolve an exception, deliver with a signer", async () => {
    await calmSimulation();
    const { order } = await createPaidOrder({ address: { province: "北京市", city: "北京市", district: "朝阳区" } });
    const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin });
    const advanced = await advanceShipmentFlow(getDb(), { shipmentId: shipped.id, by: admin });
    expect(advanced.status).toBe("in_transit");

    await expect(recordFailedAttemptFlow(getDb(), { shipmentId: shipped.id, by: admin })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    let current = advanced;
    while (current.status !== "out_for_delivery") current = await advanceShipmentFlow(getDb(), { shipmentId: shipped.id, by: admin });
    const failed = await recordFailedAttemptFlow(getDb(), { shipmentId: shipped.id, by: admin, note: "no one home" });
    expect(failed).toMatchObject({ status: "delivery_attempt_failed", failedAttempts: 1 });
    expect((await orderRow(order.id)).logisticsStatus).toBe("delivery_attempt_failed");

    const raised = await raiseExceptionFlow(getDb(), { shipmentId: shipped.id, by: admin, kind: "address", note: "Building number missing" });
    expect(raised).toMatchObject({ status: "exception", statusBeforeException: "delivery_attempt_failed" });
    await expect(advanceShipmentFlow(getDb(), { shipmentId: shipped.id, by: admin })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    // The sweep holds a parcel in exception.
    await recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE });
    expect((await shipmentOf(order.id))[0]!.status).toBe("exception");

    const resumed = await resolveExceptionFlow(getDb(), { shipmentId: shipped.id, by: admin, resolution: "resume" });
    expect(resumed).toMatchObject({ status: "delivery_attempt_failed", exceptionKind: null });
    const delivered = await markDeliveredFlow(getDb(), { shipmentId: shipped.id, by: admin, signer: "前台代收" });
    expect(delivered).toMatchObject({ status: "delivered", signer: "前台代收" });
    expect(await orderRow(order.id)).toMatchObject({ status: "delivered", logisticsStatus: "delivered" });
    // Idempotent once delivered; other moves are refused and change nothing.
    expect((await markDeliveredFlow(getDb(), { shipmentId: shipped.id, by: admin, signer: "x" })).signer).toBe("前台代收");
    await expect(advanceShipmentFlow(getDb(), { shipmentId: shipped.id, by: admin })).rejects.toMatchObject({ code: "NOTHING_TO_ADVANCE" });
    const cps = await getDb().select().from(shipmentCheckpoints).where(eq(shipmentCheckpoints.shipmentId, shipped.id)).orderBy(shipmentCheckpoints.eventAt);
    const recorded = cps.filter((c) => c.recordedAt);
    for (let i = 1; i < recorded.length; i++) expect(recorded[i]!.eventAt.getTime()).toBeGreaterThanOrEqual(recorded[i - 1]!.eventAt.getTime());
    expect(recorded.at(-1)!.kind).toBe("delivered");
  });

  it("a parcel at an exception holds the rest of its plan out of the sweep's due index until it is resolved", async () => {
    const pendingOf = async (shipmentId: string) =>
      getDb()
        .select({ held: shipmentCheckpoints.held, skipped: shipmentCheckpoints.skipped })
        .from(shipmentCheckpoints)
        .where(and(eq(shipmentCheckpoints.shipmentId, shipmentId), sql`${shipmentCheckpoints.recordedAt} is null`));
    // A problem with the address planned on the way: the sweep records up to it, then the parcel waits.
    await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 1, lostParcelRate: 0, outageRate: 0 }, null);
    const planned = await createPaidOrder({ address: { province: "湖北省", city: "武汉市", district: "洪山区" } });
    const parcel = await shipOrder(getDb(), { orderId: planned.order.id, by: admin });
    await recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE });
    expect((await shipmentOf(planned.order.id))[0]!.status).toBe("exception");
    const heldPlan = await pendingOf(parcel.id);
    expect(heldPlan.length).toBeGreaterThan(0);
    expect(heldPlan.every((c) => c.held && !c.skipped)).toBe(true);
    // Resumed: released (and moved past now), then recorded to the door.
    await resolveExceptionFlow(getDb(), { shipmentId: parcel.id, by: admin, resolution: "resume" });
    expect((await pendingOf(parcel.id)).some((c) => c.held)).toBe(false);
    await recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE });
    expect((await shipmentOf(planned.order.id))[0]!.status).toBe("delivered");

    // An exception an admin raises holds the plan too; returning the parcel skips it and holds nothing.
    await calmSimulation();
    const raised = await createPaidOrder({ address: { province: "湖北省", city: "武汉市", district: "洪山区" } });
    const second = await shipOrder(getDb(), { orderId: raised.order.id, by: admin });
    await raiseExceptionFlow(getDb(), { shipmentId: second.id, by: admin, kind: "damaged", note: "Box crushed" });
    expect((await pendingOf(second.id)).every((c) => c.held)).toBe(true);
    await recordDueCheckpointsForAll(getDb(), { now: FAR_FUTURE });
    expect((await shipmentOf(raised.order.id))[0]!.status).toBe("exception");
    await resolveExceptionFlow(getDb(), { shipmentId: second.id, by: admin, resolution: "return_to_sender" });
    const after = await pendingOf(second.id);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((c) => c.skipped && !c.held)).toBe(true);
  });

  it("returned to sender puts the goods back on the shelf; confirmed lost does not", async () => {
    await calmSimulation();
    const returned = await createPaidOrder({ stock: 10 });
    const s1 = await shipOrder(getDb(), { orderId: returned.order.id, by: admin });
    await raiseExceptionFlow(getDb(), { shipmentId: s1.id, by: admin, kind: "address", note: "Refused by recipient" });
    expect((await resolveExceptionFlow(getDb(), { shipmentId: s1.id, by: admin, resolution: "return_to_sender" })).status).toBe("returned_to_sender");
    const [stock1] = await getDb().select().from(inventory).where(eq(inventory.productId, returned.product.id));
    expect(stock1!.onHand).toBe(10);

    const lost = await createPaidOrder({ stock: 10 });
    const s2 = await shipOrder(getDb(), { orderId: lost.order.id, by: admin });
    await raiseExceptionFlow(getDb(), { shipmentId: s2.id, by: admin, kind: "lost", note: "No scan for 3 days" });
    expect((await resolveExceptionFlow(getDb(), { shipmentId: s2.id, by: admin, resolution: "lost" })).status).toBe("lost");
    const [stock2] = await getDb().select().from(inventory).where(eq(inventory.productId, lost.product.id));
    expect(stock2!.onHand).toBe(9);
    expect((await orderRow(lost.order.id)).logisticsStatus).toBe("lost");
    // Both now wait on the refund path.
    const awaiting = (await listShipmentsAwaitingRefund(getDb())).map((s) => s.shipmentId);
    expect(awaiting).toEqual(expect.arrayContaining([s1.id, s2.id]));
  });

  it("cancels the shipment of an unshipped order (refund path), and refuses once picked up", async () => {
    const { order } = await createPaidOrder();
    await createShipmentForOrder(getDb(), { orderId: order.id, by: system });
    const [before] = await shipmentOf(order.id);
    const result = await getDb().transaction((tx) => cancelShipmentOfOrder(tx, { orderId: order.id, by: system }));
    expect(result.cancelled).toBe(true);
    expect((await shipmentOf(order.id))[0]!.status).toBe("cancelled");
    expect((await orderRow(order.id)).logisticsStatus).toBe("cancelled");
    // The courier's slot is free again.
    const [{ load }] = (await getDb().execute(sql`select current_load as load from couriers where id = ${before!.courierId}`)) as unknown as [{ load: number }];
    expect(load).toBeGreaterThanOrEqual(0);
    expect((await getDb().transaction((tx) => cancelShipmentOfOrder(tx, { orderId: order.id, by: system }))).cancelled).toBe(false);

    const shipped = await createPaidOrder();
    await shipOrder(getDb(), { orderId: shipped.order.id, by: admin });
    await expect(getDb().transaction((tx) => cancelShipmentOfOrder(tx, { orderId: shipped.order.id, by: system }))).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect((await shipmentOf(shipped.order.id))[0]!.status).toBe("picked_up");
  });

  it("maps checkpoint due times through the time scale", async () => {
    await calmSimulation();
    await simulationSettings.update(getDb(), { timeScale: 3600 }, null);
    try {
      const { order } = await createPaidOrder({ address: { province: "广东省", city: "深圳市", district: "南山区" } });
      const now = new Date();
      const s = await shipOrder(getDb(), { orderId: order.id, by: admin, now });
      const cps = await getDb().select().from(shipmentCheckpoints).where(eq(shipmentCheckpoints.shipmentId, s.id)).orderBy(shipmentCheckpoints.seq);
      const last = cps.at(-1)!;
      // A journey of days in simulated time comes due within minutes of real time at 3600×.
      const simulatedMs = last.eventAt.getTime() - cps[0]!.eventAt.getTime();
      expect(last.dueAt.getTime() - now.getTime()).toBe(Math.round(simulatedMs / 3600));
    } finally {
      await simulationSettings.update(getDb(), { timeScale: 1 }, null);
    }
  });
});
