import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { gatewayCharges, orders, payments, paymentLog } from "@/server/db/schema";
import { readSweepCursor } from "@/server/domain/lifecycle";
import { PROCESSING_FIRST_CHECK_MS, getGatewayDb } from "@/server/domain/payment";
import { markDeliveredByStatus, orderOf, withLifecycleDatabase } from "../../../test/lifecycle-fixtures";
import { createPaidOrder } from "../../../test/logistics-fixtures";
import { TIMEOUT_CARD, paymentRow, pendingPayment } from "../../../test/payment-fixtures";
import { shipOverdueOrders } from "./auto-ship";
import { receiptWindowMs, confirmOverdueReceipts } from "./receipt";
import { autoShipDelayMs } from "./auto-ship";
import { LEDGER_CURSOR, reconcileGatewayLedger } from "./reconcile-gateway-ledger";
import { resolveStuckPayments } from "./resolve-processing-payment";

/**
 * The sweeps read only what is due through an index on its due time (orders' payment deadline,
 * paid and delivered instants; payments' next check; a cursor over the gateway's ledger). These
 * tests pin the edges of "due": a row due exactly now is caught, one due a millisecond later is
 * not, and a row that changes while a sweep looks at it is neither lost nor done twice.
 */
withLifecycleDatabase({ gateway: true });

async function setPaidAt(orderId: string, paidAt: Date) {
  await getDb().update(orders).set({ paidAt }).where(eq(orders.id, orderId));
}

describe("orders due exactly now", () => {
  it("a paid order whose auto-ship delay ends exactly now is shipped; one a millisecond younger waits", async () => {
    const now = new Date(Date.now() + 3_600_000);
    const delay = await autoShipDelayMs(getDb());
    const due = await createPaidOrder();
    const early = await createPaidOrder();
    await setPaidAt(due.order.id, new Date(now.getTime() - delay));
    await setPaidAt(early.order.id, new Date(now.getTime() - delay + 1));
    await shipOverdueOrders(getDb(), { now });
    expect((await orderOf(due.order.id)).status).toBe("shipped");
    expect((await orderOf(early.order.id)).status).toBe("paid");
  });

  it("a delivery whose receipt window ends exactly now is confirmed; one a millisecond younger waits", async () => {
    const now = new Date(Date.now() + 3_600_000);
    const window = await receiptWindowMs(getDb());
    const due = await createPaidOrder();
    const early = await createPaidOrder();
    await markDeliveredByStatus(due.order.id, new Date(now.getTime() - window));
    await markDeliveredByStatus(early.order.id, new Date(now.getTime() - window + 1));
    await confirmOverdueReceipts(getDb(), { now });
    expect((await orderOf(due.order.id)).status).toBe("completed");
    expect((await orderOf(early.order.id)).status).toBe("delivered");
  });
});

describe("payments stuck in processing are asked about when their check is due", () => {
  it("first asked a minute after entering processing, not a millisecond before; an answer settles it", async () => {
    const { shopper, payment } = await pendingPayment();
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: TIMEOUT_CARD } });
    const processing = await paymentRow(payment.id);
    expect(processing.status).toBe("processing");
    const checkAt = processing.nextCheckAt!;
    expect(checkAt.getTime() - processing.updatedAt.getTime()).toBeGreaterThanOrEqual(PROCESSING_FIRST_CHECK_MS - 1_000);

    const before = await resolveStuckPayments({ db: getDb(), now: new Date(checkAt.getTime() - 1) });
    expect(before.processed).toBe(0);
    expect((await paymentRow(payment.id)).status).toBe("processing");

    const at = await resolveStuckPayments({ db: getDb(), now: checkAt });
    expect(at.processed).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(payment.id)).status).toBe("succeeded");
  });

  it("a QR code still waiting for its scan is asked about again only after a backoff, then again", async () => {
    const { shopper, payment } = await pendingPayment({ method: "alipay" });
    expect((await shopper.caller.payment.pay({ paymentId: payment.id, method: "alipay" })).outcome).toBe("pending");
    const entered = await paymentRow(payment.id);
    const first = entered.nextCheckAt!;
    const asked = await resolveStuckPayments({ db: getDb(), now: first });
    expect(asked.processed).toBeGreaterThanOrEqual(1);
    const postponed = await paymentRow(payment.id);
    expect(postponed.status).toBe("processing");
    // Pushed back by at least a minute (the payment's age, at least PROCESSING_FIRST_CHECK_MS).
    expect(postponed.nextCheckAt!.getTime()).toBeGreaterThanOrEqual(first.getTime() + PROCESSING_FIRST_CHECK_MS);
    // updated_at is the in-flight guard's clock: a postponement is not a change of the payment.
    expect(postponed.updatedAt.getTime()).toBe(entered.updatedAt.getTime());

    const ids = async (now: Date) => {
      const rows = await getDb()
        .select({ id: payments.id })
        .from(payments)
        .where(sql`${payments.status} = 'processing' and ${payments.nextCheckAt} <= ${now.toISOString()}::timestamptz and ${payments.id} = ${payment.id}`);
      return rows.length;
    };
    expect(await ids(first)).toBe(0);
    expect(await ids(postponed.nextCheckAt!)).toBe(1);
  });

  it("a payment that leaves processing while the sweep asks about it is left as it became", async () => {
    const { shopper, payment } = await pendingPayment({ method: "alipay" });
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "alipay" });
    const due = (await paymentRow(payment.id)).nextCheckAt!;
    // The shopper cancels at the same moment the sweep runs (a refusal of the cancel because the
    // sweep held the payment just then is what the shopper would see: they try again).
    const [run, cancel] = await Promise.allSettled([
      resolveStuckPayments({ db: getDb(), now: due }),
      shopper.caller.payment.cancel({ paymentId: payment.id }),
    ]);
    expect(run.status).toBe("fulfilled");
    if (cancel.status === "rejected") await shopper.caller.payment.cancel({ paymentId: payment.id });
    const after = await paymentRow(payment.id);
    expect(after.status).toBe("cancelled");
    // Once out of processing, later runs leave it alone whatever next_check_at says.
    await resolveStuckPayments({ db: getDb(), now: new Date(due.getTime() + 3_600_000) });
    expect(await paymentRow(payment.id)).toMatchObject({ status: "cancelled", updatedAt: after.updatedAt });
  });
});

describe("the gateway ledger is read from a cursor", () => {
  async function lostCapture() {
    const setup = await pendingPayment();
    await setup.shopper.caller.payment.pay({ paymentId: setup.payment.id, method: "card", card: { number: TIMEOUT_CARD } });
    const [charge] = await getGatewayDb().select().from(gatewayCharges).where(eq(gatewayCharges.merchantRef, setup.payment.paymentSn));
    expect(charge?.status).toBe("succeeded");
    return { ...setup, charge: charge! };
  }

  it("a charge another instance holds is not passed over: the cursor stays before it and the next run heals it", async () => {
    const { payment, charge: captured } = await lostCapture();
    // Settled 40 s ago: past the settle grace, so only the claim keeps the cursor before it.
    const [charge] = await getGatewayDb().update(gatewayCharges).set({ settledAt: new Date(Date.now() - 40_000) }).where(eq(gatewayCharges.id, captured.id)).returning();
    if (!charge) throw new Error("charge vanished");
    // Another instance holds the payment's claim for the whole run.
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(hashtextextended(${`payment:${payment.id}`}, 0))`;
        const held = await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000) });
        expect(held.healed).toBe(0);
        expect(await readSweepCursor(getDb(), LEDGER_CURSOR)).not.toBeNull();
        expect((await paymentRow(payment.id)).status).toBe("processing");
        const cursor = (await readSweepCursor(getDb(), LEDGER_CURSOR))!;
        expect(cursor.getTime()).toBeLessThanOrEqual(charge.settledAt!.getTime());
      });
    } finally {
      await other.end();
    }
    const run = await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000) });
    expect(run.healed).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(payment.id)).status).toBe("succeeded");
    const logged = await getDb().select().from(paymentLog).where(sql`${paymentLog.paymentId} = ${payment.id} and ${paymentLog.kind} = 'reconciled'`);
    expect(logged).toHaveLength(1);
  });

  it("a run with nothing new at the gateway reads nothing; the cursor follows the clock", async () => {
    await reconcileGatewayLedger({ db: getDb(), now: new Date() });
    const cursor = await readSweepCursor(getDb(), LEDGER_CURSOR);
    expect(cursor).not.toBeNull();
    expect(Date.now() - cursor!.getTime()).toBeLessThan(60_000);
    const again = await reconcileGatewayLedger({ db: getDb(), now: new Date() });
    expect(again).toEqual({ processed: 0, healed: 0, reversed: 0, anomalies: 0 });
  });

  it("a charge that committed after the cursor passed its settlement instant is still healed (the overlap)", async () => {
    await reconcileGatewayLedger({ db: getDb(), now: new Date() });
    const cursor = (await readSweepCursor(getDb(), LEDGER_CURSOR))!;
    const { payment, charge } = await lostCapture();
    // As if its settlement had been stamped 30 s before the cursor but committed only now.
    await getGatewayDb().update(gatewayCharges).set({ settledAt: new Date(cursor.getTime() - 30_000) }).where(eq(gatewayCharges.id, charge.id));
    const run = await reconcileGatewayLedger({ db: getDb(), now: new Date(Date.now() + 60_000) });
    expect(run.healed).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(payment.id)).status).toBe("succeeded");
  });

});
