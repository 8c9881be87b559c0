import { because } from "@/lib/audit-reasons";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { paymentLog } from "@/server/db/schema";
import { advanceSweepCursor, readSweepCursor } from "@/server/domain/lifecycle";
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

/** processed: the charges that did not match the shop and were looked at (a matching one is no work). */
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
      const { reversal } = await requestChargeReversal(tx, { payment, charge, reason: because("reconciliation.captured_for_closed_payment"), by: { actor: "system", reason: because("reconciliation.charge_reversal") } });
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
    const by = { actor: "system" as const, reason: because("reconciliation.paid_at_gateway") };
    if (payment.status !== "processing") {
      payment = await movePayment(tx, { payment, to: "processing", by, patch: { currentChargeKey: charge.chargeKey }, message: "the gateway captured this charge" });
    }
    await applyPaymentSucceeded(tx, { payment, charge, by, order });
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

/** The sweep cursor of the ledger reconciliation: charges settled before it have been compared. */
export const LEDGER_CURSOR = "payment-gateway-ledger";
/**
 * Each run reads again this much before the cursor: a charge whose settlement committed a
 * little after its settled_at (a slow transaction at the gateway) is still seen.
 */
const LEDGER_OVERLAP_MS = 60_000;
/** Pages of `limit` charges one run reads at most (a backlog larger than that takes several runs). */
const MAX_PAGES = 20;

/**
 * Compares the gateway's ledger with the shop: every charge the gateway captured must be a
 * captured payment in the shop. Paid at the gateway but still open in the shop (a lost response
 * and a lost notification) is healed — payment succeeded, order paid — and logged; captured for
 * a payment the shop closed (or paid by another charge) is refunded automatically (a charge
 * reversal, logged); a charge of an unknown payment is logged as an anomaly for a person.
 * Idempotent.
 *
 * Each run reads only the charges settled since the last run (a cursor in sweep_cursors, less
 * a minute of overlap; `lookbackMs` on the first run): with nothing new at the gateway it reads
 * nothing, however many orders are in flight. The cursor moves only over charges that were
 * fully dealt with: one another instance held (skipped) or a run that failed is read again.
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
  const cursor = await readSweepCursor(db, LEDGER_CURSOR);
  const lookbackStart = now.getTime() - lookbackMs;
  const since = new Date(Math.max(lookbackStart, cursor ? cursor.getTime() - LEDGER_OVERLAP_MS : lookbackStart));
  // Charges settled in the last `settleGraceMs` are left to the normal path (response, notification).
  const until = new Date(now.getTime() - settleGraceMs);
  const result: LedgerReconciliation = { processed: 0, healed: 0, reversed: 0, anomalies: 0 };
  if (since >= until) return result;

  // Newest first, page by page back to `since`.
  let pageUntil = until;
  let complete = false;
  let heldBack: Date | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const charges = await callProvider(() => provider.listSucceededCharges({ since, until: pageUntil, limit }));
    const outcome = await reconcileCharges(db, provider, charges);
    result.processed += outcome.examined;
    result.healed += outcome.healed;
    result.reversed += outcome.reversed;
    result.anomalies += outcome.anomalies;
    for (const at of outcome.skippedSettledAt) if (!heldBack || at < heldBack) heldBack = at;
    if (charges.length < limit) {
      complete = true;
      break;
    }
    // The oldest of a full page may share its instant with charges of the next page: read it again.
    const oldest = charges[charges.length - 1]!.settledAt;
    if (!oldest || oldest.getTime() + 1 >= pageUntil.getTime()) break;
    pageUntil = new Date(oldest.getTime() + 1);
  }
  if (complete) {
    // Never past the real clock (a caller may pass a later `now`), never past a skipped charge.
    let position = new Date(Math.min(until.getTime(), Date.now() - settleGraceMs));
    if (heldBack && heldBack < position) position = heldBack;
    await advanceSweepCursor(db, LEDGER_CURSOR, position);
  }
  return result;
}

/** One page of the gateway's ledger against the shop; the settled instants of charges another instance held. */
async function reconcileCharges(db: Database, provider: PaymentProvider, charges: ProviderCharge[]) {
  const outcome = { examined: 0, healed: 0, reversed: 0, anomalies: 0, skippedSettledAt: [] as Date[] };
  if (charges.length === 0) return outcome;
  const shop = new Map((await findPaymentsBySn(db, [...new Set(charges.map((c) => c.merchantRef))])).map((p) => [p.paymentSn, p]));
  const unmatched = charges.filter((c) => {
    const found = shop.get(c.merchantRef);
    return !(found && isCapturedPaymentStatus(found.status) && found.currentChargeKey === c.chargeKey);
  });
  if (unmatched.length === 0) return outcome;
  const reversed = new Set((await findChargeReversalsByChargeKey(db, unmatched.map((c) => c.chargeKey))).map((r) => r.chargeKey));
  for (const charge of unmatched) {
    // Already being given back (or given back): its reversal is followed by the sweep.
    if (reversed.has(charge.chargeKey)) continue;
    outcome.examined++;
    const { outcome: done, reversalId } = await healOne(db, charge, shop.get(charge.merchantRef));
    if (done === "healed") outcome.healed++;
    if (done === "reversed") outcome.reversed++;
    if (done === "anomaly") outcome.anomalies++;
    if (done === "skipped" && charge.settledAt) outcome.skippedSettledAt.push(charge.settledAt);
    if (reversalId) await submitChargeReversalSoon(db, reversalId, provider);
  }
  return outcome;
}
