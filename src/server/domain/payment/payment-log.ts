import type { AuditWhy } from "@/server/audit/reason";
import type { DbOrTx } from "@/server/db/client";
import { insertBeforeCommit } from "@/server/db/commit-batch";
import { paymentLog } from "@/server/db/schema";
import { currentRequestContext } from "@/server/observability/request-context";

/** Who did something to a payment. `gateway` is the provider speaking through a notification. */
export type PaymentActor = {
  actor: "shopper" | "admin" | "system" | "workflow" | "gateway";
  actorId?: string | null;
} & AuditWhy;

export type PaymentLogKind =
  | "created"
  | "state_change"
  | "gateway_request"
  | "gateway_response"
  | "gateway_timeout"
  | "attempt_refused"
  | "idempotent_replay"
  | "notification_received"
  | "notification_duplicate"
  | "notification_rejected"
  | "refund_state_change"
  | "refund_created"
  | "webhook_attempt"
  | "reconciled"
  | "charge_reversal";

/**
 * Appends one entry to the payment log (append-only: never updated or deleted). Written in
 * the caller's transaction when it records a change, so the change and its log stand or fall
 * together: with the transaction's other audit rows and events, in one statement just before the
 * commit (insertBeforeCommit); outside a transaction at once.
 */
export async function appendPaymentLog(
  db: DbOrTx,
  entry: {
    kind: PaymentLogKind;
    by: PaymentActor;
    paymentId?: string | null;
    refundId?: string | null;
    orderId?: string | null;
    fromStatus?: string | null;
    toStatus?: string | null;
    message?: string | null;
    data?: Record<string, unknown> | null;
  },
): Promise<void> {
  await insertBeforeCommit(db, paymentLog, {
    paymentId: entry.paymentId ?? null,
    refundId: entry.refundId ?? null,
    orderId: entry.orderId ?? null,
    kind: entry.kind,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    actor: entry.by.actor,
    actorId: entry.by.actorId ?? null,
    requestId: currentRequestContext()?.requestId ?? null,
    reasonCode: entry.by.reason?.code ?? null,
    reasonParams: entry.by.reason?.params ?? null,
    message: entry.message ?? entry.by.note ?? null,
    data: entry.data ?? null,
  });
}
