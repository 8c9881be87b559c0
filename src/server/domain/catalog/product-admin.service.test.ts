import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { catalogChanges, categories, inventory, orderItems, orders, products, warehouses } from "@/server/db/schema";
import { createAddressFor, createAdmin, createShopper } from "../../../../test/fixtures";
import { createCategory, createProduct, getProduct, listCatalogChanges, listProducts, setProductStatus, updateCategory, updateProduct } from ".";

const sku = () => `PA-${Math.random().toString(36).slice(2, 10)}`.toUpperCase();

async function references() {
  const db = getDb();
  await db.insert(categories).values({ slug: "admin-test", nameEn: "Admin test", nameZh: "管理测试" }).onConflictDoNothing();
  await db.insert(warehouses).values({ code: "WH-ADM", name: "Admin test", province: "浙江省", city: "杭州市", district: "萧山区", detail: "测试路 2 号" }).onConflictDoNothing();
  const [category] = await db.select().from(categories).where(eq(categories.slug, "admin-test"));
  const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.code, "WH-ADM"));
  return { categoryId: category!.id, warehouseId: warehouse!.id };
}

async function productInput(overrides: Record<string, unknown> = {}) {
  return {
    sku: sku(),
    nameEn: "Jasmine tea",
    nameZh: "茉莉花茶",
    descriptionEn: "Fragrant.",
    descriptionZh: "清香。",
    ...(await references()),
    priceMinor: 4200,
    weightGrams: 250,
    lengthMm: 150,
    widthMm: 100,
    heightMm: 80,
    lowStockThreshold: 3,
    visible: true,
    ...overrides,
  };
}

describe("product administration", () => {
  it("creates a product in both languages with an empty stock record and an audit row", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const created = await createProduct(db, { input: await productInput({ sku: "  pa-lower-" + Date.now() }), by: { userId: user.id, requestId: "req-1" } });
    expect(created).toMatchObject({ nameEn: "Jasmine tea", nameZh: "茉莉花茶", status: "visible", onHand: 0, available: 0, priceMinor: 4200 });
    expect(created.sku).toMatch(/^PA-LOWER-\d+$/);
    const history = await listCatalogChanges(db, { entity: "product", entityId: created.id });
    expect(history.items).toMatchObject([{ action: "create", before: null, after: { nameZh: "茉莉花茶", priceMinor: 4200 } }]);
    // The shopper catalog finds it by its Chinese name.
    const found = await listProducts(db, { q: "茉莉" });
    expect(found.items.map((p) => p.id)).toContain(created.id);
  });

  it("refuses a duplicate SKU (any case), a price of zero and a negative weight with field errors, writing nothing", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const by = { userId: user.id };
    const first = await createProduct(db, { input: await productInput(), by });
    // Other test files add products meanwhile: "nothing written" is checked on these attempts' own SKUs.
    const refused = await Promise.all([productInput({ priceMinor: 0 }), productInput({ weightGrams: -5 }), productInput({ categoryId: crypto.randomUUID() })]);
    await expect(createProduct(db, { input: await productInput({ sku: first.sku.toLowerCase() }), by })).rejects.toMatchObject({
      code: "SKU_TAKEN",
      fieldErrors: { sku: [expect.any(String)] },
    });
    await expect(createProduct(db, { input: refused[0], by })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["priceMinor"] })] });
    await expect(createProduct(db, { input: refused[1], by })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["weightGrams"], message: "The weight cannot be negative" })]),
    });
    await expect(createProduct(db, { input: refused[2], by })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { categoryId: [expect.any(String)] },
    });
    const skus = [first.sku, ...refused.map((input) => input.sku)].map((sku) => sku.toLowerCase());
    const stored = (await db.select({ sku: products.sku }).from(products)).filter((row) => skus.includes(row.sku.toLowerCase()));
    expect(stored.map((row) => row.sku)).toEqual([first.sku]);
    // Renaming another product onto a taken SKU is refused too.
    const second = await createProduct(db, { input: await productInput(), by });
    const { status: _s, onHand: _o, reserved: _r, available: _a, createdAt: _c, updatedAt: _u, currency: _cur, ...fields } = second;
    await expect(updateProduct(db, { input: { ...fields, sku: first.sku }, by })).rejects.toMatchObject({ code: "SKU_TAKEN" });
  });

  it("stores HTML in text as typed (pages escape it)", async () => {
    const { user } = await createAdmin();
    const html = `<img src=x onerror="alert(1)"><b>Tea</b>`;
    const created = await createProduct(getDb(), { input: await productInput({ nameEn: html, descriptionZh: "<script>alert(1)</script>" }), by: { userId: user.id } });
    const [row] = await getDb().select().from(products).where(eq(products.id, created.id));
    expect(row).toMatchObject({ name: html, descriptionZh: "<script>alert(1)</script>" });
  });

  it("audits an edit as before → after of the changed fields only", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const created = await createProduct(db, { input: await productInput(), by: { userId: user.id } });
    const { status: _s, onHand: _o, reserved: _r, available: _a, createdAt: _c, updatedAt: _u, currency: _cur, ...fields } = created;
    await updateProduct(db, { input: { ...fields, priceMinor: 3900, nameZh: "茉莉绿茶" }, by: { userId: user.id, requestId: "req-edit" } });
    const [change] = await db.select().from(catalogChanges).where(and(eq(catalogChanges.entityId, created.id), eq(catalogChanges.action, "update")));
    expect(change).toMatchObject({ before: { priceMinor: 4200, nameZh: "茉莉花茶" }, after: { priceMinor: 3900, nameZh: "茉莉绿茶" }, changedBy: user.id, requestId: "req-edit" });
    // Saving the same values again writes no audit row.
    await updateProduct(db, { input: { ...fields, priceMinor: 3900, nameZh: "茉莉绿茶" }, by: { userId: user.id } });
    expect(await db.select().from(catalogChanges).where(and(eq(catalogChanges.entityId, created.id), eq(catalogChanges.action, "update")))).toHaveLength(1);
  });

  it("hides, archives and restores along the status machine, and a hidden product leaves the shop", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const by = { userId: user.id };
    const created = await createProduct(db, { input: await productInput(), by });
    await expect(getProduct(db, created.id)).resolves.toMatchObject({ id: created.id });
    await setProductStatus(db, { input: { id: created.id, status: "hidden" }, by });
    await expect(getProduct(db, created.id)).rejects.toMatchObject({ code: "PRODUCT_NOT_FOUND" });
    expect((await listProducts(db, { q: created.sku })).items).toHaveLength(0);
    await setProductStatus(db, { input: { id: created.id, status: "archived" }, by });
    await expect(setProductStatus(db, { input: { id: created.id, status: "visible" }, by })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    const restored = await setProductStatus(db, { input: { id: created.id, status: "hidden" }, by });
    expect(restored.status).toBe("hidden");
    const history = await listCatalogChanges(db, { entity: "product", entityId: created.id });
    expect(history.items.filter((c) => c.action === "status").map((c) => c.after.status)).toEqual(["hidden", "archived", "hidden"]);
  });

  it("never changes an order already placed when the price, parcel or names change", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const created = await createProduct(db, { input: await productInput({ priceMinor: 5000, weightGrams: 400 }), by: { userId: user.id } });
    await db.update(inventory).set({ onHand: 10 }).where(eq(inventory.productId, created.id));
    const shopper = await createShopper();
    const address = await createAddressFor(shopper.user.id);
    const order = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: created.id, quantity: 2 }] });
    const [orderBefore] = await db.select().from(orders).where(eq(orders.id, order.id));
    const itemsBefore = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));

    const { status: _s, onHand: _o, reserved: _r, available: _a, imageUrl: _i, createdAt: _c, updatedAt: _u, currency: _cur, ...fields } = created;
    await updateProduct(db, { input: { ...fields, priceMinor: 9900, weightGrams: 3000, lengthMm: 600, nameEn: "Renamed", nameZh: "改名后的茶" }, by: { userId: user.id } });

    const [orderAfter] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(orderAfter).toMatchObject({ itemsTotalMinor: orderBefore!.itemsTotalMinor, shippingFeeMinor: orderBefore!.shippingFeeMinor, payableTotalMinor: 10_000 });
    expect(await db.select().from(orderItems).where(eq(orderItems.orderId, order.id))).toEqual(itemsBefore);
    expect(itemsBefore[0]).toMatchObject({ unitPriceMinor: 5000, weightGrams: 400, name: "Jasmine tea", nameZh: "茉莉花茶" });
    // The shopper's order page reads both snapshot names, not the product's new ones.
    const shown = await shopper.caller.order.byId({ id: order.id });
    expect(shown).toMatchObject({ payableTotalMinor: 10_000 });
    expect(shown.items.map((i) => [i.name, i.nameZh])).toEqual([["Jasmine tea", "茉莉花茶"]]);
  });
});

describe("category administration", () => {
  it("creates and reorders categories with both names, refuses a taken slug, and audits", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const slug = `cat-${Date.now()}`;
    const created = await createCategory(db, { input: { slug, nameEn: "Teaware", nameZh: "茶具", sortOrder: 7 }, by: { userId: user.id } });
    expect(created).toMatchObject({ slug, nameZh: "茶具", sortOrder: 7, productCount: 0 });
    await expect(createCategory(db, { input: { slug, nameEn: "Again", nameZh: "再次" }, by: { userId: user.id } })).rejects.toMatchObject({
      code: "CATEGORY_SLUG_TAKEN",
      fieldErrors: { slug: [expect.any(String)] },
    });
    const updated = await updateCategory(db, { input: { id: created.id, slug, nameEn: "Teaware", nameZh: "茶器", sortOrder: -1 }, by: { userId: user.id } });
    expect(updated).toMatchObject({ nameZh: "茶器", sortOrder: -1 });
    const history = await listCatalogChanges(db, { entity: "category", entityId: created.id });
    expect(history.items[0]).toMatchObject({ action: "update", before: { nameZh: "茶具", sortOrder: 7 }, after: { nameZh: "茶器", sortOrder: -1 } });
  });
});
