import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { gatewayCharges, inventory, orderStatusLog, paymentLog } from "@/server/db/schema";
import { confirmQrScan, getGatewayDb } from "@/server/domain/payment";
import {
  DECLINED_CARD,
  FAST_CONFIG,
  GOOD_CARD,
  INSUFFICIENT_CARD,
  TIMEOUT_CARD,
  deliverNotificationsFor,
  expectMoneyInvariants,
  newKey,
  orderRow,
  passDeadline,
  paymentRow,
  pendingPayment,
  installTestGateway,
} from "../../../test/payment-fixtures";
import { expireOrderPayment, expirePayment } from "./expire-order-payment";
import { reconcileGatewayLedger } from "./reconcile-gateway-ledger";
import { resolveProcessingPayment } from "./resolve-processing-payment";

const provider = installTestGateway();

async function chargesOf(paymentSn: string) {
  return getGatewayDb().select().from(gatewayCharges).where(eq(gatewayCharges.merchantRef, paymentSn));
}

describe("paying an order", () => {
  it("a good card pays the payment and the order in one go, with mirrors and logs", async () => {
    const { shopper, order, payment } = await pendingPayment({ priceMinor: 8_800 });
    expect(payment).toMatchObject({ status: "pending", amountMinor: 8_800, currency: "CNY", method: "card" });
    expect((await orderRow(order.id)).paymentDeadlineAt?.getTime()).toBe(payment.expiresAt.getTime());

    const result = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    expect(result).toMatchObject({ outcome: "succeeded", replayed: false, payment: { status: "succeeded", attemptCount: 1 } });
    const paidOrder = await orderRow(order.id);
    expect(paidOrder).toMatchObject({ status: "paid", paymentStatus: "succeeded", paymentSn: payment.paymentSn });
    expect(paidOrder.paidAt).not.toBeNull();
    const log = await getDb().select().from(orderStatusLog).where(eq(orderStatusLog.orderId, order.id)).orderBy(orderStatusLog.id);
    expect(log.map((l) => l.toStatus)).toEqual(["pending_payment", "paid"]);
    const kinds = (await getDb().select().from(paymentLog).where(eq(paymentLog.paymentId, payment.id)).orderBy(paymentLog.id)).map((l) => l.kind);
    expect(kinds).toEqual(["created", "state_change", "gateway_request", "gateway_response", "state_change"]);
    const charges = await chargesOf(payment.paymentSn);
    expect(charges).toMatchObject([{ status: "succeeded", amountMinor: 8_800, cardLast4: "4242" }]);
    await expectMoneyInvariants([payment.id]);
  });

  it("a declined card shows the reason, leaves the order payable, and a retry with the good card succeeds", async () => {
    const { shopper, order, payment } = await pendingPayment();
    const declined = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: DECLINED_CARD } });
    expect(declined).toMatchObject({ outcome: "failed", payment: { status: "failed", failureCode: "card_declined", failureMessage: "Your card was declined." } });
    expect(await orderRow(order.id)).toMatchObject({ status: "pending_payment", paymentStatus: "failed" });

    const poor = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: INSUFFICIENT_CARD } });
    expect(poor.payment).toMatchObject({ status: "failed", failureCode: "insufficient_funds", attemptCount: 2 });

    const retried = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    expect(retried).toMatchObject({ outcome: "succeeded", payment: { status: "succeeded", attemptCount: 3, failureCode: null } });
    expect((await orderRow(order.id)).status).toBe("paid");
    expect((await chargesOf(payment.paymentSn)).map((c) => c.status).sort()).toEqual(["failed", "failed", "succeeded"]);
    await expectMoneyInvariants([payment.id]);
  });

  it("rejects an invalid card number next to the field, before anything happens", async () => {
    const { shopper, payment } = await pendingPayment();
    const error = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: "4242 4242 4242 4241" } }).catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause?.issues?.[0]).toMatchObject({ path: ["card", "number"], message: "This card number is not valid" });
    expect((await paymentRow(payment.id)).attemptCount).toBe(0);
  });

  it("a QR payment waits for the scan, then settles by a signed notification through the route", async () => {
    const { shopper, order, payment } = await pendingPayment({ method: "alipay" });
    const started = await shopper.caller.payment.pay({ paymentId: payment.id, method: "alipay" });
    expect(started).toMatchObject({ outcome: "pending", payment: { status: "processing" } });
    const token = started.payment.qrToken!;
    expect(token).toBeTruthy();

    // Pressing "Pay" again shows the same QR code, never a second charge.
    const again = await shopper.caller.payment.pay({ paymentId: payment.id, method: "alipay" });
    expect(again.payment.qrToken).toBe(token);
    expect(await chargesOf(payment.paymentSn)).toHaveLength(1);

    const scanned = await confirmQrScan(getGatewayDb(), { token, config: FAST_CONFIG });
    expect(scanned?.status).toBe("succeeded");
    expect((await paymentRow(payment.id)).status).toBe("processing"); // nothing waits on the shop side

    const delivery = await deliverNotificationsFor({ paymentSn: payment.paymentSn });
    expect(delivery).toEqual({ processed: 1, delivered: 1 });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "succeeded", qrToken: null });
    expect((await orderRow(order.id)).status).toBe("paid");
    await expectMoneyInvariants([payment.id]);
  });

  it("switching from a waiting QR code to a card closes the QR charge first", async () => {
    const { shopper, payment } = await pendingPayment({ method: "wechat_pay" });
    const qr = await shopper.caller.payment.pay({ paymentId: payment.id, method: "wechat_pay" });
    const paid = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    expect(paid.outcome).toBe("succeeded");
    // The old code can no longer be paid.
    expect((await confirmQrScan(getGatewayDb(), { token: qr.payment.qrToken!, config: FAST_CONFIG }))?.status).toBe("closed");
    expect((await chargesOf(payment.paymentSn)).map((c) => c.status).sort()).toEqual(["closed", "succeeded"]);
    await expectMoneyInvariants([payment.id]);
  });

  it("refuses a pay attempt after expires_at inside the transaction, though no sweep ever ran", async () => {
    const { shopper, order, payment } = await pendingPayment();
    await passDeadline(order.id);
    await expect(shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "PAYMENT_EXPIRED" },
    });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "pending", attemptCount: 0 });
    expect(await chargesOf(payment.paymentSn)).toHaveLength(0);
    const refused = await getDb()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.paymentId, payment.id), eq(paymentLog.kind, "attempt_refused")));
    expect(refused).toHaveLength(1);
    await expectMoneyInvariants([payment.id]);
  });

  it("expires a payment only after its deadline, and closing the window cancels the order and releases stock once", async () => {
    const { order, payment, product } = await pendingPayment();
    await expect(expirePayment(getDb(), { paymentId: payment.id, provider })).rejects.toMatchObject({ code: "PAYMENT_NOT_EXPIRED" });
    await expect(expireOrderPayment(getDb(), { orderId: order.id, provider })).rejects.toMatchObject({ code: "PAYMENT_NOT_EXPIRED" });
    await passDeadline(order.id);
    const [first, second] = await Promise.all([expireOrderPayment(getDb(), { orderId: order.id, provider }), expireOrderPayment(getDb(), { orderId: order.id, provider })]);
    expect([first.changed, second.changed].sort()).toEqual([false, true]);
    expect(await paymentRow(payment.id)).toMatchObject({ status: "expired" });
    expect(await orderRow(order.id)).toMatchObject({ status: "cancelled", paymentStatus: "expired" });
    const [stock] = await getDb().select().from(inventory).where(eq(inventory.productId, product.id));
    expect(stock!.reserved).toBe(0);
    expect(await expirePayment(getDb(), { paymentId: payment.id, provider })).toEqual({ changed: false, status: "expired" });
    await expectMoneyInvariants([payment.id]);
  });

  it("expiring a waiting QR payment that was just paid at the gateway pays the order instead", async () => {
    const { shopper, order, payment } = await pendingPayment({ method: "alipay" });
    const started = await shopper.caller.payment.pay({ paymentId: payment.id, method: "alipay" });
    await confirmQrScan(getGatewayDb(), { token: started.payment.qrToken!, config: FAST_CONFIG });
    await passDeadline(order.id);
    const result = await expireOrderPayment(getDb(), { orderId: order.id, provider });
    expect(result).toMatchObject({ changed: false, paidInstead: true });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
    // The late notification is then acknowledged without effect.
    await deliverNotificationsFor({ paymentSn: payment.paymentSn });
    expect((await paymentRow(payment.id)).status).toBe("succeeded");
    await expectMoneyInvariants([payment.id]);
  });
});

describe("the ambiguous timeout (charged, answer lost)", () => {
  it("leaves the payment processing; a retry with the same key queries the gateway and finds it paid — one charge only", async () => {
    const { shopper, order, payment } = await pendingPayment();
    const key = newKey();
    const first = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: TIMEOUT_CARD }, idempotencyKey: key });
    expect(first).toMatchObject({ outcome: "processing", payment: { status: "processing" } });
    expect((await orderRow(order.id)).status).toBe("pending_payment");
    expect(await chargesOf(payment.paymentSn)).toMatchObject([{ status: "succeeded" }]);

    const retry = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: TIMEOUT_CARD }, idempotencyKey: key });
    expect(retry).toMatchObject({ outcome: "succeeded", replayed: true, payment: { status: "succeeded" } });
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(await chargesOf(payment.paymentSn)).toHaveLength(1);
    await expectMoneyInvariants([payment.id]);
  });

  it("a new attempt with another key also asks first, never charging twice", async () => {
    const { shopper, payment } = await pendingPayment();
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: TIMEOUT_CARD } });
    const next = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    expect(next).toMatchObject({ outcome: "succeeded", payment: { attemptCount: 1 } });
    expect(await chargesOf(payment.paymentSn)).toHaveLength(1);
    await expectMoneyInvariants([payment.id]);
  });

  it("resolveProcessingPayment and the ledger reconciliation heal it without the shopper", async () => {
    const a = await pendingPayment();
    await a.shopper.caller.payment.pay({ paymentId: a.payment.id, method: "card", card: { number: TIMEOUT_CARD } });
    expect(await resolveProcessingPayment(getDb(), { paymentId: a.payment.id, provider })).toEqual({ outcome: "succeeded", status: "succeeded" });
    expect(await resolveProcessingPayment(getDb(), { paymentId: a.payment.id, provider })).toMatchObject({ status: "succeeded" });

    const b = await pendingPayment();
    await b.shopper.caller.payment.pay({ paymentId: b.payment.id, method: "card", card: { number: TIMEOUT_CARD } });
    const healed = await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000), provider });
    expect(healed.healed).toBeGreaterThanOrEqual(1);
    expect(await paymentRow(b.payment.id)).toMatchObject({ status: "succeeded" });
    expect((await orderRow(b.order.id)).status).toBe("paid");
    const reconciled = await getDb()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.paymentId, b.payment.id), eq(paymentLog.kind, "reconciled")));
    expect(reconciled).toHaveLength(1);
    await expectMoneyInvariants([a.payment.id, b.payment.id]);
  });

  it("a charge the gateway never received is closed there for good and counts as failed", async () => {
    const { shopper, payment } = await pendingPayment();
    // Simulate a request lost on the way: the shop recorded the attempt, the gateway never saw it.
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: DECLINED_CARD } });
    await getDb().execute(sql`
      with p as (update payments set status = 'processing', attempt_count = 2, current_charge_key = payment_sn || '-2', updated_at = now() - interval '1 minute'
                 where id = ${payment.id} returning order_id)
      update orders set payment_status = 'processing' where id = (select order_id from p)`);
    const resolved = await resolveProcessingPayment(getDb(), { paymentId: payment.id, provider });
    expect(resolved).toEqual({ outcome: "failed", status: "failed" });
    expect(await paymentRow(payment.id)).toMatchObject({ failureCode: "gateway_timeout" });
    expect((await chargesOf(payment.paymentSn)).find((c) => c.chargeKey.endsWith("-2"))?.status).toBe("closed");
  });

  it("an attempt so recent that its request may still be on the way is left processing, its key not closed", async () => {
    const { shopper, payment } = await pendingPayment();
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: DECLINED_CARD } });
    await getDb().execute(sql`
      with p as (update payments set status = 'processing', attempt_count = 2, current_charge_key = payment_sn || '-2', updated_at = now() where id = ${payment.id} returning order_id)
      update orders set payment_status = 'processing' where id = (select order_id from p)`);
    expect(await resolveProcessingPayment(getDb(), { paymentId: payment.id, provider })).toEqual({ outcome: "processing", status: "processing" });
    // A new pay attempt meanwhile is a clean conflict, not a second charge.
    await expect(shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "CONCURRENT_UPDATE" } });
    expect((await chargesOf(payment.paymentSn)).find((c) => c.chargeKey.endsWith("-2"))).toBeUndefined();
    // Close it so the money invariants see a finished payment.
    await getDb().execute(sql`update payments set updated_at = now() - interval '1 minute' where id = ${payment.id}`);
    expect(await resolveProcessingPayment(getDb(), { paymentId: payment.id, provider })).toEqual({ outcome: "failed", status: "failed" });
  });
});
