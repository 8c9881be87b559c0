import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../src/server/db/client";
import { closeGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { EVENT_CONSUMERS } from "../src/server/events/consumers";
import { localDelivery, relayOutbox } from "../src/server/events/relay";
import { createShipmentForOrder } from "../src/server/flows/shipment";
import { getCarrier, setCarrierEnabled } from "../src/server/domain/logistics";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { createPaidOrder, withLogisticsDatabase } from "./logistics-fixtures";
import { GOOD_CARD, deliverNotificationsFor, testGateway } from "./payment-fixtures";
import { countStatements } from "./statement-count";

withLogisticsDatabase();
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});

/**
 * The tracking reads its carrier by id, so of the carrier reads only the process cache's refill
 * (the enabled carriers with their levels and rules, every 2 seconds at most) is left out.
 */
const UNRELATED = /rate_limit_counters|pg_catalog\.pg_type|from "app_settings"|from "carriers" where "carriers"\."enabled"|from "carrier_service_levels"|from "carrier_fee_rules"/;

/** A query-builder statement: what drizzle renders from a select, insert, update or delete (composed SQL starts otherwise). */
const isQueryBuilderStatement = (text: string) => /^(select|insert into|update|delete from|with) "/.test(text.trim()) || /^select .* from "/.test(text.trim());

/** A paid, shipped order with a refund asked for two of its three items, as its page shows it. */
async function shippedOrderWithRefund(shopper: Awaited<ReturnType<typeof createShopper>>) {
  const address = await createAddressFor(shopper.user.id);
  const tea = await createProduct({ stock: 50, priceMinor: 4_200 });
  const cup = await createProduct({ stock: 50, priceMinor: 1_500 });
  await shopper.caller.cart.add({ productId: tea.id, quantity: 2 });
  await shopper.caller.cart.add({ productId: cup.id, quantity: 1 });
  const order = await shopper.caller.order.checkout({ addressId: address.id });
  const created = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
  await shopper.caller.payment.pay({ paymentId: created.payment.id, method: "card", card: { number: GOOD_CARD } });
  await deliverNotificationsFor({ paymentSn: created.payment.paymentSn });
  await relayOutbox(getDb(), { deliver: localDelivery(getDb(), EVENT_CONSUMERS), limit: 1000 });
  await createShipmentForOrder(getDb(), { orderId: order.id, by: { actor: "system" } });
  const teaItem = (await shopper.caller.order.byId({ id: order.id })).items.find((item) => item.productId === tea.id)!;
  await shopper.caller.payment.requestRefund({ orderId: order.id, reason: "damaged", items: [{ orderItemId: teaItem.id, quantity: 1 }] });
  return order;
}

/**
 * What the order and tracking pages read on every view, in the batch their script sends with
 * the header's call (round 19): every statement is built once and only executed afterwards, so
 * a view costs the server the statements' round trips and no query building. A read that goes
 * back to the query builder, or back to the whole order view for the payment section, fails here.
 */
describe("statements per order page view", () => {
  it("the order page's and the tracking page's reads build no statement after the first view", async () => {
    const shopper = await createShopper();
    const order = await shippedOrderWithRefund(shopper);
    const orderPage = () =>
      Promise.all([shopper.caller.auth.header(), shopper.caller.order.byId({ id: order.id }), shopper.caller.payment.forOrder({ orderId: order.id })]);
    const trackingPage = () =>
      Promise.all([shopper.caller.auth.header(), shopper.caller.order.byId({ id: order.id }), shopper.caller.logistics.myTracking({ orderId: order.id })]);
    // A first view of each, as a running server has had.
    await orderPage();
    await trackingPage();

    const orderView = await countStatements(orderPage, { unrelated: UNRELATED });
    const trackingView = await countStatements(trackingPage, { unrelated: UNRELATED });
    if (process.env.PRINT_STATEMENTS) {
      for (const [name, step] of Object.entries({ orderView, trackingView })) process.stdout.write(`${name}: ${step.shop}, builds ${step.builds.length}\n  ${step.texts.join("\n  ")}\n  built:\n  ${step.builds.join("\n  ")}\n`);
    }

    // What the section shows is all there: the payment with its history, the refund with its item.
    const [, , section] = orderView.result;
    expect(section.payments).toHaveLength(1);
    expect(section.payments[0]!.history.map((h) => h.toStatus)).toContain("succeeded");
    expect(section.refunds).toHaveLength(1);
    expect(section.refunds[0]!.items).toHaveLength(1);
    expect(section.items.find((item) => item.refundedQuantity === 1)).toBeDefined();
    const [, , tracking] = trackingView.result;
    expect(tracking.orderId).toBe(order.id);
    expect(tracking.carrier.code).toBeTruthy();

    expect(orderView.builds.filter(isQueryBuilderStatement)).toEqual([]);
    expect(trackingView.builds.filter(isQueryBuilderStatement)).toEqual([]);
    // Round 18's payment section read the whole order view again and built five statements (11 statements a view).
    expect(orderView.shop).toBeLessThanOrEqual(9);
    expect(trackingView.shop).toBeLessThanOrEqual(7);
  });

  it("the payment section of another shopper's order is ORDER_NOT_FOUND and reads nothing past the order", async () => {
    const owner = await createShopper();
    const order = await shippedOrderWithRefund(owner);
    const other = await createShopper();
    const attempt = await countStatements(() => other.caller.payment.forOrder({ orderId: order.id }).catch((error: unknown) => error), { unrelated: UNRELATED });
    expect(attempt.result).toMatchObject({ code: "NOT_FOUND" });
    expect(attempt.texts.filter((text) => /payments|refund|payment_log|order_items/.test(text))).toEqual([]);
  });
});

describe("statements per shop page view", () => {
  // The home page's catalog reads are answered from the gateway's catalog cache, not counted here.
  it("the batches the product, cart, checkout and my orders pages send build no statement after the first view", async () => {
    const shopper = await createShopper();
    const address = await createAddressFor(shopper.user.id);
    const tea = await createProduct({ stock: 50, priceMinor: 4_200 });
    await shopper.caller.cart.add({ productId: tea.id, quantity: 2 });
    await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: tea.id, quantity: 1 }] });
    const { caller } = shopper;
    const pages: Record<string, () => Promise<unknown>> = {
      product: () => Promise.all([caller.auth.header(), caller.catalog.byId({ id: tea.id }), caller.favourite.state({ productId: tea.id })]),
      cart: () => Promise.all([caller.auth.header(), caller.cart.get()]),
      checkout: () => Promise.all([caller.auth.header(), caller.cart.get(), caller.address.list()]),
      myOrders: () => Promise.all([caller.auth.header(), caller.order.mine({ page: 1, pageSize: 10 })]),
    };
    for (const view of Object.values(pages)) await view();
    const built: Record<string, string[]> = {};
    for (const [name, view] of Object.entries(pages)) {
      const counted = await countStatements(view, { unrelated: UNRELATED });
      if (process.env.PRINT_STATEMENTS) process.stdout.write(`${name}: ${counted.shop}, builds ${counted.builds.length}\n  ${counted.texts.join("\n  ")}\n  built:\n  ${counted.builds.join("\n  ")}\n`);
      built[name] = counted.builds.filter(isQueryBuilderStatement);
    }
    expect(built).toEqual({ product: [], cart: [], checkout: [], myOrders: [] });
  });
});

describe("the carrier and service an order shows", () => {
  it("are the names it was bought with, from the cached configuration while the carrier is offered and from the database once it is not", async () => {
    const { shopper, order } = await createPaidOrder({ shipping: { carrierCode: "YUNHAI", serviceLevel: "standard" } });
    const carrier = await getCarrier(getDb(), { code: "YUNHAI" });
    const level = carrier.serviceLevels.find((l) => l.code === "standard")!;
    const names = { carrierNameEn: carrier.nameEn, carrierNameZh: carrier.nameZh, serviceNameEn: level.nameEn, serviceNameZh: level.nameZh };
    expect((await shopper.caller.order.byId({ id: order.id })).shippingService).toEqual(names);
    await setCarrierEnabled(getDb(), { id: carrier.id, enabled: false });
    try {
      expect((await shopper.caller.order.byId({ id: order.id })).shippingService).toEqual(names);
    } finally {
      await setCarrierEnabled(getDb(), { id: carrier.id, enabled: true });
    }
  });
});
