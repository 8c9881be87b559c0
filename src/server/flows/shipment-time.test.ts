import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { orders, shipmentCheckpoints, shipments } from "@/server/db/schema";
import { getShopperTracking, logisticsSettings, logisticsStats } from "@/server/domain/logistics";
import { simulationSettings } from "@/server/domain/simulation";
import { createPaidOrder, withLogisticsDatabase } from "../../../test/logistics-fixtures";
import { advanceShipmentFlow, markDeliveredFlow, shipOrder } from "./shipment";
import { recordDueCheckpointsForAll } from "./shipment-sweep";

/**
 * Time on tracking: a recorded checkpoint never carries a time after the moment it was
 * recorded, admin actions record "now", the estimate agrees with the service bought, and the
 * reports read recorded times. Every flow here takes its clock as `now`, so each test runs the
 * same China-time hour whatever the hour of the machine.
 */
withLogisticsDatabase();
const admin = { actor: "admin" as const, note: "test" };
const MINUTE = 60_000;
const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;
const NEXT_DAY = { carrierCode: "SWIFT", serviceLevel: "next_day" };
const BEIJING = { province: "北京市", city: "北京市", district: "朝阳区" };

/** The next instant at hh:mm China time after the real clock. */
function nextChinaTime(hour: number, minute: number): Date {
  const now = Date.now();
  const midnight = Math.floor((now + CHINA) / DAY) * DAY - CHINA;
  const at = midnight + (hour * 60 + minute) * MINUTE;
  return new Date(at > now ? at : at + DAY);
}
const chinaDay = (d: Date) => Math.floor((d.getTime() + CHINA) / DAY);

async function calmSimulation() {
  await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 }, null);
}
async function checkpointsOf(shipmentId: string) {
  return getDb().select().from(shipmentCheckpoints).where(eq(shipmentCheckpoints.shipmentId, shipmentId));
}

/** Nothing recorded carries a time after its recording (or after `now`); nothing shown is dated after `now`. */
async function expectNothingAhead(shipmentId: string, userId: string, orderId: string, now: Date) {
  for (const cp of (await checkpointsOf(shipmentId)).filter((c) => c.recordedAt)) {
    expect(cp.eventAt.getTime(), `${cp.kind} recorded at ${cp.recordedAt!.toISOString()}`).toBeLessThanOrEqual(cp.recordedAt!.getTime());
    expect(cp.recordedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
  }
  const view = await getShopperTracking(getDb(), { userId, orderId, now });
  for (const event of view.events) expect(event.at.getTime(), `${event.kind} shown at ${event.at.toISOString()}`).toBeLessThanOrEqual(now.getTime());
  return view;
}

describe("tracking time", () => {
  it("ship at 22:41, advance and mark delivered each record now; one delivery time everywhere", async () => {
    await calmSimulation();
    const { order, shopper } = await createPaidOrder({ address: BEIJING, shipping: NEXT_DAY });
    const shippedAt = nextChinaTime(22, 41);

    const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin, now: shippedAt });
    const afterShip = await expectNothingAhead(shipped.id, shopper.user.id, order.id, shippedAt);
    expect(afterShip.events.map((e) => [e.kind, e.at])).toEqual([["picked_up", shippedAt]]);
    const [orderShipped] = await getDb().select().from(orders).where(eq(orders.id, order.id));
    expect(orderShipped!.shippedAt).toEqual(shippedAt);

    const advancedAt = new Date(shippedAt.getTime() + MINUTE);
    await advanceShipmentFlow(getDb(), { shipmentId: shipped.id, by: admin, now: advancedAt });
    const afterAdvance = await expectNothingAhead(shipped.id, shopper.user.id, order.id, advancedAt);
    expect(afterAdvance.events.map((e) => [e.kind, e.at])).toEqual([
      ["picked_up", shippedAt],
      ["arrived_sorting", advancedAt],
    ]);
    expect(afterAdvance.estimatedDeliveryAt!.getTime()).toBeGreaterThan(advancedAt.getTime());

    const deliveredAt = new Date(shippedAt.getTime() + 2 * MINUTE);
    const delivered = await markDeliveredFlow(getDb(), { shipmentId: shipped.id, by: admin, signer: "本人", now: deliveredAt });
    const afterDeliver = await expectNothingAhead(shipped.id, shopper.user.id, order.id, deliveredAt);
    expect(delivered.deliveredAt).toEqual(deliveredAt);
    expect(afterDeliver.deliveredAt).toEqual(deliveredAt);
    expect(afterDeliver.estimatedDeliveryAt).toBeNull();
    expect(afterDeliver.events.filter((e) => e.kind === "delivered").map((e) => e.at)).toEqual([deliveredAt]);
    // Every scan the action recorded is dated at the action, and nothing is left planned.
    const cps = await checkpointsOf(shipped.id);
    expect(cps.filter((c) => c.recordedAt?.getTime() === deliveredAt.getTime()).every((c) => c.eventAt.getTime() === deliveredAt.getTime())).toBe(true);
    expect(cps.filter((c) => !c.recordedAt && !c.skipped)).toEqual([]);
    const [orderDelivered] = await getDb().select().from(orders).where(eq(orders.id, order.id));
    expect(orderDelivered).toMatchObject({ status: "delivered", deliveredAt });
  });

  for (const timeScale of [1, 60]) {
    it(`the progress sweep never records a scan dated after it runs (time scale ${timeScale})`, async () => {
      await calmSimulation();
      await simulationSettings.update(getDb(), { timeScale }, null);
      try {
        const { order, shopper } = await createPaidOrder({ address: BEIJING, shipping: NEXT_DAY });
        const shippedAt = nextChinaTime(22, 41);
        const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin, now: shippedAt });
        const step = (2 * 3_600_000) / timeScale;
        let status = shipped.status;
        for (let now = new Date(shippedAt.getTime() + step); status !== "delivered"; now = new Date(now.getTime() + step)) {
          expect(now.getTime() - shippedAt.getTime(), "delivered within two simulated days").toBeLessThan((2 * DAY) / timeScale);
          await recordDueCheckpointsForAll(getDb(), { now });
          const view = await expectNothingAhead(shipped.id, shopper.user.id, order.id, now);
          [status] = [(await getDb().select().from(shipments).where(eq(shipments.id, shipped.id)))[0]!.status];
          if (status === "delivered") {
            const [orderRow] = await getDb().select().from(orders).where(eq(orders.id, order.id));
            expect(view.deliveredAt).toEqual(orderRow!.deliveredAt);
          }
        }
      } finally {
        await simulationSettings.update(getDb(), { timeScale: 1 }, null);
      }
    });
  }

  it("a next-day parcel is expected the next day at the latest, whatever the hour it ships", async () => {
    await calmSimulation();
    for (const [hour, minute] of [
      [0, 20],
      [9, 5],
      [22, 41],
    ] as const) {
      const { order, shopper } = await createPaidOrder({ address: BEIJING, shipping: NEXT_DAY });
      const shippedAt = nextChinaTime(hour, minute);
      const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin, now: shippedAt });
      const view = await getShopperTracking(getDb(), { userId: shopper.user.id, orderId: order.id, now: shippedAt });
      const eta = view.estimatedDeliveryAt!;
      expect(chinaDay(eta) - chinaDay(shippedAt), `shipped ${hour}:${minute}, expected ${eta.toISOString()}`).toBeLessThanOrEqual(1);
      // The promise: the end of tomorrow's working hours (20:00 China time).
      const tomorrowEvening = new Date((chinaDay(shippedAt) + 1) * DAY - CHINA + 20 * 3_600_000);
      expect(shipped.promisedAt).toEqual(tomorrowEvening);
      expect(eta.getTime()).toBeLessThanOrEqual(tomorrowEvening.getTime());
      expect(eta).toEqual(shipped.estimatedDeliveryAt);
    }
  });

  it("the report's on-time rate and paid → delivered time come from recorded times", async () => {
    await calmSimulation();
    const { order } = await createPaidOrder({ address: BEIJING, shipping: NEXT_DAY });
    const shippedAt = nextChinaTime(22, 41);
    const shipped = await shipOrder(getDb(), { orderId: order.id, by: admin, now: shippedAt });
    let now = shippedAt;
    for (let i = 0; i < 60 && (await getDb().select().from(shipments).where(eq(shipments.id, shipped.id)))[0]!.status !== "delivered"; i++) {
      now = new Date(now.getTime() + 3_600_000);
      await recordDueCheckpointsForAll(getDb(), { now });
    }
    const [s] = await getDb().select().from(shipments).where(eq(shipments.id, shipped.id));
    const [o] = await getDb().select().from(orders).where(eq(orders.id, order.id));
    expect(s!.status).toBe("delivered");
    expect(s!.deliveredAt!.getTime()).toBeLessThanOrEqual(s!.promisedAt!.getTime());
    const stats = await logisticsStats(getDb(), { from: new Date(Date.now() - DAY), to: new Date(Date.now() + DAY) });
    // Every next-day parcel in this file travels without faults: each one delivered is on time.
    const swift = stats.byCarrier.find((c) => c.carrierCode === "SWIFT")!;
    expect(swift.delivered).toBeGreaterThanOrEqual(1);
    expect(swift.onTimeRate).toBe(1);
    // Paid → delivered is at least the wait until the 22:41 pickup, from the recorded delivery.
    const hours = (s!.deliveredAt!.getTime() - o!.paidAt!.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan((shippedAt.getTime() - o!.paidAt!.getTime()) / 3_600_000);
    expect(stats.totals.paidToDeliveredAvgHours).toBeGreaterThan(0);
  });
});
