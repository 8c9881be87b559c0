import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type postgres from "postgres";
import { getDb } from "../src/server/db/client";
import { closeGatewayDb, getGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { EVENT_CONSUMERS } from "../src/server/events/consumers";
import { createShipmentForOrder } from "../src/server/flows/shipment";
import { localDelivery, relayOutbox } from "../src/server/events/relay";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";
import { GOOD_CARD, deliverNotificationsFor, testGateway } from "./payment-fixtures";

// With carriers, as the benchmark's database has them (a paid order gets its shipment); the
// gateway on that database, made once it is in place.
withLogisticsDatabase();
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});

/** Statements that belong to no step: the rate limiter's timed flush and postgres.js's one-time array-type lookup on a new connection. */
const UNRELATED = /rate_limit_counters|pg_catalog\.pg_type/;

/**
 * Counts the statements each pool sends while `work` runs (postgres.js calls `options.debug`
 * once per statement it writes, BEGIN and COMMIT included).
 */
async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; shop: number; gateway: number; texts: string[] }> {
  const pools = { shop: getDb().$client, gateway: getGatewayDb().$client };
  const counts = { shop: 0, gateway: 0 };
  const texts: string[] = [];
  for (const [name, client] of Object.entries(pools) as ["shop" | "gateway", postgres.Sql][]) {
    (client.options as { debug?: unknown }).debug = (_connection: number, text: string) => {
      if (UNRELATED.test(text)) return;
      counts[name] += 1;
      texts.push(`${name}: ${text.replace(/\s+/g, " ").slice(0, 160)}`);
    };
  }
  try {
    const result = await work();
    return { result, ...counts, texts };
  } finally {
    for (const client of Object.values(pools)) delete (client.options as { debug?: unknown }).debug;
  }
}

/**
 * The paid order of the benchmark (docs/performance.md, rounds 12 and 13), step by step: the
 * number of statements each step sends is the figure those rounds cut; a change that adds
 * statements back to the path shows up here before it shows up in the benchmark.
 */
describe("statements per paid order", () => {
  it("cart add, checkout, payment create, pay and the events they set off stay within their counts", async () => {
    const shopper = await createShopper();
    const address = await createAddressFor(shopper.user.id);
    const product = await createProduct({ stock: 50, priceMinor: 4_200 });
    // One order first, to warm the process caches (settings, the webhook endpoints) as a running server has them.
    await shopper.caller.cart.add({ productId: product.id, quantity: 1 });
    const warm = await shopper.caller.order.checkout({ addressId: address.id });
    const warmPayment = await shopper.caller.payment.create({ orderId: warm.id, method: "card" });
    await shopper.caller.payment.pay({ paymentId: warmPayment.payment.id, method: "card", card: { number: GOOD_CARD } });
    await deliverNotificationsFor({ paymentSn: warmPayment.payment.paymentSn });
    await relayOutbox(getDb(), { deliver: localDelivery(getDb(), EVENT_CONSUMERS), limit: 1000 });

    const add = await countStatements(() => shopper.caller.cart.add({ productId: product.id, quantity: 1 }));
    const checkout = await countStatements(() => shopper.caller.order.checkout({ addressId: address.id }));
    const create = await countStatements(() => shopper.caller.payment.create({ orderId: checkout.result.id, method: "card" }));
    const pay = await countStatements(() => shopper.caller.payment.pay({ paymentId: create.result.payment.id, method: "card", card: { number: GOOD_CARD } }));
    expect(pay.result.outcome).toBe("succeeded");
    // The payment number drawn inside the payment's insert keeps formatSn's shape.
    expect(create.result.payment.paymentSn).toMatch(/^PY\d{20}$/);
    expect(create.result.payment.paymentSn).not.toBe(warmPayment.payment.paymentSn);
    const notification = await countStatements(() => deliverNotificationsFor({ paymentSn: create.result.payment.paymentSn }));
    const relay = await countStatements(() => relayOutbox(getDb(), { deliver: localDelivery(getDb(), EVENT_CONSUMERS), limit: 1000 }));
    // What the worker's sweep does for each paid order it finds without a shipment.
    const shipment = await countStatements(() => createShipmentForOrder(getDb(), { orderId: checkout.result.id, by: { actor: "system" } }));

    // Payment create with an idempotency key, as the simulation and API clients send it.
    await shopper.caller.cart.add({ productId: product.id, quantity: 1 });
    const keyedOrder = await shopper.caller.order.checkout({ addressId: address.id });
    const keyedCreate = await countStatements(() => shopper.caller.payment.create({ orderId: keyedOrder.id, method: "card", idempotencyKey: `statements-${keyedOrder.id}` }));

    const steps = { add, checkout, create, pay, notification, relay, shipment, keyedCreate };
    if (process.env.PRINT_STATEMENTS) {
      for (const [name, step] of Object.entries(steps)) process.stdout.write(`${name}: shop ${step.shop}, gateway ${step.gateway}\n  ${step.texts.join("\n  ")}\n`);
    }
    // Round 13's counts (round 12's in the comments). The notification's gateway side here is the
    // test's own delivery, so only the shop's statements count.
    expect(add.shop).toBeLessThanOrEqual(2); // 3
    expect(checkout.shop).toBeLessThanOrEqual(10); // 14
    expect(create.shop).toBeLessThanOrEqual(8); // 10
    expect(pay.shop + pay.gateway).toBeLessThanOrEqual(16); // 27: 23 + the gateway's 4
    expect(notification.shop).toBeLessThanOrEqual(8); // 8
    // Round 15: a first claim reads no receipts, and the notification reads the order number on this pool (the
    // order view it read before ran on the prepared-statement pool, which this count does not see): 6 sent before, 5 now.
    expect(relay.shop).toBeLessThanOrEqual(5); // 11
    expect(shipment.shop).toBeLessThanOrEqual(14); // 20; 15 before round 15 (the courier in the shipment's insert)
    // Round 15: the key is claimed in one statement (an expired one taken over), not a delete and an insert.
    expect(keyedCreate.shop).toBeLessThanOrEqual(create.shop + 2); // + 3 before round 15
  });
});
