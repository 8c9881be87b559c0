import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { payments } from "@/server/db/schema";
import { reportInterval } from "@/lib/report-range";
import { createAdmin } from "../../../../test/fixtures";
import { periodStarts } from "./payment.reports";
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

  it("with interval week, one entry per week from its Monday (the first from the range's start), adding up to the daily report", async () => {
    const admin = await createAdmin();
    const made = await Promise.all([10_000, 20_000, 30_000, 40_000].map((priceMinor) => paidPayment({ priceMinor })));
    // 2003-03-01 is a Saturday: the weeks in range start on 03-01 (the range's start), 03-03 and 03-10.
    const at = ["2003-03-02 12:00:00+08", "2003-03-04 12:00:00+08", "2003-03-10 00:10:00+08", "2003-03-16 23:50:00+08"];
    for (const [i, { payment }] of made.entries()) {
      await getDb().update(payments).set({ createdAt: sql`${at[i]}::timestamptz` }).where(inArray(payments.id, [payment.id]));
    }
    const range = { from: "2003-03-01", to: "2003-03-16" };
    const weekly = await admin.caller.adminPayment.report({ ...range, interval: "week" });
    const daily = await admin.caller.adminPayment.report(range);
    expect(weekly.interval).toBe("week");
    expect(daily.interval).toBe("day");
    expect(weekly.days.map((d) => [d.day, d.count, d.capturedMinor])).toEqual([
      ["2003-03-01", 1, 10_000],
      ["2003-03-03", 1, 20_000],
      ["2003-03-10", 2, 70_000],
    ]);
    expect(daily.days).toHaveLength(16);
    expect(weekly.totals).toEqual(daily.totals);
    expect(weekly.byMethod).toEqual(daily.byMethod);
  });
});

describe("report periods", () => {
  it("starts a period on every day, or on the range's first day and then every Monday", () => {
    expect(periodStarts("2003-03-01", "2003-03-03", "day")).toEqual(["2003-03-01", "2003-03-02", "2003-03-03"]);
    expect(periodStarts("2003-03-01", "2003-03-17", "week")).toEqual(["2003-03-01", "2003-03-03", "2003-03-10", "2003-03-17"]);
    expect(periodStarts("2003-03-03", "2003-03-09", "week")).toEqual(["2003-03-03"]);
  });

  it("draws ranges of up to 92 days by day and longer ones by week", () => {
    expect(reportInterval({ from: "2003-01-01", to: "2003-04-03" })).toBe("day");
    expect(reportInterval({ from: "2003-01-01", to: "2003-04-04" })).toBe("week");
    expect(reportInterval({ from: "2002-12-04", to: "2003-12-04" })).toBe("week");
  });
});
