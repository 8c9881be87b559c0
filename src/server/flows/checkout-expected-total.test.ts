import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { cartItems, inventory, inventoryMovements, orders, outboxEvents } from "@/server/db/schema";
import { createAddressFor, createProduct, createShopper } from "../../../test/fixtures";
import { withLogisticsDatabase } from "../../../test/logistics-fixtures";

// Real carriers: the shipping fee is part of the total the shopper is shown.
withLogisticsDatabase();

/** Everything a checkout could write for this shopper and these products, to compare before and after. */
async function footprint(userId: string, productIds: string[]) {
  const db = getDb();
  const [ordersOf, stock, movements, cart, events] = await Promise.all([
    db.select({ id: orders.id }).from(orders).where(eq(orders.userId, userId)),
    db.select({ productId: inventory.productId, onHand: inventory.onHand, reserved: inventory.reserved }).from(inventory).where(inArray(inventory.productId, productIds)),
    db.select({ id: inventoryMovements.id }).from(inventoryMovements).where(inArray(inventoryMovements.productId, productIds)),
    db.select({ productId: cartItems.productId, quantity: cartItems.quantity }).from(cartItems).where(eq(cartItems.userId, userId)),
    db.select({ id: outboxEvents.id }).from(outboxEvents).where(sql`${outboxEvents.data} ->> 'userId' = ${userId}`),
  ]);
  const byProduct = <T extends { productId: string }>(rows: T[]) => [...rows].sort((a, b) => a.productId.localeCompare(b.productId));
  return { orders: ordersOf, stock: byProduct(stock), movements, cart: byProduct(cart), events };
}

describe("checkout refuses a total the shopper was not shown", () => {
  it("answers 409 CONFLICT and writes nothing when expectedTotal differs; the shown total places the order", async () => {
    const { user, caller } = await createShopper();
    // Hangzhou warehouse → Shenzhen: "far", so every option has a fee.
    const address = await createAddressFor(user.id, { province: "广东省", city: "深圳市", district: "南山区" });
    const tea = await createProduct({ stock: 10, priceMinor: 2_500, weightGrams: 1_200 });
    const pot = await createProduct({ stock: 4, priceMinor: 3_900, weightGrams: 900 });
    await caller.cart.add({ productId: tea.id, quantity: 2 });
    await caller.cart.add({ productId: pot.id, quantity: 1 });
    const itemsTotal = 2 * 2_500 + 3_900;

    const options = await caller.logistics.quoteOptions({ addressId: address.id });
    const chosen = options.find((o) => o.feeMinor > 0 && o !== options[0]) ?? options[0]!;
    expect(chosen.feeMinor).toBeGreaterThan(0);
    const shipping = { carrierCode: chosen.carrierCode, serviceLevel: chosen.serviceLevel };
    const before = await footprint(user.id, [tea.id, pot.id]);
    expect(before.cart).toHaveLength(2);

    // The page showed the items without the fee ("Shipping: Free"): the order would charge more.
    const error = await caller.order.checkout({ addressId: address.id, shipping, expectedTotal: itemsTotal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", cause: { code: "TOTAL_CHANGED" } });
    expect(getHTTPStatusCodeFromError(error as never)).toBe(409);
    expect(await footprint(user.id, [tea.id, pot.id])).toEqual(before);

    // A total quoted for another option (the cheapest) is refused in the same way.
    if (options[0]!.feeMinor !== chosen.feeMinor) {
      await expect(caller.order.checkout({ addressId: address.id, shipping, expectedTotal: itemsTotal + options[0]!.feeMinor })).rejects.toMatchObject({
        code: "CONFLICT",
        cause: { code: "TOTAL_CHANGED" },
      });
      expect(await footprint(user.id, [tea.id, pot.id])).toEqual(before);
    }

    // Exactly what was shown: the order is placed and charges that total.
    const order = await caller.order.checkout({ addressId: address.id, shipping, expectedTotal: itemsTotal + chosen.feeMinor });
    expect(order.payableTotalMinor).toBe(itemsTotal + chosen.feeMinor);
    expect((await footprint(user.id, [tea.id, pot.id])).cart).toHaveLength(0);
  });

  it("refuses a total quoted for the previously selected address (stale quote after switching addresses)", async () => {
    const { user, caller } = await createShopper();
    const near = await createAddressFor(user.id, { province: "浙江省", city: "杭州市", district: "西湖区", isDefault: true });
    const far = await createAddressFor(user.id, { province: "新疆维吾尔自治区", city: "乌鲁木齐市", district: "天山区", isDefault: false });
    const product = await createProduct({ stock: 5, priceMinor: 4_000, weightGrams: 2_000 });
    await caller.cart.add({ productId: product.id, quantity: 1 });
    const shipping = { carrierCode: "ZTX", serviceLevel: "standard" };
    const nearFee = (await caller.logistics.quoteOptions({ addressId: near.id })).find((o) => o.carrierCode === "ZTX" && o.serviceLevel === "standard")!.feeMinor;
    const farFee = (await caller.logistics.quoteOptions({ addressId: far.id })).find((o) => o.carrierCode === "ZTX" && o.serviceLevel === "standard")!.feeMinor;
    expect(farFee).toBeGreaterThan(nearFee);
    const before = await footprint(user.id, [product.id]);

    const error = await caller.order.checkout({ addressId: far.id, shipping, expectedTotal: 4_000 + nearFee }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", cause: { code: "TOTAL_CHANGED" } });
    expect(await footprint(user.id, [product.id])).toEqual(before);

    const order = await caller.order.checkout({ addressId: far.id, shipping, expectedTotal: 4_000 + farFee });
    expect(order.payableTotalMinor).toBe(4_000 + farFee);
  });

  it("refuses a total shown before the catalog price changed", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const product = await createProduct({ stock: 5, priceMinor: 1_000 });
    await caller.cart.add({ productId: product.id, quantity: 2 });
    const [cheapest] = await caller.logistics.quoteOptions({ addressId: address.id });
    const shown = 2 * 1_000 + cheapest!.feeMinor;
    await getDb().execute(sql`update products set price_minor = 1500 where id = ${product.id}`);
    const before = await footprint(user.id, [product.id]);

    await expect(caller.order.checkout({ addressId: address.id, expectedTotal: shown })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "TOTAL_CHANGED" } });
    expect(await footprint(user.id, [product.id])).toEqual(before);
  });

  it("refuses an expectedTotal that is not a whole number of minor units", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const product = await createProduct();
    await expect(
      caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 1 }], expectedTotal: 12.5 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
