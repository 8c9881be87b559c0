import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { settingsChanges } from "@/server/db/schema";
import { closeGatewayDb, createSimulatedGateway, getGatewayDb, paymentSettings, setPaymentProvider } from "@/server/domain/payment";
import { callerAs, createAdmin, createPendingOrder } from "../../../../test/fixtures";
import { DECLINED_CARD, GOOD_CARD, checkMoneyInvariantsAfterEachTest, expectMoneyInvariants, pendingPayment } from "../../../../test/payment-fixtures";

// This file checks the live settings, so its gateway reads them (without waiting out latency).
beforeAll(() => setPaymentProvider(createSimulatedGateway({ db: getGatewayDb(), sleep: async () => {} })));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});
checkMoneyInvariantsAfterEachTest();

describe("payment procedures: tiers and ownership", () => {
  it("answers UNAUTHORIZED without a session and FORBIDDEN for the wrong role", async () => {
    const anonymous = callerAs(null);
    const { shopper, payment } = await pendingPayment();
    await expect(anonymous.payment.byId({ paymentId: payment.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.adminPayment.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(shopper.caller.adminPayment.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shopper.caller.adminPayment.settings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createAdmin();
    await expect(admin.caller.payment.byId({ paymentId: payment.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows shopper B nothing of shopper A's payments: everything is NOT_FOUND and nothing changes", async () => {
    const a = await pendingPayment();
    const b = await createPendingOrder();
    const other = b.shopper.caller;
    await expect(other.payment.byId({ paymentId: a.payment.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.payment.pay({ paymentId: a.payment.id, method: "card", card: { number: GOOD_CARD } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.payment.cancel({ paymentId: a.payment.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.payment.cashier({ orderId: a.order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.payment.forOrder({ orderId: a.order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.payment.create({ orderId: a.order.id, method: "card" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await a.shopper.caller.payment.byId({ paymentId: a.payment.id });
    expect(own).toMatchObject({ status: "pending", attemptCount: 0 });
    expect(Object.keys(own)).not.toContain("providerChargeId");
  });

  it("lets admins filter, sort and page payments, read the timeline and cancel", async () => {
    const admin = await createAdmin();
    const cheap = await pendingPayment({ priceMinor: 111 });
    const dear = await pendingPayment({ priceMinor: 999_001 });
    await dear.shopper.caller.payment.pay({ paymentId: dear.payment.id, method: "card", card: { number: DECLINED_CARD } });

    expect((await admin.caller.adminPayment.list({ paymentSn: cheap.payment.paymentSn })).items.map((p) => p.id)).toEqual([cheap.payment.id]);
    expect((await admin.caller.adminPayment.list({ orderNo: dear.order.orderNo })).items.map((p) => p.id)).toEqual([dear.payment.id]);
    const failedDear = await admin.caller.adminPayment.list({ status: "failed", method: "card", minAmountMinor: 999_000, maxAmountMinor: 999_001 });
    expect(failedDear.items.map((p) => p.id)).toContain(dear.payment.id);
    expect(failedDear.items.every((p) => p.status === "failed" && p.amountMinor >= 999_000)).toBe(true);
    const byAmount = await admin.caller.adminPayment.list({ sort: "amount_desc", pageSize: 2, page: 1 });
    expect(byAmount.items).toHaveLength(2);
    expect(byAmount.items[0]!.amountMinor).toBeGreaterThanOrEqual(byAmount.items[1]!.amountMinor);
    expect(byAmount.total).toBeGreaterThanOrEqual(2);
    await expect(admin.caller.adminPayment.list({ minAmountMinor: 10, maxAmountMinor: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const detail = await admin.caller.adminPayment.byId({ paymentId: dear.payment.id });
    expect(detail.log.map((l) => l.kind)).toEqual(["created", "state_change", "gateway_request", "gateway_response", "state_change"]);
    expect(detail.gatewayCharges).toMatchObject([{ status: "failed", failureCode: "card_declined" }]);
    expect(detail.order.orderNo).toBe(dear.order.orderNo);

    const cancelled = await admin.caller.adminPayment.cancel({ paymentId: dear.payment.id, reason: "customer called" });
    expect(cancelled.status).toBe("cancelled");
    await expect(admin.caller.adminPayment.cancel({ paymentId: dear.payment.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expectMoneyInvariants([cheap.payment.id, dear.payment.id]);
  });
});

describe("payment settings", () => {
  it("admin sets a method's success rate to 0%: the next payment fails; every change is logged; bad values are refused", async () => {
    const admin = await createAdmin();
    const before = await admin.caller.adminPayment.settings.get();
    try {
      await admin.caller.adminPayment.settings.update({ patch: { methods: { balance: { successPercent: 0 } } } });
      const after = await paymentSettings.get(getDb());
      expect(after.methods.balance.successPercent).toBe(0);
      expect(after.methods.card).toEqual(before.methods.card); // other methods untouched

      const { shopper, payment } = await pendingPayment({ method: "balance" });
      const result = await shopper.caller.payment.pay({ paymentId: payment.id, method: "balance" });
      expect(result).toMatchObject({ outcome: "failed", payment: { status: "failed", failureCode: "payment_declined" } });

      const [change] = await getDb().select().from(settingsChanges).where(eq(settingsChanges.changedBy, admin.user.id));
      expect(change).toMatchObject({ namespace: "payment" });

      const invalid = await admin.caller.adminPayment.settings.update({ patch: { ttlMinutes: 0, successPercent: 101 } }).catch((e) => e);
      expect(invalid.code).toBe("BAD_REQUEST");
      expect(invalid.cause.fieldErrors).toMatchObject({ ttlMinutes: expect.any(Array), successPercent: expect.any(Array) });
      await expectMoneyInvariants([payment.id]);
    } finally {
      await admin.caller.adminPayment.settings.update({ patch: { methods: { balance: before.methods.balance } } });
    }
  });
});
