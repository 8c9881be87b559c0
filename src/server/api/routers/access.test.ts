import { describe, expect, it } from "vitest";
import { createAddressFor, createAdmin, createProduct, createShopper, callerAs } from "../../../../test/fixtures";

describe("procedure tiers and ownership", () => {
  it("answers UNAUTHORIZED without a session and FORBIDDEN for the wrong role", async () => {
    const anonymous = callerAs(null);
    await expect(anonymous.cart.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.adminOrder.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const shopper = await createShopper();
    await expect(shopper.caller.adminOrder.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createAdmin();
    await expect(admin.caller.cart.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows shopper A nothing of shopper B: orders, addresses and cart items are NOT_FOUND", async () => {
    const a = await createShopper();
    const b = await createShopper();
    const addressOfB = await createAddressFor(b.user.id);
    const product = await createProduct();
    const cartOfB = await b.caller.cart.add({ productId: product.id, quantity: 1 });
    const orderOfB = await b.caller.order.checkout({ addressId: addressOfB.id, items: [{ productId: product.id, quantity: 1 }] });

    await expect(a.caller.order.byId({ id: orderOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.order.cancel({ id: orderOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.address.byId({ id: addressOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.address.update({ id: addressOfB.id, recipient: "x", phone: "13800000000", province: "p", city: "c", district: "d", detail: "d" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(a.caller.address.remove({ id: addressOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.cart.update({ itemId: cartOfB.lines[0]!.id, quantity: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.cart.remove({ itemId: cartOfB.lines[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await a.caller.order.mine({})).items).toHaveLength(0);

    // B still sees everything unchanged.
    expect((await b.caller.order.byId({ id: orderOfB.id })).status).toBe("pending_payment");
    expect((await b.caller.address.byId({ id: addressOfB.id })).recipient).toBe(addressOfB.recipient);
  });

  it("lets admins find any order by number and shopper", async () => {
    const b = await createShopper();
    const address = await createAddressFor(b.user.id);
    const product = await createProduct();
    const order = await b.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 2 }] });
    const admin = await createAdmin();
    const byNumber = await admin.caller.adminOrder.list({ orderNo: order.orderNo });
    expect(byNumber.items.map((o) => o.id)).toEqual([order.id]);
    const byShopper = await admin.caller.adminOrder.list({ shopper: b.user.email });
    expect(byShopper.total).toBe(1);
    const detail = await admin.caller.adminOrder.byId({ id: order.id });
    expect(detail.shopper.email).toBe(b.user.email);
  });

  it("rejects bad input with BAD_REQUEST and field messages, never a 500", async () => {
    const a = await createShopper();
    const error = await a.caller.address.create({ recipient: "", phone: "abc", province: "浙江省", city: "杭州市", district: "西湖区", detail: "x" }).catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    await expect(a.caller.order.byId({ id: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
