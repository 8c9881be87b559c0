import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { payments } from "@/server/db/schema";
import { lockOrder } from "@/server/domain/order";
import {
  appendPaymentLog,
  callProvider,
  findPayment,
  getPaymentProvider,
  lockPayment,
  type PayResult,
  type PaymentActor,
  type PaymentProvider,
} from "@/server/domain/payment";
import { applyChargeState } from "./payment-succeeded";
import { tryClaim } from "./sweep-claim";

/**
 * Finds the truth about a payment stuck in `processing` (an ambiguous gateway timeout, or a
 * lost notification) by querying the provider with our charge key, and applies it: paid ⇒
 * payment succeeded and order paid; declined ⇒ failed. A charge the gateway never received is
 * closed there for good (so a late request cannot charge) and the attempt counts as failed.
 * A QR charge still waiting for its scan is left alone. Idempotent: a payment that is no
 * longer processing is returned unchanged.
 */
export async function resolveProcessingPayment(
  db: Database,
  {
    paymentId,
    by = { actor: "system", reason: "provider query" },
    provider = getPaymentProvider(),
    claim = false,
  }: { paymentId: string; by?: PaymentActor; provider?: PaymentProvider; claim?: boolean },
): Promise<{ outcome: PayResult["outcome"]; status: string; skipped?: boolean }> {
  const found = await findPayment(db, paymentId);
  if (!found) return { outcome: "processing", status: "missing" };
  return db.transaction(async (tx) => {
    if (claim && !(await tryClaim(tx, `payment:${paymentId}`))) return { outcome: "processing", status: found.status, skipped: true } as const;
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, paymentId);
    if (payment.status !== "processing" || !payment.currentChargeKey) {
      return { outcome: payment.status === "succeeded" ? "succeeded" : payment.status === "failed" ? "failed" : "processing", status: payment.status } as const;
    }
    const key = payment.currentChargeKey;
    let charge = await callProvider(() => provider.queryCharge(key));
    // Still waiting for the payer's scan: nothing to apply, nothing to log (sweeps ask often).
    if (charge?.status === "pending" && charge.qrToken === payment.qrToken) return { outcome: "pending", status: payment.status } as const;
    if (!charge) charge = await callProvider(() => provider.closeCharge({ chargeKey: key, merchantRef: payment.paymentSn }));
    await appendPaymentLog(tx, {
      kind: "gateway_response",
      by: { actor: "gateway" },
      paymentId,
      orderId: payment.orderId,
      message: `query charge → ${charge.status}`,
      data: { operation: "queryCharge", chargeKey: key, status: charge.status, chargeId: charge.chargeId, reason: by.reason ?? null },
    });
    const applied = await applyChargeState(tx, { payment, charge: charge.status === "closed" ? { ...charge, failureCode: charge.failureCode ?? "gateway_timeout" } : charge, by });
    return { outcome: applied.outcome, status: applied.payment.status };
  });
}

/**
 * Payments processing for longer than `olderThanMs` whose answer never came (ambiguous
 * timeouts, lost notifications): the reconciliation sweep resolves each through the provider.
 */
export async function resolveStuckPayments({
  db,
  now,
  olderThanMs = 60_000,
  limit = 50,
  provider = getPaymentProvider(),
}: {
  db: Database;
  now: Date;
  olderThanMs?: number;
  limit?: number;
  provider?: PaymentProvider;
}): Promise<{ processed: number; resolved: number }> {
  const stuck = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.status, "processing"), lte(payments.updatedAt, new Date(now.getTime() - olderThanMs)), sql`${payments.expiresAt} > now()`))
    .orderBy(asc(payments.updatedAt))
    .limit(limit);
  let resolved = 0;
  for (const row of stuck) {
    const result = await resolveProcessingPayment(db, { paymentId: row.id, by: { actor: "system", reason: "reconciliation: stuck in processing" }, provider, claim: true });
    if (!result.skipped && result.status !== "processing") resolved++;
  }
  return { processed: stuck.length, resolved };
}
