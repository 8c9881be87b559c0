import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { paymentLog, refundItems } from "@/server/db/schema";
import { shareOut } from "@/server/domain/payment";
import { createAddressFor, createAdmin, createProduct, createShopper } from "../../../test/fixtures";
import { GOOD_CARD, installTestGateway, newKey, paymentRow, settleRefund } from "../../../test/payment-fixtures";

installTestGateway();

/** A paid order of two lines: 2 × ¥30.00 tea and 1 × ¥12.50 cup, plus shipping. */
async function paidOrderOfTwo() {
  const shopper = await createShopper();
  const address = await createAddressFor(shopper.user.id);
  const tea = await createProduct({ stock: 50, priceMinor: 3_000 });
  const cup = await createProduct({ stock: 50, priceMinor: 1_250 });
  const order = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: tea.id, quantity: 2 }, { productId: cup.id, quantity: 1 }] });
  const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
  const paid = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
  expect(paid.outcome).toBe("succeeded");
  const detail = await shopper.caller.order.byId({ id: order.id });
  const itemOf = (productId: string) => detail.items.find((item) => item.productId === productId)!.id;
  return { shopper, order: detail, payment: paid.payment, teaItem: itemOf(tea.id), cupItem: itemOf(cup.id) };
}

describe("refunds by items", () => {
  it("prices picked items at what was paid, stores them with the refund and its audit row, and shows them in the order's payment section", async () => {
    const { shopper, order, payment, teaItem, cupItem } = await paidOrderOfTwo();
    const { refund } = await shopper.caller.payment.requestRefund({ orderId: order.id, reason: "one tea tin dented", items: [{ orderItemId: teaItem, quantity: 1 }], idempotencyKey: newKey() });
    expect(refund).toMatchObject({ status: "requested", amountMinor: 3_000 });
    expect(await getDb().select({ orderItemId: refundItems.orderItemId, quantity: refundItems.quantity, amountMinor: refundItems.amountMinor }).from(refundItems).where(eq(refundItems.refundId, refund.id))).toEqual([
      { orderItemId: teaItem, quantity: 1, amountMinor: 3_000 },
    ]);
    const [log] = await getDb().select().from(paymentLog).where(eq(paymentLog.refundId, refund.id));
    expect(log).toMatchObject({ kind: "refund_created", data: { items: [{ orderItemId: teaItem, quantity: 1, amountMinor: 3_000 }] } });

    // Less than the items' value is fine, shared out over the items; the section shows what is left per item.
    const partial = await shopper.caller.payment.requestRefund({
      orderId: order.id,
      reason: "the other tin and the cup, partly",
      amountMinor: 2_000,
      items: [{ orderItemId: teaItem, quantity: 1 }, { orderItemId: cupItem, quantity: 1 }],
    });
    expect(partial.refund.amountMinor).toBe(2_000);
    const section = await shopper.caller.payment.forOrder({ orderId: order.id });
    expect(section.items.map((item) => [item.orderItemId, item.quantity, item.refundedQuantity, item.refundableQuantity]).sort()).toEqual(
      [
        [teaItem, 2, 2, 0],
        [cupItem, 1, 1, 0],
      ].sort(),
    );
    const shares = section.refunds.find((r) => r.id === partial.refund.id)!.items;
    expect(shares.reduce((sum, item) => sum + item.amountMinor, 0)).toBe(2_000);
    expect(section).toMatchObject({ paidMinor: payment.amountMinor, refundedMinor: 0, refundPendingMinor: 5_000 });

    // Settled: refunded and pending follow.
    const admin = await createAdmin();
    await admin.caller.adminPayment.refunds.approve({ refundId: refund.id });
    await settleRefund(refund.refundSn);
    expect(await shopper.caller.payment.forOrder({ orderId: order.id })).toMatchObject({ refundedMinor: 3_000, refundPendingMinor: 2_000 });

    // A rejected refund gives its items back.
    await admin.caller.adminPayment.refunds.reject({ refundId: partial.refund.id, note: "not covered" });
    const after = await shopper.caller.payment.forOrder({ orderId: order.id });
    expect(after.items.find((item) => item.orderItemId === cupItem)).toMatchObject({ refundedQuantity: 0, refundableQuantity: 1 });
    expect(after.items.find((item) => item.orderItemId === teaItem)).toMatchObject({ refundedQuantity: 1, refundableQuantity: 1 });
  });

  it("refuses more than was bought less what refunds hold, more than the items are worth, and another order's items", async () => {
    const { shopper, order, teaItem, cupItem } = await paidOrderOfTwo();
    const other = await paidOrderOfTwo();
    const ask = (items: { orderItemId: string; quantity: number }[], amountMinor?: number) => shopper.caller.payment.requestRefund({ orderId: order.id, reason: "r", items, amountMinor });

    await expect(ask([{ orderItemId: teaItem, quantity: 3 }])).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "REFUND_ITEM_QUANTITY_EXCEEDED", params: { refundable: 2 } } });
    await ask([{ orderItemId: teaItem, quantity: 2 }]);
    await expect(ask([{ orderItemId: teaItem, quantity: 1 }])).rejects.toMatchObject({ cause: { code: "REFUND_ITEM_QUANTITY_EXCEEDED", params: { refundable: 0 } } });
    await expect(ask([{ orderItemId: cupItem, quantity: 1 }], 1_251)).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "REFUND_AMOUNT_ABOVE_ITEMS", params: { maxMinor: 1_250 } } });
    await expect(ask([{ orderItemId: other.cupItem, quantity: 1 }])).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "REFUND_ITEM_NOT_IN_ORDER" } });
    await expect(ask([{ orderItemId: crypto.randomUUID(), quantity: 1 }])).rejects.toMatchObject({ cause: { code: "REFUND_ITEM_NOT_IN_ORDER" } });
    // The same item twice, no amount and no items: field errors, before anything is read.
    await expect(ask([{ orderItemId: cupItem, quantity: 1 }, { orderItemId: cupItem, quantity: 1 }])).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(shopper.caller.payment.requestRefund({ orderId: order.id, reason: "r" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Nothing of the refused requests was held.
    expect((await shopper.caller.payment.forOrder({ orderId: order.id })).refundPendingMinor).toBe(6_000);
    // Refunds by amount still work beside refunds by items.
    await expect(shopper.caller.payment.requestRefund({ orderId: order.id, reason: "shipping", amountMinor: 100 })).resolves.toMatchObject({ refund: { amountMinor: 100 } });
  });

  it("an admin refunds items directly: priced like a request, stored with the refund, the order hub's items follow; an amount may be lowered, never raised", async () => {
    const { order, payment, teaItem, cupItem } = await paidOrderOfTwo();
    const admin = await createAdmin();
    const refundItemsOf = (refundId: string) =>
      getDb().select({ orderItemId: refundItems.orderItemId, quantity: refundItems.quantity, amountMinor: refundItems.amountMinor }).from(refundItems).where(eq(refundItems.refundId, refundId));

    const { refund } = await admin.caller.adminPayment.refund({
      paymentId: payment.id,
      reason: "tin and cup broken in transit",
      items: [{ orderItemId: teaItem, quantity: 1 }, { orderItemId: cupItem, quantity: 1 }],
      idempotencyKey: newKey(),
    });
    expect(refund.amountMinor).toBe(4_250);
    expect((await refundItemsOf(refund.id)).sort((a, b) => a.amountMinor - b.amountMinor)).toEqual([
      { orderItemId: cupItem, quantity: 1, amountMinor: 1_250 },
      { orderItemId: teaItem, quantity: 1, amountMinor: 3_000 },
    ]);
    const [log] = await getDb().select().from(paymentLog).where(eq(paymentLog.refundId, refund.id));
    expect(log).toMatchObject({ kind: "refund_created", actor: "admin" });
    const links = await admin.caller.adminOrder.links({ id: order.id });
    expect(links.refundableItems.map((item) => [item.orderItemId, item.refundedQuantity, item.refundableQuantity]).sort()).toEqual(
      [
        [teaItem, 1, 1],
        [cupItem, 1, 0],
      ].sort(),
    );

    // The last tin for less than it cost; then no more tins, and never more than the items are worth.
    const last = await admin.caller.adminPayment.refund({ paymentId: payment.id, reason: "last tin, partly", amountMinor: 1_000, items: [{ orderItemId: teaItem, quantity: 1 }] });
    expect(last.refund.amountMinor).toBe(1_000);
    expect(await refundItemsOf(last.refund.id)).toEqual([{ orderItemId: teaItem, quantity: 1, amountMinor: 1_000 }]);
    await expect(admin.caller.adminPayment.refund({ paymentId: payment.id, reason: "again", items: [{ orderItemId: teaItem, quantity: 1 }] })).rejects.toMatchObject({
      cause: { code: "REFUND_ITEM_QUANTITY_EXCEEDED", params: { refundable: 0 } },
    });
    const fresh = await paidOrderOfTwo();
    await expect(admin.caller.adminPayment.refund({ paymentId: fresh.payment.id, reason: "too much", amountMinor: 1_251, items: [{ orderItemId: fresh.cupItem, quantity: 1 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "REFUND_AMOUNT_ABOVE_ITEMS", params: { maxMinor: 1_250 } },
    });
    await expect(admin.caller.adminPayment.refund({ paymentId: fresh.payment.id, reason: "other order", items: [{ orderItemId: cupItem, quantity: 1 }] })).rejects.toMatchObject({
      cause: { code: "REFUND_ITEM_NOT_IN_ORDER" },
    });
    // No amount and no items is a field error; a refund by amount alone still works.
    await expect(admin.caller.adminPayment.refund({ paymentId: fresh.payment.id, reason: "r" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.caller.adminPayment.refund({ paymentId: fresh.payment.id, reason: "shipping", amountMinor: 100 })).resolves.toMatchObject({ refund: { amountMinor: 100 } });
  });

  it("concurrent requests for the same items never hold more than was bought", async () => {
    for (let round = 0; round < 5; round++) {
      const { shopper, order, payment, teaItem } = await paidOrderOfTwo();
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => shopper.caller.payment.requestRefund({ orderId: order.id, reason: `tin ${i}`, items: [{ orderItemId: teaItem, quantity: 1 }] })),
      );
      expect(attempts.filter((a) => a.status === "fulfilled"), `round ${round}`).toHaveLength(2);
      for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ cause: { code: "REFUND_ITEM_QUANTITY_EXCEEDED" } });
      expect(await paymentRow(payment.id)).toMatchObject({ refundReservedMinor: 6_000 });
    }
  });
});

describe("shareOut", () => {
  it("splits an amount over items in proportion to their value, in whole units that add up", () => {
    const items = [
      { orderItemId: "a", quantity: 1, valueMinor: 1_000 },
      { orderItemId: "b", quantity: 1, valueMinor: 1_000 },
      { orderItemId: "c", quantity: 1, valueMinor: 1_000 },
    ];
    const shares = shareOut(1_000, items);
    expect(shares.map((s) => s.amountMinor).sort()).toEqual([333, 333, 334]);
    expect(shareOut(3_000, items).map((s) => s.amountMinor)).toEqual([1_000, 1_000, 1_000]);
    expect(shareOut(1, [{ orderItemId: "a", quantity: 1, valueMinor: 1 }])).toEqual([{ orderItemId: "a", quantity: 1, amountMinor: 1 }]);
  });
});
