import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../src/server/db/client";
import { closeGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { EVENT_CONSUMERS } from "../src/server/events/consumers";
import { createShipmentForOrder } from "../src/server/flows/shipment";
import { localDelivery, relayOutbox } from "../src/server/events/relay";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";
import { GOOD_CARD, deliverNotificationsFor, testGateway } from "./payment-fixtures";
import { countStatements } from "./statement-count";

// With carriers, as the benchmark's database has them (a paid order gets its shipment); the
// gateway on that database, made once it is in place.
withLogisticsDatabase();
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});

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
    // And its shipment: a statement a connection has not prepared yet waits for its description
    // before it is sent, so a cold connection counts more round trips than a running server's.
    await createShipmentForOrder(getDb(), { orderId: warm.id, by: { actor: "system" } });

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

    // As the simulation's generator plays an order (round 18): a buy-now checkout (no cart), payment
    // create and pay with idempotency keys; the second such order counted, after a first.
    const generated = async (tag: string) => {
      const order = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 1 }] });
      const created = await shopper.caller.payment.create({ orderId: order.id, method: "card", idempotencyKey: `${tag}-create-${order.id}` });
      return shopper.caller.payment.pay({ paymentId: created.payment.id, method: "card", card: { number: GOOD_CARD }, idempotencyKey: `${tag}-pay-${order.id}` });
    };
    await generated("warm");
    const generatedOrder = await countStatements(() => generated("counted"));
    expect(generatedOrder.result.outcome).toBe("succeeded");

    const steps = { add, checkout, create, pay, notification, relay, shipment, keyedCreate, generatedOrder };
    if (process.env.PRINT_STATEMENTS) {
      for (const [name, step] of Object.entries(steps)) process.stdout.write(`${name}: shop ${step.shop} (${step.shopTrips} round trips), gateway ${step.gateway}, builds ${step.builds.length}\n  ${step.texts.join("\n  ")}\n  built:\n  ${step.builds.join("\n  ")}\n`);
    }
    // Round 15's counts (round 13's, then round 12's in the comments). The notification's gateway
    // side here is the test's own delivery, so only the shop's statements count.
    expect(add.shop).toBeLessThanOrEqual(2); // 2, 3
    expect(checkout.shop).toBeLessThanOrEqual(10); // 10, 14
    expect(create.shop).toBeLessThanOrEqual(6); // 8, 10
    expect(pay.shop + pay.gateway).toBeLessThanOrEqual(16); // 16, 27: 23 + the gateway's 4
    // Round 19: a notification about a charge the pay attempt already recorded locks nothing (8 before).
    expect(notification.shop).toBeLessThanOrEqual(6); // 8, 8
    // Round 15 counts the statement pool too (the notification's order read runs there: 6 on
    // round 13's code); a first claim now reads no receipts and the notification reads only the
    // order's number.
    expect(relay.shop).toBeLessThanOrEqual(5); // 5 (6 counting both pools), 11
    expect(shipment.shop).toBeLessThanOrEqual(13); // 15, 20: the courier in the shipment's insert, carriers from the cache
    // Round trips of the shop's side (round 15: statements that do not wait for each other's
    // answers go out together; round 13's in the comments).
    expect(checkout.shopTrips).toBeLessThanOrEqual(6); // 7
    expect(create.shopTrips).toBeLessThanOrEqual(5); // 8
    expect(pay.shopTrips).toBeLessThanOrEqual(11); // 15
    expect(notification.shopTrips).toBeLessThanOrEqual(5); // 6 (round 15), 8
    expect(shipment.shopTrips).toBeLessThanOrEqual(10); // 14
    // Round 15: the key is claimed in one statement (an expired one taken over), not a delete and an insert.
    expect(keyedCreate.shop).toBeLessThanOrEqual(create.shop + 2); // + 3 before round 15
    // Round 23: the key's response goes out with the step's audit rows, before the commit: the
    // key costs one round trip (its claim), not two; the generator's keyed order 28 → 25.
    expect(keyedCreate.shopTrips).toBeLessThanOrEqual(create.shopTrips + 1);
    expect(generatedOrder.shopTrips).toBeLessThanOrEqual(25);
    // Round 17: the shop renders no statement of a paid order after the first (round 16 rendered
    // 14: checkout 7, create 3, pay 2, the notification 2); what is left is the simulated
    // gateway's own (its charge, its delivery of the notification).
    const paidOrder = [add, checkout, create, pay, notification].flatMap((step) => step.builds);
    expect(paidOrder.filter((text) => !/"gateway"\./.test(text))).toEqual([]);
    expect(paidOrder.length).toBeLessThanOrEqual(4); // 18
    // Round 18: nor of the generator's order (round 17 built 8 of the shop's: the buy-now
    // checkout's product read, the keys' claims and answers), nor of the worker's shipment but
    // the numbers' draw and the courier lock, composed SQL drizzle cannot prepare (7 before).
    expect(generatedOrder.builds.filter((text) => !/"gateway"\./.test(text))).toEqual([]);
    expect(shipment.builds.filter((text) => /^(select|insert into|update|delete from|with) "/.test(text.trim()))).toEqual([]);
    expect(shipment.builds.length).toBeLessThanOrEqual(2); // 7
  });
});
