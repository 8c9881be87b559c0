import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { paymentLog } from "@/server/db/schema";
import { lockOrder } from "@/server/domain/order";
import {
  appendPaymentLog,
  callProvider,
  findChargeReversalsByChargeKey,
  findPaymentsBySn,
  getPaymentProvider,
  isCapturedPaymentStatus,
  lockPayment,
  requestChargeReversal,
  type PaymentProvider,
  type PaymentRow,
  type ProviderCharge,
} from "@/server/domain/payment";
import { submitChargeReversalSoon } from "./charge-reversal";
import { applyPaymentSucceeded, movePayment } from "./payment-succeeded";
import { tryClaim } from "./sweep-claim";

export type LedgerReconciliation = { processed: number; healed: number; reversed: number; anomalies: number };

async function alreadyReported(db: Database, chargeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: paymentLog.id })
    .from(paymentLog)
    .where(and(eq(paymentLog.kind, "reconciled"), sql`${paymentLog.data}->>'chargeId' = ${chargeId}`))
    .limit(1);
  return Boolean(row);
}

async function healOne(db: Database, charge: ProviderCharge, found: PaymentRow | undefined): Promise<{ outcome: "ok" | "healed" | "reversed" | "anomaly" | "skipped"; reversalId?: string }> {
  if (!found) {
    if (await alreadyReported(db, charge.chargeId)) return { outcome: "anomaly" };
    await appendPaymentLog(db, { kind: "reconciled", by: { actor: "system" }, message: "gateway charge for an unknown payment", data: { chargeId: charge.chargeId, merchantRef: charge.merchantRef } });
    return { outcome: "anomaly" };
  }
  if (isCapturedPaymentStatus(found.status) && found.currentChargeKey === charge.chargeKey) return { outcome: "ok" };
  return db.transaction(async (tx) => {
    if (!(await tryClaim(tx, `payment:${found.id}`))) return { outcome: "skipped" as const };
    const order = await lockOrder(tx, found.orderId);
    let payment = await lockPayment(tx, found.id);
    if (isCapturedPaymentStatus(payment.status) && payment.currentChargeKey === charge.chargeKey) return { outcome: "ok" as const };
    const healable =
      order.status === "pending_payment" &&
      ((payment.status === "processing" && payment.currentChargeKey === charge.chargeKey) || payment.status === "pending" || payment.status === "failed");
    if (!healable) {
      // Money captured for a payment the shop closed (or a second capture): give it back.
      const { reversal } = await requestChargeReversal(tx, { payment, charge, reason: "reconciliation: captured for a closed payment", by: { actor: "system", reason: "reconciliation" } });
      await appendPaymentLog(tx, {
        kind: "reconciled",
        by: { actor: "system" },
        paymentId: payment.id,
        orderId: payment.orderId,
        message: `gateway captured ${charge.chargeId} but the payment is ${payment.status}: refunding it automatically`,
        data: { chargeId: charge.chargeId, chargeKey: charge.chargeKey, paymentStatus: payment.status, orderStatus: order.status, reversalId: reversal.id },
      });
      return { outcome: "reversed" as const, reversalId: reversal.id };
    }
    const by = { actor: "system" as const, reason: "reconciliation: paid at the gateway" };
    if (payment.status !== "processing") {
      payment = await movePayment(tx, { payment, to: "processing", by, patch: { currentChargeKey: charge.chargeKey }, message: "the gateway captured this charge" });
    }
    await applyPaymentSucceeded(tx, { payment, charge, by });
    await appendPaymentLog(tx, {
      kind: "reconciled",
      by,
      paymentId: payment.id,
      orderId: payment.orderId,
      message: `healed: gateway charge ${charge.chargeId} was paid while the shop showed ${found.status}`,
      data: { chargeId: charge.chargeId, chargeKey: charge.chargeKey, shopStatusBefore: found.status },
    });
    return { outcome: "healed" as const };
  });
}

/**
 * Compares the gateway's ledger with the shop: every charge the gateway captured since `since`
 * must be a captured payment in the shop. Paid at the gateway but still open in the shop (a
 * lost response and a lost notification) is healed — payment succeeded, order paid — and
 * logged; captured for a payment the shop closed (or paid by another charge) is refunded
 * automatically (a charge reversal, logged); a charge of an unknown payment is logged as an
 * anomaly for a person. Idempotent.
 */
export async function reconcileGatewayLedger({
  db,
  now,
  lookbackMs = 2 * 24 * 3600 * 1000,
  settleGraceMs = 30_000,
  limit = 500,
  provider = getPaymentProvider(),
}: {
  db: Database;
  now: Date;
  lookbackMs?: number;
  settleGraceMs?: number;
  limit?: number;
  provider?: PaymentProvider;
}): Promise<LedgerReconciliation> {
  // Charges settled in the last `settleGraceMs` are left to the normal path (response, notification).
  const charges = await callProvider(() =>
    provider.listSucceededCharges({ since: new Date(now.getTime() - lookbackMs), until: new Date(now.getTime() - settleGraceMs), limit }),
  );
  const shop = new Map((await findPaymentsBySn(db, [...new Set(charges.map((c) => c.merchantRef))])).map((p) => [p.paymentSn, p]));
  const reversed = new Set((await findChargeReversalsByChargeKey(db, charges.map((c) => c.chargeKey))).map((r) => r.chargeKey));
  const result: LedgerReconciliation = { processed: charges.length, healed: 0, reversed: 0, anomalies: 0 };
  for (const charge of charges) {
    const found = shop.get(charge.merchantRef);
    if (found && isCapturedPaymentStatus(found.status) && found.currentChargeKey === charge.chargeKey) continue;
    // Already being given back (or given back): its reversal is followed by the sweep.
    if (reversed.has(charge.chargeKey)) continue;
    const { outcome, reversalId } = await healOne(db, charge, found);
    if (outcome === "healed") result.healed++;
    if (outcome === "reversed") result.reversed++;
    if (outcome === "anomaly") result.anomalies++;
    if (reversalId) await submitChargeReversalSoon(db, reversalId, provider);
  }
  return result;
}
