import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { products } from "@/server/db/schema";
import { createNotification } from "@/server/domain/notification";
import { callerAs, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";

/**
 * `auth.header` is all a shop page reads per reader (the pages themselves are built once), so
 * what it counts must be what the cart and the notifications page then show.
 */
describe("the shop header's per-reader part", () => {
  it("is empty for a visitor and names an admin without a cart", async () => {
    expect(await callerAs(null).auth.header()).toEqual({ user: null, cartCount: 0, unreadCount: 0 });
    const { user, caller } = await createAdmin();
    expect(await caller.auth.header()).toEqual({ user: { name: user.name, role: "admin" }, cartCount: 0, unreadCount: 0 });
  });

  it("counts the items the cart shows, leaving out products no longer sold, and the unread notifications", async () => {
    const { user, caller } = await createShopper();
    const tea = await createProduct({ stock: 50 });
    const cup = await createProduct({ stock: 50 });
    const retired = await createProduct({ stock: 50 });
    await caller.cart.add({ productId: tea.id, quantity: 3 });
    await caller.cart.add({ productId: cup.id, quantity: 2 });
    await caller.cart.add({ productId: retired.id, quantity: 4 });
    await getDb().update(products).set({ active: false }).where(eq(products.id, retired.id));

    const notify = () => createNotification(getDb(), { userId: user.id, orderId: null, kind: "message_replied", params: {}, sourceEventId: randomUUID() });
    await notify();
    await notify();

    const header = await caller.auth.header();
    expect(header).toEqual({ user: { name: user.name, role: "shopper" }, cartCount: 5, unreadCount: 2 });
    expect(header.cartCount).toBe((await caller.cart.get()).itemCount);

    // Another shopper's cart and notifications are not counted.
    const other = await createShopper();
    expect(await other.caller.auth.header()).toMatchObject({ cartCount: 0, unreadCount: 0 });
  });
});
