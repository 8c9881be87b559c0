import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { payments } from "@/server/db/schema";
import { createAdmin } from "../../../../test/fixtures";
import { DECLINED_CARD, paidPayment, pendingPayment, settleRefund, installTestGateway } from "../../../../test/payment-fixtures";

installTestGateway();

describe("payment report", () => {
  it("counts per day by status and method, with success and refund rates", async () => {
    const admin = await createAdmin();
    const paid = await paidPayment({ priceMinor: 10_000 });
    const paid2 = await paidPayment({ priceMinor: 30_000 });
    const failed = await pendingPayment({ priceMinor: 5_000 });
    await failed.shopper.caller.payment.pay({ paymentId: failed.payment.id, method: "card", card: { number: DECLINED_CARD } });
    const open = await pendingPayment({ priceMinor: 7_000, method: "alipay" });
    const { refund } = await admin.caller.adminPayment.refund({ paymentId: paid.payment.id, amountMinor: 4_000, reason: "report test" });
    await settleRefund(refund.refundSn);

    // Move these payments to days of their own, so the report sees only them.
    const day1 = [paid.payment.id, failed.payment.id];
    const day2 = [paid2.payment.id, open.payment.id];
    await getDb().update(payments).set({ createdAt: sql`'2001-02-03 10:00:00+08'::timestamptz` }).where(inArray(payments.id, day1));
    await getDb().update(payments).set({ createdAt: sql`'2001-02-04 23:30:00+08'::timestamptz` }).where(inArray(payments.id, day2));

    const report = await admin.caller.adminPayment.report({ from: "2001-02-02", to: "2001-02-04" });
    expect(report.days.map((d) => d.day)).toEqual(["2001-02-02", "2001-02-03", "2001-02-04"]);
    expect(report.days[0]!.count).toBe(0);
    expect(report.days[1]).toMatchObject({
      count: 2,
      countByStatus: { partially_refunded: 1, failed: 1 },
      countByMethod: { card: 2 },
      capturedMinor: 10_000,
      refundedMinor: 4_000,
    });
    expect(report.days[2]).toMatchObject({ count: 2, countByStatus: { succeeded: 1, processing: 0, pending: 1 }, countByMethod: { card: 1, alipay: 1 }, amountByMethod: { alipay: 7_000 } });
    expect(report.totals).toMatchObject({ count: 4, captured: 2, capturedMinor: 40_000, refundedMinor: 4_000 });
    expect(report.totals.successRate).toBeCloseTo(2 / 3);
    expect(report.totals.refundRate).toBeCloseTo(0.1);
    expect(report.byMethod.find((m) => m.method === "card")).toMatchObject({ count: 3, captured: 2 });
    await expect(admin.caller.adminPayment.report({ from: "2001-02-05", to: "2001-02-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
