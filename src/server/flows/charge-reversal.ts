import { because } from "@/lib/audit-reasons";
import type { Database, Tx } from "@/server/db/client";
import {
  MAX_REVERSAL_ATTEMPTS,
  callProvider,
  findChargeReversal,
  getPaymentProvider,
  isProviderRejectedError,
  isProviderTimeoutError,
  listChargeReversals,
  lockChargeReversal,
  reversalRefundKey,
  transitionChargeReversal,
  type ChargeReversalStatus,
  type PaymentActor,
  type PaymentProvider,
  type ProviderRefund,
} from "@/server/domain/payment";
import { logger } from "@/server/observability/logger";
import { tryClaim } from "./sweep-claim";

const SYSTEM: PaymentActor = { actor: "system", reason: because("reconciliation.reversal_of_closed_payment") };

/**
 * What the gateway said about a reversal's refund, applied to the (locked) reversal in the
 * caller's transaction: succeeded ⇒ done; failed ⇒ tried again with a new key, or left to a
 * person after MAX_REVERSAL_ATTEMPTS; refused outright ⇒ left to a person. An answer about an
 * older refund key (a late or duplicate notification) changes nothing. Idempotent.
 */
export async function applyChargeReversalOutcome(
  tx: Tx,
  {
    reversalId,
    refundKey,
    outcome,
    providerRefundId = null,
    failureCode = null,
    failureMessage = null,
    by = { actor: "gateway" },
  }: {
    reversalId: string;
    refundKey: string;
    outcome: "succeeded" | "failed" | "refused";
    providerRefundId?: string | null;
    failureCode?: string | null;
    failureMessage?: string | null;
    by?: PaymentActor;
  },
): Promise<ChargeReversalStatus> {
  const reversal = await lockChargeReversal(tx, reversalId);
  if (reversal.status !== "processing" || reversal.refundKey !== refundKey) return reversal.status;
  if (outcome === "succeeded") {
    const done = await transitionChargeReversal(tx, {
      reversal,
      to: "succeeded",
      by,
      patch: { providerRefundId, settledAt: new Date(), failureCode: null, failureMessage: null },
      message: `charge ${reversal.chargeId} refunded in full (${refundKey})`,
    });
    return done.status;
  }
  const retry = outcome === "failed" && reversal.attempts < MAX_REVERSAL_ATTEMPTS;
  const moved = await transitionChargeReversal(tx, {
    reversal,
    to: retry ? "requested" : "failed",
    by,
    patch: { providerRefundId, failureCode, failureMessage },
    message: retry ? `gateway refund ${refundKey} failed (${failureCode ?? "unknown"}): trying again` : `gateway refund ${refundKey} ${outcome} (${failureCode ?? "unknown"}): needs review`,
  });
  if (!retry) logger.error({ reversalId, chargeKey: reversal.chargeKey, failureCode }, "automatic refund of a captured charge gave up: needs review");
  return moved.status;
}

/**
 * Hands a requested reversal to the gateway as a refund of the whole charge, in three steps
 * so no row lock is held while the gateway works: (1) a transaction moves it to processing with
 * this attempt's key (`<charge key>-rv<n>`, so a repeat never refunds twice); (2) the gateway
 * call; (3) its answer applied in a second transaction. A lost answer leaves it processing for
 * the sweep to ask about. Idempotent: anything but requested is left alone.
 */
export async function submitChargeReversal(
  db: Database,
  { reversalId, provider = getPaymentProvider() }: { reversalId: string; provider?: PaymentProvider },
): Promise<{ status: ChargeReversalStatus | "missing"; skipped?: boolean }> {
  const found = await findChargeReversal(db, reversalId);
  if (!found) return { status: "missing" };
  const begun = await db.transaction(async (tx) => {
    if (!(await tryClaim(tx, `reversal:${reversalId}`))) return null;
    const reversal = await lockChargeReversal(tx, reversalId);
    if (reversal.status !== "requested") return { reversal, submit: false };
    const attempts = reversal.attempts + 1;
    const refundKey = reversalRefundKey(reversal.chargeKey, attempts);
    const moved = await transitionChargeReversal(tx, {
      reversal,
      to: "processing",
      by: SYSTEM,
      patch: { attempts, refundKey, providerRefundId: null },
      message: `refund ${refundKey} of ${reversal.amountMinor} requested at the gateway`,
    });
    return { reversal: moved, submit: true };
  });
  if (!begun) return { status: found.status, skipped: true };
  if (!begun.submit) return { status: begun.reversal.status };
  const { reversal } = begun;
  const refundKey = reversal.refundKey!;
  let answer: ProviderRefund;
  try {
    answer = await callProvider(() =>
      provider.createRefund({ refundKey, chargeKey: reversal.chargeKey, amountMinor: reversal.amountMinor, currency: reversal.currency, reason: "charge captured for a closed payment" }),
    );
  } catch (error) {
    if (isProviderRejectedError(error)) {
      const status = await db.transaction((tx) => applyChargeReversalOutcome(tx, { reversalId, refundKey, outcome: "refused", failureCode: error.code, failureMessage: error.message, by: { actor: "gateway" } }));
      return { status };
    }
    // The refund may exist at the gateway: the sweep asks with the same key.
    if (!isProviderTimeoutError(error)) logger.error({ err: error, reversalId }, "refund request for a charge reversal failed without an answer");
    return { status: "processing" };
  }
  if (answer.status === "pending") return { status: "processing" };
  const status = await db.transaction((tx) =>
    applyChargeReversalOutcome(tx, { reversalId, refundKey, outcome: answer.status as "succeeded" | "failed", providerRefundId: answer.refundId, failureCode: answer.failureCode, failureMessage: answer.failureMessage }),
  );
  return { status };
}

/** Submits a reversal right after the transaction that requested it; a failure is left to the sweep. */
export async function submitChargeReversalSoon(db: Database, reversalId: string | null, provider: PaymentProvider): Promise<void> {
  if (!reversalId) return;
  try {
    await submitChargeReversal(db, { reversalId, provider });
  } catch (error) {
    logger.error({ err: error, reversalId }, "submitting a charge reversal failed; the sweep will retry");
  }
}

/**
 * The sweep's share: submits requested reversals, and asks the gateway about those processing
 * for longer than `olderThanMs` (a lost answer or notification). A refund the gateway never
 * received goes back to requested and is submitted again under a new key.
 */
export async function driveChargeReversals({
  db,
  now,
  olderThanMs = 30_000,
  limit = 50,
  provider = getPaymentProvider(),
}: {
  db: Database;
  now: Date;
  olderThanMs?: number;
  limit?: number;
  provider?: PaymentProvider;
}): Promise<{ processed: number; submitted: number; settled: number }> {
  const requested = await listChargeReversals(db, { status: "requested", before: now, limit });
  let submitted = 0;
  for (const r of requested) {
    const result = await submitChargeReversal(db, { reversalId: r.id, provider });
    if (!result.skipped && result.status !== "requested") submitted++;
  }
  const stuck = await listChargeReversals(db, { status: "processing", before: new Date(now.getTime() - olderThanMs), limit });
  let settled = 0;
  for (const r of stuck) {
    const refundKey = r.refundKey!;
    const truth = await callProvider(() => provider.queryRefund(refundKey)).catch(() => undefined);
    if (truth === undefined || truth?.status === "pending") continue;
    const status = await db.transaction(async (tx) => {
      if (!(await tryClaim(tx, `reversal:${r.id}`))) return "processing" as const;
      if (truth === null) {
        const reversal = await lockChargeReversal(tx, r.id);
        if (reversal.status !== "processing" || reversal.refundKey !== refundKey) return reversal.status;
        const moved = await transitionChargeReversal(tx, { reversal, to: "requested", by: SYSTEM, message: `the gateway never received refund ${refundKey}: submitting again` });
        return moved.status;
      }
      return applyChargeReversalOutcome(tx, {
        reversalId: r.id,
        refundKey,
        outcome: truth.status as "succeeded" | "failed",
        providerRefundId: truth.refundId,
        failureCode: truth.failureCode,
        failureMessage: truth.failureMessage,
        by: { actor: "system", reason: because("reconciliation.refund_result_fetched") },
      });
    });
    if (status === "succeeded" || status === "failed") settled++;
  }
  return { processed: requested.length + stuck.length, submitted, settled };
}
