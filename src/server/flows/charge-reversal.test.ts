import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { chargeReversals, gatewayCharges, gatewayRefunds, paymentLog } from "@/server/db/schema";
import { getGatewayDb } from "@/server/domain/payment";
import { GOOD_CARD, deliverNotificationsFor, expectMoneyInvariants, installTestGateway, paymentRow, pendingPayment, settleRefund } from "../../../test/payment-fixtures";
import { driveChargeReversals } from "./charge-reversal";
import { reconcileGatewayLedger } from "./reconcile-gateway-ledger";

const gateway = installTestGateway();

/** A payment the shopper cancelled, for which the gateway then captured a charge anyway (a late capture the shop never saw). */
async function cancelledPaymentCapturedLate(priceMinor = 6_600) {
  const setup = await pendingPayment({ priceMinor });
  await setup.shopper.caller.payment.cancel({ paymentId: setup.payment.id });
  const charge = await gateway.createCharge({
    chargeKey: `${setup.payment.paymentSn}-1`,
    merchantRef: setup.payment.paymentSn,
    attempt: 1,
    amountMinor: priceMinor,
    currency: "CNY",
    method: "card",
    card: { number: GOOD_CARD.replaceAll(" ", "") },
    expiresAt: new Date(Date.now() + 3_600_000),
    description: "late capture",
  });
  expect(charge.status).toBe("succeeded");
  return { ...setup, charge };
}

async function reversalOf(paymentId: string) {
  const rows = await getDb().select().from(chargeReversals).where(eq(chargeReversals.paymentId, paymentId));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("charges captured for a closed payment are given back automatically", () => {
  it("reconciliation refunds the captured charge of a cancelled payment (not only 'needs review'), once", async () => {
    const { payment, charge } = await cancelledPaymentCapturedLate();
    const run = await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000), provider: gateway });
    expect(run.reversed).toBeGreaterThanOrEqual(1);

    const reversal = await reversalOf(payment.id);
    expect(reversal).toMatchObject({ chargeKey: charge.chargeKey, chargeId: charge.chargeId, amountMinor: 6_600, status: "processing", refundKey: `${charge.chargeKey}-rv1` });
    const [atGateway] = await getGatewayDb().select().from(gatewayRefunds).where(eq(gatewayRefunds.refundKey, reversal.refundKey!));
    expect(atGateway).toMatchObject({ status: "pending", amountMinor: 6_600, chargeId: charge.chargeId });

    await settleRefund(reversal.refundKey!);
    expect((await reversalOf(payment.id)).status).toBe("succeeded");
    expect(await paymentRow(payment.id)).toMatchObject({ status: "cancelled", refundedMinor: 0 });
    const logged = await getDb()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.paymentId, payment.id), eq(paymentLog.kind, "reconciled")));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toContain("refunding it automatically");

    // Idempotent: the next run leaves it alone.
    await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000), provider: gateway });
    expect(await getGatewayDb().select().from(gatewayRefunds).where(eq(gatewayRefunds.chargeId, charge.chargeId))).toHaveLength(1);
    await expectMoneyInvariants([payment.id]);
  });

  it("a gateway refund that fails is tried again under a new key until the money is back", async () => {
    const { payment, charge } = await cancelledPaymentCapturedLate();
    await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000), provider: gateway });
    const first = await reversalOf(payment.id);
    await settleRefund(first.refundKey!, { refundFailurePercent: 100 });
    expect(await reversalOf(payment.id)).toMatchObject({ status: "requested", attempts: 1, failureCode: "refund_failed" });

    await driveChargeReversals({ db: getDb(), now: new Date(), provider: gateway });
    const second = await reversalOf(payment.id);
    expect(second).toMatchObject({ status: "processing", attempts: 2, refundKey: `${charge.chargeKey}-rv2` });
    await settleRefund(second.refundKey!);
    expect((await reversalOf(payment.id)).status).toBe("succeeded");
    const refunds = await getGatewayDb().select().from(gatewayRefunds).where(eq(gatewayRefunds.chargeId, charge.chargeId));
    expect(refunds.map((r) => r.status).sort()).toEqual(["failed", "succeeded"]);
    await expectMoneyInvariants([payment.id]);
  });

  it("the gateway's success notification for a closed payment starts the refund at once", async () => {
    const { payment, charge } = await cancelledPaymentCapturedLate();
    await deliverNotificationsFor({ paymentSn: payment.paymentSn });
    const reversal = await reversalOf(payment.id);
    expect(reversal).toMatchObject({ chargeKey: charge.chargeKey, status: "processing" });
    await settleRefund(reversal.refundKey!);
    expect((await reversalOf(payment.id)).status).toBe("succeeded");
    expect(await paymentRow(payment.id)).toMatchObject({ status: "cancelled" });
    const [captured] = await getGatewayDb().select().from(gatewayCharges).where(eq(gatewayCharges.chargeKey, charge.chargeKey));
    expect(captured!.status).toBe("succeeded");
    await expectMoneyInvariants([payment.id]);
  });
});
