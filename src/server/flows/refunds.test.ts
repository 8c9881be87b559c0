import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { gatewayRefunds, orderStatusLog, refunds } from "@/server/db/schema";
import { getGatewayDb } from "@/server/domain/payment";
import { createAdmin } from "../../../test/fixtures";
import { expectMoneyInvariants, orderRow, paidPayment, paymentRow, pendingPayment, settleRefund, installTestGateway } from "../../../test/payment-fixtures";

installTestGateway();

async function refundRow(id: string) {
  const [row] = await getDb().select().from(refunds).where(eq(refunds.id, id));
  return row!;
}

describe("refunds", () => {
  it("10 concurrent partial refunds worth more than was captured, 20 rounds: the total stays within it, the rest is refused", async () => {
    const admin = await createAdmin();
    const paymentIds: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { shopper, order, payment } = await paidPayment({ priceMinor: 10_000 });
      paymentIds.push(payment.id);
      const attempts = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 1_500, reason: `part ${i}` })),
      );
      const accepted = attempts.filter((a) => a.status === "fulfilled");
      const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
      expect(accepted, `round ${round}`).toHaveLength(6); // 6 × 1500 = 9000 ≤ 10000 < 7 × 1500
      for (const r of refused) expect(r.reason).toMatchObject({ code: "CONFLICT", cause: { code: "REFUND_EXCEEDS_CAPTURED" } });
      expect(await paymentRow(payment.id)).toMatchObject({ refundReservedMinor: 9_000, refundedMinor: 0 });

      if (round === 0) {
        // Approve and settle them all, concurrently: refunded total 9000 ≤ captured.
        const held = accepted.map((a) => (a as PromiseFulfilledResult<{ refund: { id: string; refundSn: string } }>).value.refund);
        await Promise.all(held.map((r) => admin.caller.adminPayment.refunds.approve({ refundId: r.id })));
        await Promise.all(held.map((r) => settleRefund(r.refundSn)));
        expect(await paymentRow(payment.id)).toMatchObject({ status: "partially_refunded", refundedMinor: 9_000, refundReservedMinor: 0 });
        expect((await orderRow(order.id)).status).toBe("paid"); // partial refunds leave the order where it is
        // The last 1000 can still be refunded; more cannot.
        await expect(shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 1_001, reason: "too much" })).rejects.toMatchObject({ code: "CONFLICT" });
      }
    }
    await expectMoneyInvariants(paymentIds);
  });

  it("request → approve → gateway settles after its delay → notification → succeeded, order mirrors follow", async () => {
    const { shopper, order, payment } = await paidPayment({ priceMinor: 5_000 });
    const { refund } = await shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 2_000, reason: "one item arrived broken" });
    expect(refund).toMatchObject({ status: "requested", amountMinor: 2_000 });
    const section = await shopper.caller.payment.forOrder({ orderId: order.id });
    expect(section).toMatchObject({ refundableMinor: 3_000, canRequestRefund: true, refunds: [{ status: "requested" }] });

    const admin = await createAdmin();
    const approved = await admin.caller.adminPayment.refunds.approve({ refundId: refund.id, note: "photos checked" });
    expect(approved).toMatchObject({ status: "processing", reviewNote: "photos checked" });
    const [atGateway] = await getGatewayDb().select().from(gatewayRefunds).where(eq(gatewayRefunds.refundKey, refund.refundSn));
    expect(atGateway).toMatchObject({ status: "pending", amountMinor: 2_000 });

    await settleRefund(refund.refundSn);
    expect(await refundRow(refund.id)).toMatchObject({ status: "succeeded" });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "partially_refunded", refundedMinor: 2_000 });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", paymentStatus: "partially_refunded" });
    // A second delivery of the same result changes nothing.
    await settleRefund(refund.refundSn);
    expect((await paymentRow(payment.id)).refundedMinor).toBe(2_000);
    await expectMoneyInvariants([payment.id]);
  });

  it("a full refund takes the order through refunding to refunded", async () => {
    const { order, payment } = await paidPayment({ priceMinor: 4_200 });
    const admin = await createAdmin();
    const { refund } = await admin.caller.adminPayment.refund({ paymentId: payment.id, amountMinor: 4_200, reason: "goodwill" });
    expect(refund.status).toBe("processing");
    expect((await orderRow(order.id)).status).toBe("refunding");
    await settleRefund(refund.refundSn);
    expect(await paymentRow(payment.id)).toMatchObject({ status: "refunded", refundedMinor: 4_200 });
    expect(await orderRow(order.id)).toMatchObject({ status: "refunded", paymentStatus: "refunded" });
    const log = await getDb().select().from(orderStatusLog).where(eq(orderStatusLog.orderId, order.id)).orderBy(orderStatusLog.id);
    expect(log.map((l) => l.toStatus)).toEqual(["pending_payment", "paid", "refunding", "refunded"]);
    await expectMoneyInvariants([payment.id]);
  });

  it("a failed full refund releases the hold and returns the order to where it was", async () => {
    const { order, payment } = await paidPayment({ priceMinor: 3_000 });
    const admin = await createAdmin();
    const { refund } = await admin.caller.adminPayment.refund({ paymentId: payment.id, amountMinor: 3_000, reason: "test failure" });
    await settleRefund(refund.refundSn, { refundFailurePercent: 100 });
    expect(await refundRow(refund.id)).toMatchObject({ status: "failed", failureCode: "refund_failed" });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "succeeded", refundedMinor: 0, refundReservedMinor: 0 });
    expect((await orderRow(order.id)).status).toBe("paid");
    await expectMoneyInvariants([payment.id]);
  });

  it("a rejected request releases its hold; other shoppers and unpaid orders cannot ask", async () => {
    const { shopper, order, payment } = await paidPayment({ priceMinor: 2_000 });
    const { refund } = await shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 2_000, reason: "changed my mind" });
    const admin = await createAdmin();
    await expect(admin.caller.adminPayment.refunds.reject({ refundId: refund.id, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const rejected = await admin.caller.adminPayment.refunds.reject({ refundId: refund.id, note: "outside the policy" });
    expect(rejected).toMatchObject({ status: "rejected", reviewNote: "outside the policy" });
    expect(await paymentRow(payment.id)).toMatchObject({ refundReservedMinor: 0, status: "succeeded" });
    await expect(admin.caller.adminPayment.refunds.approve({ refundId: refund.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const other = await paidPayment();
    await expect(other.shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 100, reason: "not mine" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const unpaid = await pendingPayment();
    await expect(unpaid.shopper.caller.payment.requestRefund({ orderId: unpaid.order.id, amountMinor: 100, reason: "not paid" })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "REFUND_NOT_ALLOWED" },
    });
    await expectMoneyInvariants([payment.id, other.payment.id]);
  });
});
