import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { orderItems, orders } from "@/server/db/schema";
import { createAddressFor, createAdmin, createProduct, createShopper } from "../../../test/fixtures";
import { withLogisticsDatabase } from "../../../test/logistics-fixtures";

// The demo carriers are seeded here, so the order pays a real, weight-based carrier fee.
withLogisticsDatabase();

describe("an order keeps what was agreed at checkout", () => {
  it("a price, weight and dimension change afterwards leaves the items total, the carrier fee and the grand total as they were", async () => {
    const { caller: admin } = await createAdmin();
    const shopper = await createShopper();
    const address = await createAddressFor(shopper.user.id);
    const seeded = await createProduct({ stock: 20, priceMinor: 4_500, weightGrams: 800 });
    const items = [{ productId: seeded.id, quantity: 2 }];
    const shipping = { carrierCode: "ZTX", serviceLevel: "standard" };

    const quotedBefore = await shopper.caller.logistics.quoteOptions({ addressId: address.id, items });
    const feeAtCheckout = quotedBefore.find((o) => o.carrierCode === "ZTX" && o.serviceLevel === "standard")!.feeMinor;
    const placed = await shopper.caller.order.checkout({ addressId: address.id, items, shipping });
    expect(placed.payableTotalMinor).toBe(9_000 + feeAtCheckout);
    expect(feeAtCheckout).toBeGreaterThan(0);
    const itemsBefore = await getDb().select().from(orderItems).where(eq(orderItems.orderId, placed.id));

    // The admin edits the product through the same procedure the product page uses.
    const product = await admin.adminCatalog.productById({ id: seeded.id });
    const { status: _s, onHand: _o, reserved: _r, available: _a, imageUrl: _i, createdAt: _c, updatedAt: _u, currency: _cur, ...fields } = product;
    await admin.adminCatalog.updateProduct({ ...fields, nameZh: "测试商品", priceMinor: 3_900, weightGrams: 9_500, lengthMm: 900, widthMm: 700, heightMm: 600 });

    // The change is real: the same cart now costs less in goods and more in carriage (a price
    // rise could cross the free-shipping threshold and hide a fee change, so it goes down).
    const quotedAfter = await shopper.caller.logistics.quoteOptions({ addressId: address.id, items });
    expect(quotedAfter.find((o) => o.carrierCode === "ZTX" && o.serviceLevel === "standard")!.feeMinor).toBeGreaterThan(feeAtCheckout);
    expect((await admin.adminCatalog.productById({ id: seeded.id })).priceMinor).toBe(3_900);

    const [row] = await getDb().select().from(orders).where(eq(orders.id, placed.id));
    expect(row).toMatchObject({ itemsTotalMinor: 9_000, shippingFeeMinor: feeAtCheckout, payableTotalMinor: 9_000 + feeAtCheckout, carrierCode: "ZTX" });
    expect(await getDb().select().from(orderItems).where(eq(orderItems.orderId, placed.id))).toEqual(itemsBefore);
    expect(itemsBefore[0]).toMatchObject({ unitPriceMinor: 4_500, weightGrams: 800, quantity: 2 });

    // What the shopper's order read shows (the order page and GET /api/v1/orders/{id}).
    const shown = await shopper.caller.order.byId({ id: placed.id });
    expect(shown).toMatchObject({ itemsTotalMinor: 9_000, shippingFeeMinor: feeAtCheckout, payableTotalMinor: 9_000 + feeAtCheckout, carrierCode: "ZTX", serviceLevel: "standard" });
    expect(shown.items.map((i) => [i.unitPriceMinor, i.quantity, i.lineTotalMinor])).toEqual([[4_500, 2, 9_000]]);
  });
});
