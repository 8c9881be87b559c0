import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { releaseOrderStock } from "@/server/domain/inventory";
import { lockOrder, transitionOrder } from "@/server/domain/order";
import {
  findOpenPayment,
  findPayment,
  getPaymentProvider,
  isOpenPaymentStatus,
  isPastDeadline,
  lockPayment,
  tstz,
  type PaymentActor,
  type PaymentProvider,
} from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { closeOpenPayment, orderActor } from "./payment-succeeded";
import { tryClaim } from "./sweep-claim";

export type ExpiryResult = { changed: boolean; status: string; paidInstead?: boolean };

/**
 * Expires one payment whose deadline has passed (by the database clock). Refuses before the
 * deadline (PAYMENT_NOT_EXPIRED); no-op once the payment is no longer open. A processing
 * charge is closed at the provider first: if it was paid in the meantime, the payment succeeds
 * instead (`paidInstead`). The order is left alone — see `expireOrderPayment` for the whole
 * window closing (payment expired + order cancelled + stock released).
 */
export async function expirePayment(
  db: Database,
  { paymentId, by = { actor: "system", reason: "payment deadline passed" }, provider = getPaymentProvider() }: { paymentId: string; by?: PaymentActor; provider?: PaymentProvider },
): Promise<ExpiryResult> {
  const found = await findPayment(db, paymentId);
  if (!found) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  return db.transaction(async (tx) => {
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, paymentId);
    if (!isOpenPaymentStatus(payment.status)) return { changed: false, status: payment.status };
    if (!(await isPastDeadline(tx, payment))) throw new DomainError("PAYMENT_NOT_EXPIRED", "The payment deadline has not passed yet");
    const closed = await closeOpenPayment(tx, { payment, to: "expired", by, provider });
    return { changed: !closed.paidInstead, status: closed.payment.status, paidInstead: closed.paidInstead };
  });
}

async function expireInTx(tx: Tx, { orderId, by, provider }: { orderId: string; by: PaymentActor; provider: PaymentProvider }): Promise<ExpiryResult> {
  const order = await lockOrder(tx, orderId);
  if (order.status !== "pending_payment") return { changed: false, status: order.status };
  const [{ past }] = (await tx.execute(sql`select coalesce(now() >= ${tstz(order.paymentDeadlineAt)}, false) as past`)) as unknown as [{ past: boolean }];
  if (!past) throw new DomainError("PAYMENT_NOT_EXPIRED", "The payment window of this order is still open");
  const open = await findOpenPayment(tx, orderId);
  if (open) {
    const payment = await lockPayment(tx, open.id);
    const closed = await closeOpenPayment(tx, { payment, to: "expired", by, provider });
    if (closed.paidInstead) return { changed: false, status: "paid", paidInstead: true };
  }
  await transitionOrder(tx, { orderId, to: "cancelled", by: orderActor({ ...by, reason: by.reason ?? "payment window expired" }) });
  await releaseOrderStock(tx, orderId);
  return { changed: true, status: "cancelled" };
}

/**
 * Closes an order's payment window, in ONE transaction: its open payment expires (its charge
 * closed at the provider), the order is cancelled and its stock released. Refuses before the
 * order's deadline (PAYMENT_NOT_EXPIRED); no-op for an order no longer awaiting payment; if the
 * provider reveals the charge was paid, the order is paid instead. Idempotent.
 * The order-lifecycle flows call this at the deadline and from their reconciliation sweep.
 */
export async function expireOrderPayment(
  db: Database,
  { orderId, by = { actor: "system", reason: "payment window expired" }, provider = getPaymentProvider() }: { orderId: string; by?: PaymentActor; provider?: PaymentProvider },
): Promise<ExpiryResult> {
  return db.transaction((tx) => expireInTx(tx, { orderId, by, provider }));
}

/** Orders past their payment deadline and still awaiting payment, expired one by one (claimed, so instances never collide). */
export async function expireOverdueOrders({ db, now, limit = 50, provider = getPaymentProvider() }: { db: Database; now: Date; limit?: number; provider?: PaymentProvider }) {
  const rows = (await db.execute(
    sql`select id from orders where status = 'pending_payment' and payment_deadline_at <= least(now(), ${tstz(now)}) order by payment_deadline_at limit ${limit}`,
  )) as unknown as { id: string }[];
  let expired = 0;
  for (const { id } of rows) {
    const result = await db.transaction(async (tx) => {
      if (!(await tryClaim(tx, `order-expiry:${id}`))) return { changed: false, status: "skipped" } as ExpiryResult;
      return expireInTx(tx, { orderId: id, by: { actor: "system", reason: "payment window expired" }, provider });
    });
    if (result.changed) expired++;
  }
  return { processed: rows.length, expired };
}
