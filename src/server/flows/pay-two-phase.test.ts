import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { chargeReversals, gatewayCharges, paymentLog } from "@/server/db/schema";
import { getGatewayDb, type CreateChargeInput, type PaymentProvider, type ProviderCharge } from "@/server/domain/payment";
import { GOOD_CARD, TIMEOUT_CARD, expectMoneyInvariants, installTestGateway, orderRow, paymentRow, pendingPayment, settleRefund } from "../../../test/payment-fixtures";
import { cancelOrder } from "./cancel-order";
import { cancelPayment } from "./cancel-payment";
import { payPayment } from "./pay-payment";
import { resolveProcessingPayment } from "./resolve-processing-payment";

const gateway = installTestGateway();

/** The gateway, except that each charge request waits at the door until the test opens it. */
function gatedGateway(base: PaymentProvider = gateway) {
  let open!: () => void;
  const door = new Promise<void>((resolve) => (open = resolve));
  let arrived!: (input: CreateChargeInput) => void;
  const reached = new Promise<CreateChargeInput>((resolve) => (arrived = resolve));
  const provider: PaymentProvider = {
    ...base,
    async createCharge(input) {
      arrived(input);
      await door;
      return base.createCharge(input);
    },
  };
  return { provider, reached, open };
}

async function chargesOf(paymentSn: string) {
  return getGatewayDb().select().from(gatewayCharges).where(eq(gatewayCharges.merchantRef, paymentSn));
}

/** Settles within `ms`, or fails the test: a flow that waits on a lock the pay attempt holds never would. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe("a pay attempt in two phases around the gateway call", () => {
  it("commits the attempt (processing + charge key) before the gateway is called, and holds no row lock during the call", async () => {
    const { shopper, order, payment } = await pendingPayment();
    let seen: unknown;
    const provider: PaymentProvider = {
      ...gateway,
      async createCharge(input) {
        // Another connection, while the gateway works: the attempt is visible and nothing is locked.
        seen = await getDb()
          .transaction(async (tx) => {
            const [p] = (await tx.execute(sql`select status, current_charge_key from payments where id = ${payment.id} for update nowait`)) as unknown as [{ status: string; current_charge_key: string }];
            await tx.execute(sql`select id from orders where id = ${order.id} for update nowait`);
            return p;
          })
          .catch((error: unknown) => error);
        return gateway.createCharge(input);
      },
    };
    const result = await payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: GOOD_CARD } }, provider });
    expect(result.outcome).toBe("succeeded");
    expect(seen).toEqual({ status: "processing", current_charge_key: `${payment.paymentSn}-1` });
    await expectMoneyInvariants([payment.id]);
  });

  it("keeps the charge key when the request fails after the gateway charged; a query then finds the money", async () => {
    const { shopper, order, payment } = await pendingPayment();
    const provider: PaymentProvider = {
      ...gateway,
      async createCharge(input) {
        await gateway.createCharge(input);
        throw new Error("connection reset by peer");
      },
    };
    const result = await payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: GOOD_CARD } }, provider });
    expect(result).toMatchObject({ outcome: "processing", payment: { status: "processing", attemptCount: 1 } });
    expect(await paymentRow(payment.id)).toMatchObject({ currentChargeKey: `${payment.paymentSn}-1` });
    expect(await chargesOf(payment.paymentSn)).toMatchObject([{ chargeKey: `${payment.paymentSn}-1`, status: "succeeded" }]);

    await getDb().execute(sql`update payments set updated_at = now() - interval '1 minute' where id = ${payment.id}`);
    expect(await resolveProcessingPayment(getDb(), { paymentId: payment.id, provider: gateway })).toEqual({ outcome: "succeeded", status: "succeeded" });
    expect((await orderRow(order.id)).status).toBe("paid");
    await expectMoneyInvariants([payment.id]);
  });

  it("recognises a lost answer thrown by another copy of the provider module (a bundler duplicate or an adapter from another package)", async () => {
    vi.resetModules();
    const otherCopy = await import("@/server/domain/payment/provider/payment-provider");
    const { shopper, payment } = await pendingPayment();
    const provider: PaymentProvider = {
      ...gateway,
      async createCharge(input) {
        await gateway.createCharge(input);
        throw new otherCopy.ProviderTimeoutError();
      },
    };
    const result = await payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: GOOD_CARD } }, provider });
    expect(result).toMatchObject({ outcome: "processing", payment: { status: "processing" } });
    const timeouts = await getDb()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.paymentId, payment.id), eq(paymentLog.kind, "gateway_timeout")));
    expect(timeouts).toHaveLength(1);
    // The next attempt asks first and finds it paid: one charge only.
    const next = await payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: GOOD_CARD } }, provider: gateway });
    expect(next).toMatchObject({ outcome: "succeeded", payment: { attemptCount: 1 } });
    expect(await chargesOf(payment.paymentSn)).toHaveLength(1);
    await expectMoneyInvariants([payment.id]);
  });

  it("a cancel while the charge is at the gateway closes it there and wins; the attempt then answers PAYMENT_CLOSED", async () => {
    const { shopper, order, payment } = await pendingPayment();
    const gated = gatedGateway();
    const paying = payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: GOOD_CARD } }, provider: gated.provider });
    const settledPay = paying.then(
      () => null,
      (error: unknown) => error,
    );
    await gated.reached;
    // The cancel needs no lock the attempt holds: it finishes while the charge request waits.
    await within(cancelOrder(getDb(), { orderId: order.id, by: { actor: "shopper", actorId: shopper.user.id }, provider: gated.provider }), 10_000, "the cancel");
    gated.open();
    expect(await settledPay).toMatchObject({ code: "PAYMENT_CLOSED" });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "cancelled" });
    expect(await orderRow(order.id)).toMatchObject({ status: "cancelled", paymentStatus: "cancelled" });
    expect(await chargesOf(payment.paymentSn)).toMatchObject([{ status: "closed" }]);
    await expectMoneyInvariants([payment.id]);
  });

  it("a cancel after the gateway charged (answer lost) finds the money and pays the order instead", async () => {
    const { shopper, order, payment } = await pendingPayment();
    const result = await payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: TIMEOUT_CARD } }, provider: gateway });
    expect(result.outcome).toBe("processing");
    await expect(cancelPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, by: { actor: "shopper", actorId: shopper.user.id }, provider: gateway })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "succeeded" });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
    await expectMoneyInvariants([payment.id]);
  });

  it("a charge captured after the cancel closed the payment is refunded automatically, logged, and settles in full", async () => {
    const { shopper, order, payment } = await pendingPayment({ priceMinor: 5_500 });
    // A gateway whose close does not stop a capture already under way (a real gateway can do this).
    const base = gatedGateway();
    const provider: PaymentProvider = {
      ...base.provider,
      async closeCharge({ chargeKey, merchantRef }): Promise<ProviderCharge> {
        return { chargeId: "ch_pending", chargeKey, merchantRef, amountMinor: 0, currency: "CNY", method: "card", status: "closed", failureCode: null, failureMessage: null, qrToken: null, cardLast4: null, settledAt: new Date() };
      },
    };
    const paying = payPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, input: { method: "card", card: { number: GOOD_CARD } }, provider }).then(
      () => null,
      (error: unknown) => error,
    );
    await base.reached;
    await within(cancelPayment(getDb(), { paymentId: payment.id, userId: shopper.user.id, by: { actor: "shopper", actorId: shopper.user.id }, provider }), 10_000, "the cancel");
    base.open();
    expect(await paying).toMatchObject({ code: "PAYMENT_CLOSED" });

    const [charge] = await chargesOf(payment.paymentSn);
    expect(charge).toMatchObject({ status: "succeeded", amountMinor: 5_500 });
    const [reversal] = await getDb().select().from(chargeReversals).where(eq(chargeReversals.paymentId, payment.id));
    expect(reversal).toMatchObject({ chargeKey: charge!.chargeKey, amountMinor: 5_500, status: "processing", attempts: 1, refundKey: `${charge!.chargeKey}-rv1` });
    await settleRefund(reversal!.refundKey!);
    const [settled] = await getDb().select().from(chargeReversals).where(eq(chargeReversals.id, reversal!.id));
    expect(settled).toMatchObject({ status: "succeeded" });
    expect(settled!.settledAt).not.toBeNull();

    expect(await paymentRow(payment.id)).toMatchObject({ status: "cancelled" });
    expect(await orderRow(order.id)).toMatchObject({ status: "pending_payment", paymentStatus: "cancelled" });
    const audit = await getDb()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.paymentId, payment.id), eq(paymentLog.kind, "charge_reversal")))
      .orderBy(paymentLog.id);
    expect(audit.map((a) => a.toStatus)).toEqual(["requested", "processing", "succeeded"]);
    await expectMoneyInvariants([payment.id]);
  });
});
