import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeGatewayDb, deliverGatewayNotifications, getGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { listenGateway } from "./gateway-fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";
import { GOOD_CARD, deliverNotificationsFor, testGateway } from "./payment-fixtures";

/**
 * The CPU one paid order costs this process, with no HTTP and none of the worker's fixed costs
 * spread over it: ten buyers, each placing orders one after another through the same callers
 * as the API (cart add, checkout, payment create, pay with the good card, the gateway's
 * notification delivered back). A measurement, not a check: it runs only with
 * PAID_ORDER_CPU=1 and prints CPU ms per order for three rounds of 300 orders, e.g.
 *
 *   PAID_ORDER_CPU=1 npx vitest run test/paid-order-cpu.test.ts
 *
 * Run the two builds to compare one after the other, a few times each (docs/performance.md,
 * round 15): on a shared machine the rounds still move by a tenth.
 *
 * The second measure is the notification back alone as the worker sends it: the simulated
 * gateway's sweep delivering queued notifications over HTTP to a gateway listening on a loopback
 * port, both sides in this process (round 19).
 */
withLogisticsDatabase();
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});

describe.skipIf(!process.env.PAID_ORDER_CPU)("CPU per paid order, in process", () => {
  it("prints CPU ms per paid order at ten buyers", async () => {
    const product = await createProduct({ stock: 100_000, priceMinor: 4_200 });
    const buyers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const shopper = await createShopper();
        return { shopper, address: await createAddressFor(shopper.user.id) };
      }),
    );
    const payOnce = async ({ shopper, address }: (typeof buyers)[number]) => {
      await shopper.caller.cart.add({ productId: product.id, quantity: 1 });
      const order = await shopper.caller.order.checkout({ addressId: address.id });
      const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
      const paid = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
      expect(paid.outcome).toBe("succeeded");
      await deliverNotificationsFor({ paymentSn: payment.paymentSn });
    };
    const ordersEach = async (count: number) => {
      await Promise.all(buyers.map(async (buyer) => { for (let i = 0; i < count; i++) await payOnce(buyer); }));
    };
    // Warm-up: prepared statements on every connection, caches, optimised code.
    await ordersEach(10);
    const perOrder: number[] = [];
    for (let round = 0; round < 3; round++) {
      const start = process.cpuUsage();
      await ordersEach(30);
      const used = process.cpuUsage(start);
      perOrder.push((used.user + used.system) / 1000 / (30 * buyers.length));
    }
    process.stdout.write(`CPU ms per paid order (ten buyers, in process): ${perOrder.map((ms) => ms.toFixed(2)).join(", ")}\n`);
  }, 600_000);

  it("prints CPU ms per gateway notification delivered over HTTP", async () => {
    const { base, close } = await listenGateway({ rateLimit: false });
    try {
      const product = await createProduct({ stock: 100_000, priceMinor: 4_200 });
      const buyers = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const shopper = await createShopper();
          return { shopper, address: await createAddressFor(shopper.user.id) };
        }),
      );
      // Paid orders whose notifications wait at the gateway, as the worker finds them.
      const payEach = async (count: number) => {
        await Promise.all(
          buyers.map(async ({ shopper, address }) => {
            for (let i = 0; i < count; i++) {
              await shopper.caller.cart.add({ productId: product.id, quantity: 1 });
              const order = await shopper.caller.order.checkout({ addressId: address.id });
              const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
              await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
            }
          }),
        );
      };
      const deliverAll = async () => {
        let delivered = 0;
        for (;;) {
          const run = await deliverGatewayNotifications({ db: getGatewayDb(), now: new Date(Date.now() + 3_600_000), url: `${base}/api/payments/notify` });
          delivered += run.delivered;
          if (run.processed === 0) return delivered;
        }
      };
      await payEach(5);
      await deliverAll();
      const perNotification: number[] = [];
      for (let round = 0; round < 3; round++) {
        await payEach(20);
        const start = process.cpuUsage();
        const delivered = await deliverAll();
        const used = process.cpuUsage(start);
        expect(delivered).toBe(20 * buyers.length);
        perNotification.push((used.user + used.system) / 1000 / delivered);
      }
      process.stdout.write(`CPU ms per notification delivered over HTTP (in process): ${perNotification.map((ms) => ms.toFixed(2)).join(", ")}\n`);
    } finally {
      await close();
    }
  }, 600_000);
});

