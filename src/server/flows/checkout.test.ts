import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { cartItems, inventory, inventoryMovements, orderItems, orderStatusLog, orders } from "@/server/db/schema";
import { createAddressFor, createProduct, createShopper } from "../../../test/fixtures";

describe("checkout", () => {
  it("turns the cart into one order with snapshots, reserved stock and an empty cart", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const a = await createProduct({ stock: 10, priceMinor: 2500, name: "Green tea" });
    const b = await createProduct({ stock: 3, priceMinor: 9900, name: "Teapot" });
    await caller.cart.add({ productId: a.id, quantity: 2 });
    await caller.cart.add({ productId: b.id, quantity: 1 });

    const order = await caller.order.checkout({ addressId: address.id });
    expect(order.payableTotalMinor).toBe(2 * 2500 + 9900);
    expect(order.orderNo).toMatch(/^SF\d{20}$/);

    const db = getDb();
    const [row] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ status: "pending_payment", paymentStatus: "unpaid", logisticsStatus: "none", userId: user.id });
    expect(row!.shippingAddress).toMatchObject({ recipient: address.recipient, detail: address.detail });
    const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(items.map((i) => [i.name, i.unitPriceMinor, i.quantity]).sort()).toEqual([
      ["Green tea", 2500, 2],
      ["Teapot", 9900, 1],
    ]);
    const [stockA] = await db.select().from(inventory).where(eq(inventory.productId, a.id));
    expect(stockA).toMatchObject({ onHand: 10, reserved: 2 });
    expect(await db.select().from(cartItems).where(eq(cartItems.userId, user.id))).toHaveLength(0);
    const log = await db.select().from(orderStatusLog).where(eq(orderStatusLog.orderId, order.id));
    expect(log).toMatchObject([{ fromStatus: null, toStatus: "pending_payment", actor: "shopper" }]);
  });

  it("keeps the price snapshot when the catalog price changes later", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const product = await createProduct({ priceMinor: 1000 });
    const order = await caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 1 }] });
    await getDb().execute(sql`update products set price_minor = 5000 where id = ${product.id}`);
    const detail = await caller.order.byId({ id: order.id });
    expect(detail.items[0]!.unitPriceMinor).toBe(1000);
    expect(detail.payableTotalMinor).toBe(1000);
  });

  it("rolls everything back when one line is out of stock", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const plenty = await createProduct({ stock: 10 });
    const scarce = await createProduct({ stock: 1 });
    await caller.cart.add({ productId: plenty.id, quantity: 2 });
    await caller.cart.add({ productId: scarce.id, quantity: 2 });

    await expect(caller.order.checkout({ addressId: address.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const db = getDb();
    const [stock] = await db.select().from(inventory).where(eq(inventory.productId, plenty.id));
    expect(stock!.reserved).toBe(0);
    expect(await db.select().from(orders).where(eq(orders.userId, user.id))).toHaveLength(0);
    expect(await db.select().from(cartItems).where(eq(cartItems.userId, user.id))).toHaveLength(2);
  });

  it("refuses an empty cart and another shopper's address", async () => {
    const a = await createShopper();
    const b = await createShopper();
    const addressOfB = await createAddressFor(b.user.id);
    const product = await createProduct();
    await expect(a.caller.order.checkout({ addressId: addressOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await createAddressFor(a.user.id);
    await expect(a.caller.order.checkout({ addressId: own.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(a.caller.order.checkout({ addressId: addressOfB.id, items: [{ productId: product.id, quantity: 1 }] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sells exactly the stock there is when 20 buyers race for 5 units", async () => {
    const product = await createProduct({ stock: 5 });
    const buyers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const shopper = await createShopper();
        const address = await createAddressFor(shopper.user.id);
        return { ...shopper, address };
      }),
    );

    const results = await Promise.allSettled(
      buyers.map((b) => b.caller.order.checkout({ addressId: b.address.id, items: [{ productId: product.id, quantity: 1 }] })),
    );

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(5);
    expect(lost).toHaveLength(15);
    for (const failure of lost) {
      expect(failure.reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Not enough stock") });
      expect(failure.reason.cause?.code).toBe("OUT_OF_STOCK");
    }
    const db = getDb();
    const [stock] = await db.select().from(inventory).where(eq(inventory.productId, product.id));
    expect(stock).toMatchObject({ onHand: 5, reserved: 5 });
    const [{ n }] = (await db.execute(sql`select count(distinct order_id)::int as n from order_items where product_id = ${product.id}`)) as unknown as [{ n: number }];
    expect(n).toBe(5);
    const reserves = await db.select().from(inventoryMovements).where(eq(inventoryMovements.productId, product.id));
    expect(reserves).toHaveLength(5);
  });

  it("releases stock exactly once when an order is cancelled, even if cancel is retried", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const product = await createProduct({ stock: 4 });
    const order = await caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 3 }] });

    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => caller.order.cancel({ id: order.id })));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === "rejected")) expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const [stock] = await getDb().select().from(inventory).where(eq(inventory.productId, product.id));
    expect(stock).toMatchObject({ onHand: 4, reserved: 0 });
  });
});
