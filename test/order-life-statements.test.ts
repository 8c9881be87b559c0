import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../src/server/db/client";
import { shipmentCheckpoints, shipments } from "../src/server/db/schema";
import { logisticsSettings } from "../src/server/domain/logistics";
import { closeGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { EVENT_CONSUMERS } from "../src/server/events/consumers";
import { localDelivery, relayOutbox } from "../src/server/events/relay";
import { shipOverdueOrders } from "../src/server/flows/auto-ship";
import { confirmOverdueReceipts } from "../src/server/flows/receipt";
import { recordDueCheckpointsForAll } from "../src/server/flows/shipment-sweep";
import { createAddressFor, createAdmin, createProduct, createShopper } from "./fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";
import { GOOD_CARD, deliverNotificationsFor, testGateway } from "./payment-fixtures";
import { countStatements } from "./statement-count";

withLogisticsDatabase();
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});

const DAY = 86_400_000;
const relay = () => relayOutbox(getDb(), { deliver: localDelivery(getDb(), EVENT_CONSUMERS), limit: 1000 });

/** A shopper's order paid through the API, with the gateway's notification and the events it set off handled. */
async function paidOrder() {
  const shopper = await createShopper();
  const address = await createAddressFor(shopper.user.id);
  const product = await createProduct({ stock: 50, priceMinor: 4_200 });
  await shopper.caller.cart.add({ productId: product.id, quantity: 1 });
  const order = await shopper.caller.order.checkout({ addressId: address.id });
  const created = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
  await shopper.caller.payment.pay({ paymentId: created.payment.id, method: "card", card: { number: GOOD_CARD } });
  await deliverNotificationsFor({ paymentSn: created.payment.paymentSn });
  await relay();
  return order;
}

/** What the worker's sweeps do for a paid order until it is completed, one step at a time (each at an instant where that step is due). */
async function sweepToCompletion(start: number) {
  const ship = await countStatements(() => shipOverdueOrders(getDb(), { now: new Date(start + DAY) }));
  const shipEvents = await countStatements(relay);
  const checkpoints = await countStatements(() => recordDueCheckpointsForAll(getDb(), { now: new Date(start + 30 * DAY) }));
  const checkpointEvents = await countStatements(relay);
  const confirm = await countStatements(() => confirmOverdueReceipts(getDb(), { now: new Date(start + 90 * DAY) }));
  const confirmEvents = await countStatements(relay);
  return { ship, shipEvents, checkpoints, checkpointEvents, confirm, confirmEvents };
}

/**
 * The life of a paid order after its payment, as the simulation at its largest time scale plays
 * it: shipped by the lifecycle reconciliation, every tracking checkpoint recorded by the
 * checkpoint sweep (at that scale the whole route is due at once), confirmed when the receipt
 * window ends, and the events of each step relayed to their consumers. The statements each step
 * sends are what round 15 cut (docs/performance.md); a change that adds some back, or makes
 * the checkpoint step grow with the route again, fails here before it shows in the benchmark.
 */
describe("statements per order life after payment", () => {
  it("shipping, the checkpoints, the confirmation and their events stay within their counts", async () => {
    // Faults off, so the route is the plain one (pickup, sorting, transit, out for delivery, delivered).
    const admin = await createAdmin();
    await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 }, admin.user.id);
    // One life first, to warm the process caches (settings, carriers) as a running worker has them.
    await paidOrder();
    await sweepToCompletion(Date.now());

    const order = await paidOrder();
    const steps = await sweepToCompletion(Date.now() + 100 * DAY);
    const recorded = await getDb()
      .select({ id: shipmentCheckpoints.id })
      .from(shipmentCheckpoints)
      .innerJoin(shipments, eq(shipments.id, shipmentCheckpoints.shipmentId))
      .where(eq(shipments.orderId, order.id));
    expect(steps.ship.result.shipped).toBe(1);
    expect(steps.confirm.result.confirmed).toBe(1);
    if (process.env.PRINT_STATEMENTS) {
      process.stdout.write(`checkpoints on the route: ${recorded.length}\n`);
      for (const [name, step] of Object.entries(steps)) process.stdout.write(`${name}: ${step.shop}, builds ${step.builds.length}\n  ${step.texts.join("\n  ")}\n  built:\n  ${step.builds.join("\n  ")}\n`);
    }
    // Round 15's counts (before it in the comments, for a route of 6 checkpoints: the checkpoint
    // step then grew by two statements a scan and a third for each status move). Each sweep step
    // includes what a run costs however many orders it moves: the probe for due work and the
    // claim that finds nothing more (three statements, two lanes of them for the checkpoints,
    // three for shipping since round 22: 23 before).
    expect(steps.ship.shop).toBeLessThanOrEqual(29); // 31
    expect(steps.shipEvents.shop).toBeLessThanOrEqual(5); // 6
    expect(steps.checkpoints.shop).toBeLessThanOrEqual(17); // 33
    expect(steps.checkpointEvents.shop).toBeLessThanOrEqual(8); // 10
    expect(steps.confirm.shop).toBeLessThanOrEqual(9); // 11
    expect(steps.confirmEvents.shop).toBeLessThanOrEqual(5); // 6
    const total = Object.values(steps).reduce((sum, step) => sum + step.shop, 0);
    expect(total).toBeLessThanOrEqual(73); // 97 (67 before round 22's two more shipping lanes)
    // Round 18: drizzle builds none of the life's query-builder statements after the first life
    // (round 17's code built 34 statements per life after payment: shipping 16, the checkpoints
    // 9, the confirmation 3, each relay run 2). What is left is composed SQL that drizzle cannot
    // prepare: the sweeps' probes, the numbers' draw, the courier lock, the checkpoints' one
    // update and the relay's claim and delivery (each relay run's two, however many events),
    // and since round 23 the notifications' and receipts' inserts of a run that hands its
    // consumer several events at once (two more a run, however many events: checkpoints).
    const built = Object.values(steps).flatMap((step) => step.builds);
    expect(built.filter((text) => /^(select|insert into|update|delete from|with) "/.test(text.trim()))).toEqual([]);
    expect(steps.ship.builds.length).toBeLessThanOrEqual(3); // 16
    expect(steps.checkpoints.builds.length).toBeLessThanOrEqual(2); // 9
    expect(steps.confirm.builds.length).toBeLessThanOrEqual(1); // 3
    expect(built.length).toBeLessThanOrEqual(14); // 34 (12 before round 23's batched notifications)
  });
});
