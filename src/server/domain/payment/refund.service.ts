import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { payments, refunds } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { appendPaymentLog, type PaymentActor } from "./payment-log";
import { CAPTURED_PAYMENT_STATUSES } from "./payment.machine";
import type { PaymentRow } from "./payment.service";
import { nextRefundSn } from "./payment-sn";
import type { RefundItem } from "./payment.schemas";
import { insertRefundItems } from "./refund-items";
import { assertRefundTransition, type RefundStatus } from "./refund.machine";
import { enqueueWebhookEvent, type WebhookEventType } from "./webhooks/webhook-events";

/**
 * Row-level operations on refunds, inside the caller's transaction. The money guard lives in
 * one conditional UPDATE on the payment row (see `insertRefund`), so concurrent refund
 * requests can never hold more than was captured.
 */
export type RefundRow = typeof refunds.$inferSelect;

const WEBHOOK_FOR: Partial<Record<RefundStatus, WebhookEventType>> = {
  requested: "refund.requested",
  approved: "refund.approved",
  rejected: "refund.rejected",
  succeeded: "refund.succeeded",
  failed: "refund.failed",
};

export async function lockRefund(tx: Tx, refundId: string): Promise<RefundRow> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
  if (!row) throw new DomainError("REFUND_NOT_FOUND", "Refund not found");
  return row;
}

export async function findRefund(db: DbOrTx, refundId: string): Promise<RefundRow | null> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  return row ?? null;
}

export async function findRefundBySn(db: DbOrTx, refundSn: string): Promise<RefundRow | null> {
  const [row] = await db.select().from(refunds).where(eq(refunds.refundSn, refundSn));
  return row ?? null;
}

function refundEventData(refund: RefundRow, from: string | null) {
  return { refundId: refund.id, orderId: refund.orderId, userId: refund.userId, from, to: refund.status, amountMinor: refund.amountMinor, currency: refund.currency.trim() };
}

/**
 * Holds `amountMinor` against the payment and inserts the refund, in one transaction. The hold
 * is a single conditional update (`refunded + reserved + amount <= captured`), evaluated by
 * PostgreSQL against the latest row version even when requests race, so the sum of succeeded
 * and in-flight refunds can never exceed the captured amount. REFUND_EXCEEDS_CAPTURED otherwise.
 */
export async function insertRefund(
  tx: Tx,
  input: {
    payment: PaymentRow;
    amountMinor: number;
    reason: string;
    status: "requested" | "approved";
    by: PaymentActor & { actor: "shopper" | "admin" | "system" };
    /** The items given back (checked and priced by `priceRefundItems`), stored with the refund. */
    items?: RefundItem[];
  },
): Promise<{ refund: RefundRow; payment: PaymentRow }> {
  const [held] = await tx
    .update(payments)
    .set({ refundReservedMinor: sql`${payments.refundReservedMinor} + ${input.amountMinor}` })
    .where(
      and(
        eq(payments.id, input.payment.id),
        inArray(payments.status, [...CAPTURED_PAYMENT_STATUSES]),
        sql`${payments.refundedMinor} + ${payments.refundReservedMinor} + ${input.amountMinor} <= ${payments.amountMinor}`,
      ),
    )
    .returning();
  if (!held) {
    const [current] = await tx.select().from(payments).where(eq(payments.id, input.payment.id));
    const refundable = current ? current.amountMinor - current.refundedMinor - current.refundReservedMinor : 0;
    throw new DomainError("REFUND_EXCEEDS_CAPTURED", `At most ${refundable} can still be refunded`, {
      amountMinor: [`At most ${refundable} can still be refunded`],
    });
  }
  const [refund] = await tx
    .insert(refunds)
    .values({
      refundSn: await nextRefundSn(tx),
      paymentId: held.id,
      orderId: held.orderId,
      userId: held.userId,
      amountMinor: input.amountMinor,
      currency: held.currency,
      reason: input.reason,
      status: input.status,
      requestedBy: input.by.actor,
      requestedById: input.by.actorId ?? null,
      ...(input.status === "approved" ? { reviewedBy: input.by.actorId ?? null, reviewedAt: new Date() } : {}),
    })
    .returning();
  if (input.items) await insertRefundItems(tx, refund!.id, input.items);
  await appendPaymentLog(tx, {
    kind: "refund_created",
    by: input.by,
    paymentId: held.id,
    refundId: refund!.id,
    orderId: held.orderId,
    toStatus: input.status,
    message: input.reason,
    data: {
      refundSn: refund!.refundSn,
      amountMinor: input.amountMinor,
      refundableAfter: held.amountMinor - held.refundedMinor - held.refundReservedMinor,
      ...(input.items ? { items: input.items } : {}),
    },
  });
  const event = WEBHOOK_FOR[input.status];
  if (event) await enqueueWebhookEvent(tx, { type: event, payment: held, refund: refund! });
  await enqueueEvent(tx, "shop/refund.status-changed", refundEventData(refund!, null));
  return { refund: refund!, payment: held };
}

/** Moves a (locked) refund along its machine with a conditional update, a log row and a webhook. */
export async function transitionRefund(
  tx: Tx,
  { refund, payment, to, by, patch = {}, message }: { refund: RefundRow; payment: PaymentRow; to: RefundStatus; by: PaymentActor; patch?: Partial<typeof refunds.$inferInsert>; message?: string },
): Promise<RefundRow> {
  assertRefundTransition(refund.status, to);
  const [updated] = await tx
    .update(refunds)
    .set({ ...patch, status: to })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, refund.status)))
    .returning();
  if (!updated) throw new DomainError("CONCURRENT_UPDATE", "The refund changed while we were updating it; try again");
  await appendPaymentLog(tx, {
    kind: "refund_state_change",
    by,
    paymentId: refund.paymentId,
    refundId: refund.id,
    orderId: refund.orderId,
    fromStatus: refund.status,
    toStatus: to,
    message: message ?? null,
  });
  const event = WEBHOOK_FOR[to];
  if (event) await enqueueWebhookEvent(tx, { type: event, payment, refund: updated });
  await enqueueEvent(tx, "shop/refund.status-changed", refundEventData(updated, refund.status));
  return updated;
}

/** Gives a rejected or failed refund's hold back to the payment. */
export async function releaseRefundHold(tx: Tx, refund: RefundRow): Promise<PaymentRow> {
  const [row] = await tx
    .update(payments)
    .set({ refundReservedMinor: sql`${payments.refundReservedMinor} - ${refund.amountMinor}` })
    .where(and(eq(payments.id, refund.paymentId), sql`${payments.refundReservedMinor} >= ${refund.amountMinor}`))
    .returning();
  if (!row) throw new DomainError("CONCURRENT_UPDATE", "Refund hold is inconsistent with the payment");
  return row;
}

/** Turns a succeeded refund's hold into refunded money on the payment. */
export async function settleRefundHold(tx: Tx, refund: RefundRow): Promise<PaymentRow> {
  const [row] = await tx
    .update(payments)
    .set({
      refundReservedMinor: sql`${payments.refundReservedMinor} - ${refund.amountMinor}`,
      refundedMinor: sql`${payments.refundedMinor} + ${refund.amountMinor}`,
    })
    .where(and(eq(payments.id, refund.paymentId), sql`${payments.refundReservedMinor} >= ${refund.amountMinor}`))
    .returning();
  if (!row) throw new DomainError("CONCURRENT_UPDATE", "Refund hold is inconsistent with the payment");
  return row;
}

export async function listRefundsOfPayment(db: DbOrTx, paymentId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(refunds.createdAt);
}

export async function listRefundsOfOrder(db: DbOrTx, orderId: string): Promise<RefundRow[]> {
  // Built once: the order page's payment section reads it per view.
  const query = prepared(db, "refunds-of-order", (d) =>
    d.select().from(refunds).where(eq(refunds.orderId, sql.placeholder("orderId"))).orderBy(refunds.createdAt).prepare("refunds_of_order"),
  );
  return query.execute({ orderId });
}
