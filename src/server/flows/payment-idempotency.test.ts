import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { gatewayCharges, paymentIdempotencyKeys, payments, refunds } from "@/server/db/schema";
import { getGatewayDb, purgeExpiredIdempotencyKeys } from "@/server/domain/payment";
import { createPendingOrder } from "../../../test/fixtures";
import { DECLINED_CARD, GOOD_CARD, expectMoneyInvariants, newKey, paidPayment, pendingPayment, installTestGateway } from "../../../test/payment-fixtures";

installTestGateway();

describe("idempotency keys", () => {
  it("create payment: same key and parameters return the original payment; other parameters are refused", async () => {
    const { shopper, order } = await createPendingOrder();
    const key = newKey();
    const first = await shopper.caller.payment.create({ orderId: order.id, method: "card", idempotencyKey: key });
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => shopper.caller.payment.create({ orderId: order.id, method: "card", idempotencyKey: key })));
    for (const again of concurrent) expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id } });
    await expect(shopper.caller.payment.create({ orderId: order.id, method: "alipay", idempotencyKey: key })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "IDEMPOTENCY_KEY_REUSED" },
    });
    // Without a key the open payment is protected by its own rule.
    await expect(shopper.caller.payment.create({ orderId: order.id, method: "card" })).rejects.toMatchObject({ cause: { code: "PAYMENT_ALREADY_OPEN" } });
    expect(await getDb().select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(1);
  });

  it("pay attempt: a replay returns the original result without a second charge; a changed card is refused", async () => {
    const { shopper, payment } = await pendingPayment();
    const key = newKey();
    const declined = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: DECLINED_CARD }, idempotencyKey: key });
    expect(declined.outcome).toBe("failed");
    const replay = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: DECLINED_CARD }, idempotencyKey: key });
    expect(replay).toMatchObject({ outcome: "failed", replayed: true, payment: { attemptCount: 1 } });
    await expect(shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD }, idempotencyKey: key })).rejects.toMatchObject({
      cause: { code: "IDEMPOTENCY_KEY_REUSED" },
    });
    const charges = await getGatewayDb().select().from(gatewayCharges).where(eq(gatewayCharges.merchantRef, payment.paymentSn));
    expect(charges).toHaveLength(1);
    // A new key is a new attempt.
    const paid = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD }, idempotencyKey: newKey() });
    expect(paid).toMatchObject({ outcome: "succeeded", payment: { attemptCount: 2 } });
    await expectMoneyInvariants([payment.id]);
  });

  it("pay attempt: 5 concurrent retries with one key charge once (20 rounds)", async () => {
    const ids: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { shopper, payment } = await pendingPayment();
      ids.push(payment.id);
      const key = newKey();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD }, idempotencyKey: key })),
      );
      expect(results.filter((r) => !r.replayed), `round ${round}`).toHaveLength(1);
      for (const r of results) expect(r.payment.status).toBe("succeeded");
      const charges = await getGatewayDb().select().from(gatewayCharges).where(eq(gatewayCharges.merchantRef, payment.paymentSn));
      expect(charges).toHaveLength(1);
    }
    await expectMoneyInvariants(ids);
  });

  it("create refund: a replay returns the original refund; another amount is refused", async () => {
    const { shopper, order, payment } = await paidPayment({ priceMinor: 9_000 });
    const key = newKey();
    const first = await shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 1_000, reason: "scratched", idempotencyKey: key });
    const again = await shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 1_000, reason: "scratched", idempotencyKey: key });
    expect(again).toMatchObject({ replayed: true, refund: { id: first.refund.id } });
    await expect(shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 2_000, reason: "scratched", idempotencyKey: key })).rejects.toMatchObject({
      cause: { code: "IDEMPOTENCY_KEY_REUSED" },
    });
    expect(await getDb().select().from(refunds).where(eq(refunds.paymentId, payment.id))).toHaveLength(1);
    await expectMoneyInvariants([payment.id]);
  });

  it("keeps keys for at least 24 hours, then forgets them", async () => {
    const { shopper, order } = await createPendingOrder();
    const key = newKey();
    await shopper.caller.payment.create({ orderId: order.id, method: "card", idempotencyKey: key });
    const [row] = await getDb().select().from(paymentIdempotencyKeys).where(eq(paymentIdempotencyKeys.key, key));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(await purgeExpiredIdempotencyKeys(getDb(), new Date(Date.now() + 23 * 3600 * 1000)).then(() => getDb().select().from(paymentIdempotencyKeys).where(eq(paymentIdempotencyKeys.key, key)))).toHaveLength(1);
    await getDb()
      .update(paymentIdempotencyKeys)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(and(eq(paymentIdempotencyKeys.key, key)));
    await purgeExpiredIdempotencyKeys(getDb(), new Date());
    expect(await getDb().select().from(paymentIdempotencyKeys).where(eq(paymentIdempotencyKeys.key, key))).toHaveLength(0);
  });

  it("an expired key not yet purged is used afresh: a new request with it runs and keeps the key another 24 hours", async () => {
    const first = await createPendingOrder();
    const key = newKey();
    await first.shopper.caller.payment.create({ orderId: first.order.id, method: "card", idempotencyKey: key });
    await getDb().update(paymentIdempotencyKeys).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(paymentIdempotencyKeys.key, key));
    // Other parameters under the same key: refused while the key lives, run once it has expired.
    const second = await first.shopper.caller.order.checkout({ addressId: first.address.id, items: [{ productId: first.product.id, quantity: 1 }] });
    const created = await first.shopper.caller.payment.create({ orderId: second.id, method: "card", idempotencyKey: key });
    expect(created.payment.orderId).toBe(second.id);
    const [row] = await getDb().select().from(paymentIdempotencyKeys).where(eq(paymentIdempotencyKeys.key, key));
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    await expect(first.shopper.caller.payment.create({ orderId: first.order.id, method: "card", idempotencyKey: key })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
