import { because } from "@/lib/audit-reasons";
import { and, asc, eq, lte } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { refunds } from "@/server/db/schema";
import {
  appendPaymentLog,
  callProvider,
  findRefund,
  getPaymentProvider,
  isProviderRejectedError,
  isProviderTimeoutError,
  lockPayment,
  lockRefund,
  transitionRefund,
  type PaymentActor,
  type PaymentProvider,
  type RefundRow,
} from "@/server/domain/payment";
import { lockOrder } from "@/server/domain/order";
import { applyRefundOutcome } from "./refund-settled";
import { tryClaim } from "./sweep-claim";

/**
 * Hands an approved refund to the provider (key = refund_sn, so a repeat never refunds twice)
 * and records it as processing; the provider settles it asynchronously and reports by
 * notification. A provider refusal fails the refund and releases its hold. A lost answer
 * leaves it approved for the sweep to resubmit. Idempotent: anything but approved is left alone.
 */
export async function submitRefund(
  db: Database,
  { refundId, provider = getPaymentProvider(), claim = false }: { refundId: string; provider?: PaymentProvider; claim?: boolean },
): Promise<{ status: string; skipped?: boolean }> {
  const found = await findRefund(db, refundId);
  if (!found) return { status: "missing" };
  return db.transaction(async (tx) => {
    if (claim && !(await tryClaim(tx, `refund:${refundId}`))) return { status: found.status, skipped: true };
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, found.paymentId);
    const refund = await lockRefund(tx, refundId);
    if (refund.status !== "approved") return { status: refund.status };
    const by = { actor: "system" as const, reason: because("refund.submitted") };
    await appendPaymentLog(tx, {
      kind: "gateway_request",
      by,
      paymentId: refund.paymentId,
      refundId: refund.id,
      orderId: refund.orderId,
      message: `create refund ${refund.refundSn}`,
      data: { operation: "createRefund", refundKey: refund.refundSn, chargeKey: payment.currentChargeKey, amountMinor: refund.amountMinor },
    });
    try {
      const result = await callProvider(() =>
        provider.createRefund({ refundKey: refund.refundSn, chargeKey: payment.currentChargeKey!, amountMinor: refund.amountMinor, currency: refund.currency, reason: refund.reason }),
      );
      await appendPaymentLog(tx, {
        kind: "gateway_response",
        by: { actor: "gateway" },
        paymentId: refund.paymentId,
        refundId: refund.id,
        orderId: refund.orderId,
        message: `refund ${result.status}`,
        data: { refundId: result.refundId, status: result.status },
      });
      if (result.status === "pending") {
        const updated = await transitionRefund(tx, { refund, payment, to: "processing", by, patch: { providerRefundId: result.refundId, submittedAt: new Date() } });
        return { status: updated.status };
      }
      // Already settled at the provider (a resubmission after a lost answer): apply it now.
      return { status: await applyRefundOutcome(tx, { refund, outcome: result.status, providerRefundId: result.refundId, failureCode: result.failureCode, failureMessage: result.failureMessage, by: { actor: "gateway" } }) };
    } catch (error) {
      if (isProviderTimeoutError(error)) return { status: "approved" };
      if (isProviderRejectedError(error)) {
        return { status: await applyRefundOutcome(tx, { refund, outcome: "failed", providerRefundId: null, failureCode: error.code, failureMessage: error.message, by: { actor: "gateway" } }) };
      }
      throw error;
    }
  });
}

/** Submits refunds left approved (a crash or a lost answer right after approval). */
export async function submitApprovedRefunds({ db, now, limit = 50, provider = getPaymentProvider() }: { db: Database; now: Date; limit?: number; provider?: PaymentProvider }) {
  const due = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.status, "approved"), lte(refunds.updatedAt, now)))
    .orderBy(asc(refunds.updatedAt))
    .limit(limit);
  let submitted = 0;
  for (const { id } of due) {
    const result = await submitRefund(db, { refundId: id, provider, claim: true });
    if (!result.skipped && result.status !== "approved") submitted++;
  }
  return { processed: due.length, submitted };
}

/**
 * Refunds processing for longer than `olderThanMs` (a lost notification): asks the provider
 * and applies a settled result. Used by the reconciliation sweep.
 */
export async function resolveStuckRefunds({
  db,
  now,
  olderThanMs = 120_000,
  limit = 50,
  provider = getPaymentProvider(),
}: {
  db: Database;
  now: Date;
  olderThanMs?: number;
  limit?: number;
  provider?: PaymentProvider;
}) {
  const stuck = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.status, "processing"), lte(refunds.updatedAt, new Date(now.getTime() - olderThanMs))))
    .orderBy(asc(refunds.updatedAt))
    .limit(limit);
  let resolved = 0;
  for (const refund of stuck) {
    const applied = await resolveRefund(db, { refund, provider, by: { actor: "system", reason: because("reconciliation.refund_result_fetched") } });
    if (applied === "refund_succeeded" || applied === "refund_failed") resolved++;
  }
  return { processed: stuck.length, resolved };
}

/**
 * Asks the provider for one refund's result and applies a settled one (claimed, idempotent);
 * "pending" while the provider is still working on it.
 */
export async function resolveRefund(
  db: Database,
  { refund, provider = getPaymentProvider(), by }: { refund: RefundRow; provider?: PaymentProvider; by: PaymentActor },
): Promise<string> {
  const truth = await callProvider(() => provider.queryRefund(refund.refundSn));
  if (!truth || truth.status === "pending") return "pending";
  return db.transaction(async (tx) => {
    if (!(await tryClaim(tx, `refund:${refund.id}`))) return "skipped";
    return applyRefundOutcome(tx, {
      refund,
      outcome: truth.status as "succeeded" | "failed",
      providerRefundId: truth.refundId,
      failureCode: truth.failureCode,
      failureMessage: truth.failureMessage,
      by,
    });
  });
}
