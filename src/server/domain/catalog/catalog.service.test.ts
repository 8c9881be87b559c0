import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { products } from "@/server/db/schema";
import { callerAs, createProduct } from "../../../../test/fixtures";
import { listProducts } from ".";

describe("shopper catalog", () => {
  it("searches both languages' names and filters by price and availability; out-of-stock products are listed as such", async () => {
    const db = getDb();
    const tag = crypto.randomUUID().slice(0, 6);
    const cheap = await createProduct({ priceMinor: 1000, stock: 5, name: `Oolong ${tag}` });
    const dear = await createProduct({ priceMinor: 9000, stock: 5, name: `Puer ${tag}` });
    const gone = await createProduct({ priceMinor: 3000, stock: 0, name: `Matcha ${tag}` });
    await db.update(products).set({ nameZh: `乌龙茶${tag}` }).where(eq(products.id, cheap.id));
    const ids = async (input: Parameters<typeof listProducts>[1]) => (await listProducts(db, { pageSize: 100, ...input })).items.map((p) => p.id).sort();

    expect(await ids({ q: `乌龙茶${tag}` })).toEqual([cheap.id]);
    expect(await ids({ q: tag })).toEqual([cheap.id, dear.id, gone.id].sort());
    expect(await ids({ q: tag, minPrice: 2000, maxPrice: 9000 })).toEqual([dear.id, gone.id].sort());
    expect(await ids({ q: tag, inStock: true })).toEqual([cheap.id, dear.id].sort());
    const listed = (await callerAs(null).catalog.list({ q: tag })).items.find((p) => p.id === gone.id);
    expect(listed).toMatchObject({ available: 0 });
    await expect(callerAs(null).catalog.list({ minPrice: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
