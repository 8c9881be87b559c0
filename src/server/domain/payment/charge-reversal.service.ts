import type { AuditReason } from "@/lib/audit-reasons";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { chargeReversals } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { assertChargeReversalTransition, type ChargeReversalStatus } from "./charge-reversal.machine";
import { appendPaymentLog, type PaymentActor } from "./payment-log";
import { isCapturedPaymentStatus } from "./payment.machine";
import type { PaymentRow } from "./payment.service";
import type { ProviderCharge } from "./provider/payment-provider";

export type ChargeReversalRow = typeof chargeReversals.$inferSelect;
type ReversalPatch = Partial<Pick<typeof chargeReversals.$inferInsert, "attempts" | "refundKey" | "providerRefundId" | "failureCode" | "failureMessage" | "settledAt">>;

/**
 * True when a captured charge is not this payment's capture and must be given back: the payment
 * is closed (cancelled, expired, failed), or it is paid — or being paid — by another charge.
 * Only the current charge of a processing or captured payment is the payment's money.
 */
export function isStrayCapture(payment: Pick<PaymentRow, "status" | "currentChargeKey">, charge: Pick<ProviderCharge, "status" | "chargeKey">): boolean {
  if (charge.status !== "succeeded") return false;
  const current = payment.currentChargeKey === charge.chargeKey;
  return !(current && (payment.status === "processing" || isCapturedPaymentStatus(payment.status)));
}

/**
 * Records that a captured charge must be given back (idempotent: one reversal per charge key)
 * and writes the audit row, in the caller's transaction. The gateway is called later, outside
 * any lock (submitChargeReversal). Returns the reversal and whether this call created it.
 */
export async function requestChargeReversal(
  tx: Tx,
  { payment, charge, reason, by }: { payment: PaymentRow; charge: Pick<ProviderCharge, "chargeId" | "chargeKey" | "amountMinor" | "currency">; reason: AuditReason; by: PaymentActor },
): Promise<{ reversal: ChargeReversalRow; created: boolean }> {
  const [created] = await tx
    .insert(chargeReversals)
    .values({ paymentId: payment.id, orderId: payment.orderId, chargeKey: charge.chargeKey, chargeId: charge.chargeId, amountMinor: charge.amountMinor, currency: charge.currency.trim(), reason: reason.code })
    .onConflictDoNothing({ target: chargeReversals.chargeKey })
    .returning();
  if (!created) {
    const [existing] = await tx.select().from(chargeReversals).where(eq(chargeReversals.chargeKey, charge.chargeKey));
    return { reversal: existing!, created: false };
  }
  await appendPaymentLog(tx, {
    kind: "charge_reversal",
    by,
    paymentId: payment.id,
    orderId: payment.orderId,
    toStatus: "requested",
    message: `charge ${charge.chargeId} was captured for a ${payment.status} payment: refunding it automatically (${reason.code})`,
    data: { reversalId: created.id, chargeKey: charge.chargeKey, chargeId: charge.chargeId, amountMinor: charge.amountMinor, paymentStatus: payment.status },
  });
  logger.warn({ paymentSn: payment.paymentSn, chargeId: charge.chargeId, reversalId: created.id }, "captured charge on a closed payment: automatic refund requested");
  return { reversal: created, created: true };
}

/** Locks one reversal for the rest of the transaction. */
export async function lockChargeReversal(tx: Tx, reversalId: string): Promise<ChargeReversalRow> {
  const [row] = await tx.select().from(chargeReversals).where(eq(chargeReversals.id, reversalId)).for("update");
  if (!row) throw new DomainError("NOT_FOUND", "Charge reversal not found");
  return row;
}

export async function findChargeReversal(db: DbOrTx, reversalId: string): Promise<ChargeReversalRow | null> {
  const [row] = await db.select().from(chargeReversals).where(eq(chargeReversals.id, reversalId));
  return row ?? null;
}

/** The reversal whose current gateway refund has this key (a refund notification names it). */
export async function findChargeReversalByRefundKey(db: DbOrTx, refundKey: string): Promise<ChargeReversalRow | null> {
  const [row] = await db.select().from(chargeReversals).where(eq(chargeReversals.refundKey, refundKey));
  return row ?? null;
}

/** Reversals of these charge keys (reconciliation skips charges already being given back). */
export async function findChargeReversalsByChargeKey(db: DbOrTx, chargeKeys: string[]): Promise<ChargeReversalRow[]> {
  if (chargeKeys.length === 0) return [];
  return db.select().from(chargeReversals).where(inArray(chargeReversals.chargeKey, chargeKeys));
}

/** Reversals in `status` not touched since `before`, oldest first (the sweep's work list). */
export async function listChargeReversals(db: DbOrTx, { status, before, limit }: { status: ChargeReversalStatus; before: Date; limit: number }): Promise<ChargeReversalRow[]> {
  return db
    .select()
    .from(chargeReversals)
    .where(and(eq(chargeReversals.status, status), lte(chargeReversals.updatedAt, before)))
    .orderBy(asc(chargeReversals.updatedAt))
    .limit(limit);
}

/** Moves a locked reversal along its machine with a conditional update and an audit row. */
export async function transitionChargeReversal(
  tx: Tx,
  { reversal, to, by, patch = {}, message }: { reversal: ChargeReversalRow; to: ChargeReversalStatus; by: PaymentActor; patch?: ReversalPatch; message: string },
): Promise<ChargeReversalRow> {
  assertChargeReversalTransition(reversal.status, to);
  const [updated] = await tx
    .update(chargeReversals)
    .set({ ...patch, status: to })
    .where(and(eq(chargeReversals.id, reversal.id), eq(chargeReversals.status, reversal.status)))
    .returning();
  if (!updated) throw new DomainError("CONCURRENT_UPDATE", "The charge reversal changed while we were updating it");
  await appendPaymentLog(tx, {
    kind: "charge_reversal",
    by,
    paymentId: reversal.paymentId,
    orderId: reversal.orderId,
    fromStatus: reversal.status,
    toStatus: to,
    message,
    data: { reversalId: reversal.id, chargeKey: reversal.chargeKey, refundKey: updated.refundKey, attempts: updated.attempts },
  });
  return updated;
}
