import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inventory, products } from "@/server/db/schema";
import { callerAs, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";

describe("a guest's cart", () => {
  it("is priced for anyone with current product data and stock; products no longer sold are left out", async () => {
    const tea = await createProduct({ priceMinor: 2500, stock: 4 });
    const cup = await createProduct({ priceMinor: 900, stock: 10 });
    const hidden = await createProduct({ priceMinor: 100, stock: 10 });
    await getDb().update(products).set({ active: false }).where(eq(products.id, hidden.id));
    const guest = callerAs(null);
    const cart = await guest.cart.preview({
      lines: [
        { productId: tea.id, quantity: 2 },
        { productId: hidden.id, quantity: 1 },
        { productId: crypto.randomUUID(), quantity: 1 },
        { productId: cup.id, quantity: 3 },
        { productId: tea.id, quantity: 1 },
      ],
    });
    expect(cart.lines.map((line) => [line.id, line.productId, line.quantity, line.available, line.lineTotalMinor])).toEqual([
      [tea.id, tea.id, 3, 4, 7500],
      [cup.id, cup.id, 3, 10, 2700],
    ]);
    expect(cart).toMatchObject({ itemsTotalMinor: 10_200, itemCount: 6, currency: "CNY" });
    expect(await guest.cart.preview({ lines: [] })).toMatchObject({ lines: [], itemsTotalMinor: 0, itemCount: 0 });
    // Bad lines are a 400 with field messages, never a 500.
    await expect(guest.cart.preview({ lines: [{ productId: tea.id, quantity: 0 }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(guest.cart.preview({ lines: Array.from({ length: 51 }, () => ({ productId: tea.id, quantity: 1 })) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("merges into the account's cart, capped by stock and the per-line limit, never shrinking a line", async () => {
    const { caller } = await createShopper();
    const tea = await createProduct({ priceMinor: 2500, stock: 5 });
    const bottle = await createProduct({ priceMinor: 900, stock: 500 });
    const soldOut = await createProduct({ priceMinor: 300, stock: 0 });
    const plenty = await createProduct({ priceMinor: 100, stock: 20 });
    await caller.cart.add({ productId: tea.id, quantity: 3 });
    await caller.cart.add({ productId: bottle.id, quantity: 90 });

    const merged = await caller.cart.merge({
      lines: [
        { productId: tea.id, quantity: 4 },
        { productId: bottle.id, quantity: 20 },
        { productId: soldOut.id, quantity: 1 },
        { productId: plenty.id, quantity: 2 },
        { productId: crypto.randomUUID(), quantity: 1 },
      ],
    });
    const quantities = Object.fromEntries(merged.cart.lines.map((line) => [line.productId, line.quantity]));
    expect(quantities).toEqual({ [tea.id]: 5, [bottle.id]: 99, [plenty.id]: 2 });
    expect(merged.adjustments).toEqual(
      expect.arrayContaining([
        { productId: tea.id, requested: 4, kept: 2 },
        { productId: bottle.id, requested: 20, kept: 9 },
        { productId: soldOut.id, requested: 1, kept: 0 },
      ]),
    );
    expect(merged.adjustments).toHaveLength(4);
    expect(await caller.cart.get()).toEqual(merged.cart);

    // Stock that fell below a line already in the cart does not shrink it (checkout says so).
    await getDb().update(inventory).set({ onHand: 1 }).where(eq(inventory.productId, tea.id));
    const again = await caller.cart.merge({ lines: [{ productId: tea.id, quantity: 1 }] });
    expect(again.cart.lines.find((line) => line.productId === tea.id)?.quantity).toBe(5);
    expect(again.adjustments).toEqual([{ productId: tea.id, requested: 1, kept: 0 }]);
  });

  it("two merges at once add up under the same cap", async () => {
    const { caller } = await createShopper();
    const tea = await createProduct({ priceMinor: 2500, stock: 7 });
    await Promise.all([caller.cart.merge({ lines: [{ productId: tea.id, quantity: 5 }] }), caller.cart.merge({ lines: [{ productId: tea.id, quantity: 5 }] })]);
    expect((await caller.cart.get()).lines.map((line) => line.quantity)).toEqual([7]);
  });

  it("merging is for signed-in shoppers only", async () => {
    const product = await createProduct();
    await expect(callerAs(null).cart.merge({ lines: [{ productId: product.id, quantity: 1 }] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { caller } = await createAdmin();
    await expect(caller.cart.merge({ lines: [{ productId: product.id, quantity: 1 }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
