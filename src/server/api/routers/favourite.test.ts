import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { products } from "@/server/db/schema";
import { callerAs, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";

describe("favourites", () => {
  it("saves, lists with price and availability, shows the saved state and removes — idempotently", async () => {
    const { caller } = await createShopper();
    const tea = await createProduct({ priceMinor: 2500, stock: 4 });
    const cup = await createProduct({ priceMinor: 900, stock: 0 });
    expect(await caller.favourite.state({ productId: tea.id })).toEqual({ productId: tea.id, saved: false });
    await caller.favourite.add({ productId: tea.id });
    await caller.favourite.add({ productId: tea.id });
    await caller.favourite.add({ productId: cup.id });
    expect(await caller.favourite.state({ productId: tea.id })).toEqual({ productId: tea.id, saved: true });
    const list = await caller.favourite.list({});
    expect(list.total).toBe(2);
    expect(list.items.find((f) => f.productId === tea.id)).toMatchObject({ priceMinor: 2500, available: 4, onSale: true });
    expect(list.items.find((f) => f.productId === cup.id)).toMatchObject({ available: 0 });

    // A product the shop hides stays in the list, marked as no longer on sale; it cannot be newly saved.
    await getDb().update(products).set({ active: false }).where(eq(products.id, cup.id));
    expect((await caller.favourite.list({})).items.find((f) => f.productId === cup.id)).toMatchObject({ onSale: false });
    const other = await createShopper();
    await expect(other.caller.favourite.add({ productId: cup.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.caller.favourite.add({ productId: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await caller.favourite.remove({ productId: tea.id });
    await caller.favourite.remove({ productId: tea.id });
    expect((await caller.favourite.list({})).items.map((f) => f.productId)).toEqual([cup.id]);
    // Another shopper sees none of them.
    expect((await other.caller.favourite.list({})).total).toBe(0);
  });

  it("is for signed-in shoppers only", async () => {
    const product = await createProduct();
    await expect(callerAs(null).favourite.add({ productId: product.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { caller } = await createAdmin();
    await expect(caller.favourite.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
