import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { categories, warehouses } from "@/server/db/schema";
import { callerAs, createAddressFor, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";

async function input(overrides: Record<string, unknown> = {}) {
  const db = getDb();
  await db.insert(categories).values({ slug: "router-test", nameEn: "Router", nameZh: "路由" }).onConflictDoNothing();
  await db.insert(warehouses).values({ code: "WH-RT", name: "Router test", province: "浙江省", city: "杭州市", district: "萧山区", detail: "1 号" }).onConflictDoNothing();
  const [category] = await db.select().from(categories).where(eq(categories.slug, "router-test"));
  const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.code, "WH-RT"));
  return {
    sku: `RT-${crypto.randomUUID().slice(0, 8)}`,
    nameEn: "Teacup",
    nameZh: "茶杯",
    categoryId: category!.id,
    warehouseId: warehouse!.id,
    priceMinor: 1500,
    weightGrams: 200,
    lengthMm: 100,
    widthMm: 100,
    heightMm: 100,
    visible: true,
    ...overrides,
  };
}

describe("admin catalog and stock procedures", () => {
  it("are for admins only: UNAUTHORIZED signed out, FORBIDDEN for shoppers", async () => {
    const { caller } = await createShopper();
    await expect(callerAs(null).adminCatalog.products({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.adminCatalog.createProduct(await input())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.adminStock.receive({ productId: crypto.randomUUID(), quantity: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.adminStock.lowStock({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers bad input with 400 and field errors, a taken SKU with 409, an unknown product with 404", async () => {
    const { caller } = await createAdmin();
    const bad = await caller.adminCatalog.createProduct(await input({ priceMinor: -1, weightGrams: -3 })).catch((e) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
    const made = await caller.adminCatalog.createProduct(await input());
    const dup = await caller.adminCatalog.createProduct(await input({ sku: made.sku })).catch((e) => e);
    expect(dup).toMatchObject({ code: "CONFLICT", cause: { code: "SKU_TAKEN", fieldErrors: { sku: [expect.any(String)] } } });
    await expect(caller.adminCatalog.productById({ id: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.adminStock.receive({ productId: crypto.randomUUID(), quantity: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("receives, corrects and shows the movement history; a correction below reservations is a 409 with a field error", async () => {
    const { caller } = await createAdmin();
    const shopper = await createShopper();
    const product = await createProduct({ stock: 3 });
    await caller.adminStock.receive({ productId: product.id, quantity: 7 });
    const address = await createAddressFor(shopper.user.id);
    const order = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 6 }] });
    const refused = await caller.adminStock.correct({ productId: product.id, onHand: 5, expectedOnHand: 10, reason: "recount" }).catch((e) => e);
    expect(refused).toMatchObject({ code: "CONFLICT", cause: { code: "STOCK_BELOW_RESERVED", fieldErrors: { onHand: [expect.any(String)] } } });
    await expect(caller.adminStock.correct({ productId: product.id, onHand: 9, expectedOnHand: 10, reason: "recount" })).resolves.toMatchObject({ available: 3 });
    const history = await caller.adminStock.movements({ productId: product.id });
    expect(history.items.map((m) => m.kind)).toEqual(["adjust", "reserve", "receive"]);
    expect(history.items[1]!.orderNo).toBe(order.orderNo);
  });
});
