import { because } from "@/lib/audit-reasons";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { payments } from "@/server/db/schema";
import { lockOrder } from "@/server/domain/order";
import {
  PROVIDER_TIMEOUT_MS,
  callProvider,
  findPayment,
  getPaymentProvider,
  isProviderTimeoutError,
  lockPayment,
  postponePaymentCheck,
  type PayResult,
  type PaymentActor,
  type PaymentProvider,
  type ProviderCharge,
} from "@/server/domain/payment";
import { submitChargeReversalSoon } from "./charge-reversal";
import { settleCharge } from "./payment-succeeded";
import { tryClaim } from "./sweep-claim";

/** An attempt younger than this may still be waiting for the gateway's answer (see payPayment). */
export const ATTEMPT_IN_FLIGHT_MS = PROVIDER_TIMEOUT_MS + 5_000;

/**
 * Finds the truth about a payment stuck in `processing` (an ambiguous gateway timeout, or a
 * lost notification) by querying the provider with our charge key, and applies it: paid ⇒
 * payment succeeded and order paid; declined ⇒ failed. A charge the gateway never received is
 * closed there for good (so a late request cannot charge) and the attempt counts as failed —
 * unless the attempt is so recent that its own request may still be on the way (then it is left
 * processing). A pending QR charge is left alone (`pendingQr: "keep"`) or closed (`"close"`,
 * when the payer switches method). The gateway is asked with no row lock held; the answer is
 * applied in a transaction only if the payment is still on that charge (a charge captured for a
 * payment closed meanwhile is refunded automatically). Idempotent.
 */
export async function resolveProcessingPayment(
  db: Database,
  {
    paymentId,
    by = { actor: "system", reason: because("payment.provider_query") },
    provider = getPaymentProvider(),
    claim = false,
    pendingQr = "keep",
  }: { paymentId: string; by?: PaymentActor; provider?: PaymentProvider; claim?: boolean; pendingQr?: "keep" | "close" },
): Promise<{ outcome: PayResult["outcome"]; status: string; skipped?: boolean }> {
  const found = await findPayment(db, paymentId);
  if (!found) return { outcome: "processing", status: "missing" };
  if (found.status !== "processing" || !found.currentChargeKey) return { outcome: outcomeOfStatus(found.status), status: found.status };
  const key = found.currentChargeKey;
  let charge: ProviderCharge | null;
  try {
    charge = await callProvider(() => provider.queryCharge(key));
    // Still waiting for the payer's scan: nothing to apply, nothing to log (sweeps ask often).
    if (charge?.status === "pending" && pendingQr === "keep" && charge.qrToken === found.qrToken) return { outcome: "pending", status: found.status };
    if (!charge && Date.now() - found.updatedAt.getTime() < ATTEMPT_IN_FLIGHT_MS) return { outcome: "processing", status: found.status };
    if (!charge || (charge.status === "pending" && pendingQr === "close")) charge = await callProvider(() => provider.closeCharge({ chargeKey: key, merchantRef: found.paymentSn }));
  } catch (error) {
    // No answer: still unknown, asked again later.
    if (isProviderTimeoutError(error)) return { outcome: "processing", status: found.status };
    throw error;
  }
  const answer = charge;
  const result = await db.transaction(async (tx) => {
    if (claim && !(await tryClaim(tx, `payment:${paymentId}`))) return { outcome: "processing", status: found.status, skipped: true, reversalId: null } as const;
    const order = await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, paymentId);
    const current = payment.status === "processing" && payment.currentChargeKey === key;
    const settled = await settleCharge(tx, {
      payment,
      order,
      charge: answer.status === "closed" ? { ...answer, failureCode: answer.failureCode ?? "gateway_timeout" } : answer,
      by,
      message: `query charge → ${answer.status}${by.reason ? ` (${by.reason.code})` : ""}`,
    });
    return { outcome: current ? settled.outcome : outcomeOfStatus(settled.payment.status), status: settled.payment.status, reversalId: settled.reversalId };
  });
  await submitChargeReversalSoon(db, result.reversalId, provider);
  return { outcome: result.outcome, status: result.status, ...("skipped" in result ? { skipped: true } : {}) };
}

/** The pay outcome a payment's status stands for (closed payments count as still processing, as before). */
function outcomeOfStatus(status: string): PayResult["outcome"] {
  if (status === "succeeded" || status === "partially_refunded" || status === "refunded") return "succeeded";
  return status === "failed" ? "failed" : "processing";
}

/**
 * Payments processing whose answer never came (ambiguous timeouts, lost notifications): the
 * reconciliation sweep resolves each through the provider. Due by `next_check_at` (a minute
 * after entering processing, then backing off while the provider has no answer yet, see
 * postponePaymentCheck), read through an index of processing payments on that time: a QR code
 * waiting for its scan is asked a few times over its life instead of on every run, and with
 * nothing due the sweep reads one index page.
 */
export async function resolveStuckPayments({
  db,
  now,
  limit = 50,
  provider = getPaymentProvider(),
}: {
  db: Database;
  now: Date;
  limit?: number;
  provider?: PaymentProvider;
}): Promise<{ processed: number; resolved: number }> {
  const stuck = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.status, "processing"), lte(payments.nextCheckAt, now), sql`${payments.expiresAt} > now()`))
    .orderBy(asc(payments.nextCheckAt))
    .limit(limit);
  let resolved = 0;
  for (const row of stuck) {
    const result = await resolveProcessingPayment(db, { paymentId: row.id, by: { actor: "system", reason: because("reconciliation.stuck_processing") }, provider, claim: true });
    if (!result.skipped && result.status !== "processing") resolved++;
    else if (!result.skipped) await postponePaymentCheck(db, { paymentId: row.id, now });
  }
  return { processed: stuck.length, resolved };
}
