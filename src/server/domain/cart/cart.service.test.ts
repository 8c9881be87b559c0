import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createProduct, createShopper } from "../../../../test/fixtures";
import { addToCart, getCart } from "./cart.service";

describe("adding to the cart", () => {
  it("adds up repeated adds, also at once, and caps a line at 99", async () => {
    const { user } = await createShopper();
    const product = await createProduct({ stock: 500 });
    await Promise.all(Array.from({ length: 5 }, () => addToCart(getDb(), { userId: user.id, productId: product.id, quantity: 2 })));
    expect((await getCart(getDb(), user.id)).lines.map((l) => [l.productId, l.quantity])).toEqual([[product.id, 10]]);
    const capped = await addToCart(getDb(), { userId: user.id, productId: product.id, quantity: 95 });
    expect(capped.lines.map((l) => l.quantity)).toEqual([99]);
  });

  it("refuses a product no longer sold or unknown, and adds nothing", async () => {
    const { user } = await createShopper();
    const retired = await createProduct({ active: false });
    await expect(addToCart(getDb(), { userId: user.id, productId: retired.id, quantity: 1 })).rejects.toMatchObject({ code: "PRODUCT_INACTIVE" });
    await expect(addToCart(getDb(), { userId: user.id, productId: randomUUID(), quantity: 1 })).rejects.toMatchObject({ code: "PRODUCT_NOT_FOUND" });
    expect((await getCart(getDb(), user.id)).lines).toEqual([]);
  });
});
