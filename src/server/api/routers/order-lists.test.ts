import { describe, expect, it } from "vitest";
import { createAddressFor, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";

/** The list procedures behind "My orders" and admin Orders: server-side pages and filters. */
describe("order lists", () => {
  it("pages a shopper's own orders newest first and filters them by status", async () => {
    const shopper = await createShopper();
    const other = await createShopper();
    const address = await createAddressFor(shopper.user.id);
    const otherAddress = await createAddressFor(other.user.id);
    const product = await createProduct({ stock: 100, priceMinor: 500 });
    const placed: { id: string; orderNo: string }[] = [];
    for (let i = 1; i <= 12; i++) {
      placed.push(await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: i % 3 === 0 ? 2 : 1 }] }));
    }
    await other.caller.order.checkout({ addressId: otherAddress.id, items: [{ productId: product.id, quantity: 1 }] });
    await shopper.caller.order.cancel({ id: placed[0]!.id });

    const first = await shopper.caller.order.mine({ page: 1, pageSize: 10 });
    expect(first.total).toBe(12);
    expect(first.items.map((o) => o.orderNo)).toEqual(placed.slice(2).reverse().map((o) => o.orderNo));
    const second = await shopper.caller.order.mine({ page: 2, pageSize: 10 });
    expect(second.items.map((o) => o.id)).toEqual([placed[1]!.id, placed[0]!.id]);
    expect(second.total).toBe(12);
    expect(first.items.find((o) => o.id === placed[2]!.id)).toMatchObject({ itemCount: 2, payableTotalMinor: 1000, status: "pending_payment" });

    const cancelled = await shopper.caller.order.mine({ page: 1, pageSize: 10, status: "cancelled" });
    expect(cancelled.items.map((o) => o.id)).toEqual([placed[0]!.id]);
    expect(cancelled.total).toBe(1);
    const beyond = await shopper.caller.order.mine({ page: 5, pageSize: 10 });
    expect(beyond).toMatchObject({ items: [], total: 12 });
  });

  it("lets admins filter by number, shopper, status and a created-at range", async () => {
    const admin = await createAdmin();
    const shopper = await createShopper();
    const address = await createAddressFor(shopper.user.id);
    const product = await createProduct({ stock: 100 });
    const a = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 1 }] });
    const b = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 1 }] });
    await shopper.caller.order.cancel({ id: b.id });

    const byNumber = await admin.caller.adminOrder.list({ orderNo: a.orderNo });
    expect(byNumber.items.map((o) => o.id)).toEqual([a.id]);
    expect(byNumber.items[0]).toMatchObject({ shopperEmail: shopper.user.email, status: "pending_payment", paymentStatus: "unpaid", logisticsStatus: "none" });

    const byShopper = await admin.caller.adminOrder.list({ shopper: shopper.user.email.toUpperCase() });
    expect(byShopper.items.map((o) => o.id).sort()).toEqual([a.id, b.id].sort());
    expect(byShopper.total).toBe(2);

    const cancelled = await admin.caller.adminOrder.list({ shopper: shopper.user.email, status: "cancelled" });
    expect(cancelled.items.map((o) => o.id)).toEqual([b.id]);

    const now = Date.now();
    const inRange = await admin.caller.adminOrder.list({ shopper: shopper.user.email, from: new Date(now - 3_600_000), to: new Date(now + 3_600_000) });
    expect(inRange.total).toBe(2);
    const before = await admin.caller.adminOrder.list({ shopper: shopper.user.email, to: new Date(now - 3_600_000) });
    expect(before.total).toBe(0);

    const paged = await admin.caller.adminOrder.list({ shopper: shopper.user.email, pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 2, page: 2 });
    expect(paged.items.map((o) => o.id)).toEqual([a.id]);

    const detail = await admin.caller.adminOrder.byId({ id: b.id });
    expect(detail.shopper.email).toBe(shopper.user.email);
    expect(detail.statusLog.map((row) => [row.fromStatus, row.toStatus, row.actor])).toEqual([
      [null, "pending_payment", "shopper"],
      ["pending_payment", "cancelled", "shopper"],
    ]);
  });
});
