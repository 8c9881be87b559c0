import { because } from "@/lib/audit-reasons";
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
import { closeOpenPayment, withChargeClosedFirst, type ClosedCharge, type ClosingPass } from "./close-open-payment";
import { orderActor } from "./payment-succeeded";
import { tryClaim } from "./sweep-claim";
import { SWEEP_STEP_BUDGET_MS } from "./claim-each";

const EXPIRY_PAGE = 50;

export type ExpiryResult = { changed: boolean; status: string; paidInstead?: boolean };

/**
 * Expires one payment whose deadline has passed (by the database clock). Refuses before the
 * deadline (PAYMENT_NOT_EXPIRED); no-op once the payment is no longer open. A processing
 * charge is closed at the provider first (with no row lock held): if it was paid in the
 * meantime, the payment succeeds instead (`paidInstead`). The order is left alone — see `expireOrderPayment` for the whole
 * window closing (payment expired + order cancelled + stock released).
 */
export async function expirePayment(
  db: Database,
  { paymentId, by = { actor: "system", reason: because("payment.deadline_passed") }, provider = getPaymentProvider() }: { paymentId: string; by?: PaymentActor; provider?: PaymentProvider },
): Promise<ExpiryResult> {
  const found = await findPayment(db, paymentId);
  if (!found) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  return withChargeClosedFirst(db, provider, async (tx, closed): Promise<ClosingPass<ExpiryResult>> => {
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, paymentId);
    if (!isOpenPaymentStatus(payment.status)) return { done: { changed: false, status: payment.status } };
    if (!(await isPastDeadline(tx, payment))) throw new DomainError("PAYMENT_NOT_EXPIRED", "The payment deadline has not passed yet");
    const outcome = await closeOpenPayment(tx, { payment, to: "expired", by, closed });
    if ("closeFirst" in outcome) return outcome;
    const paidInstead = outcome.kind === "paid_instead";
    return { done: { changed: !paidInstead, status: outcome.payment.status, paidInstead } };
  });
}

/** One pass of closing an order's payment window (see expireOrderPayment). */
async function expirePass(tx: Tx, { orderId, by, closed }: { orderId: string; by: PaymentActor; closed: ClosedCharge | null }): Promise<ClosingPass<ExpiryResult>> {
  const order = await lockOrder(tx, orderId);
  if (order.status !== "pending_payment") return { done: { changed: false, status: order.status } };
  const [{ past }] = (await tx.execute(sql`select coalesce(now() >= ${tstz(order.paymentDeadlineAt)}, false) as past`)) as unknown as [{ past: boolean }];
  if (!past) throw new DomainError("PAYMENT_NOT_EXPIRED", "The payment window of this order is still open");
  const open = await findOpenPayment(tx, orderId);
  if (open) {
    const payment = await lockPayment(tx, open.id);
    const outcome = await closeOpenPayment(tx, { payment, to: "expired", by, closed });
    if ("closeFirst" in outcome) return outcome;
    if (outcome.kind === "paid_instead") return { done: { changed: false, status: "paid", paidInstead: true } };
  }
  await transitionOrder(tx, { orderId, to: "cancelled", by: orderActor({ ...by, reason: by.reason ?? because("payment.window_expired") }) });
  await releaseOrderStock(tx, orderId);
  return { done: { changed: true, status: "cancelled" } };
}

/**
 * Closes an order's payment window, in ONE transaction: its open payment expires (its charge
 * closed at the provider beforehand, with no row lock held), the order is cancelled and its
 * stock released. Refuses before the
 * order's deadline (PAYMENT_NOT_EXPIRED); no-op for an order no longer awaiting payment; if the
 * provider reveals the charge was paid, the order is paid instead. Idempotent.
 * The order-lifecycle flows call this at the deadline and from their reconciliation sweep.
 */
export async function expireOrderPayment(
  db: Database,
  { orderId, by = { actor: "system", reason: because("payment.window_expired") }, provider = getPaymentProvider() }: { orderId: string; by?: PaymentActor; provider?: PaymentProvider },
): Promise<ExpiryResult> {
  return withChargeClosedFirst(db, provider, (tx, closed) => expirePass(tx, { orderId, by, closed }));
}

/**
 * Orders past their payment deadline and still awaiting payment, expired one by one (claimed, so
 * instances never collide). Read a page of 50 at a time (a small LIMIT keeps the read one short
 * index walk), the next page while a whole page expired, up to `limit` or `budgetMs`.
 */
export async function expireOverdueOrders({
  db,
  now,
  limit = 500,
  budgetMs = SWEEP_STEP_BUDGET_MS,
  provider = getPaymentProvider(),
}: {
  db: Database;
  now: Date;
  limit?: number;
  budgetMs?: number;
  provider?: PaymentProvider;
}) {
  let expired = 0;
  let processed = 0;
  const until = Date.now() + budgetMs;
  for (;;) {
    const page = Math.min(EXPIRY_PAGE, limit - processed);
    const rows = (await db.execute(
      sql`select id from orders where status = 'pending_payment' and payment_deadline_at <= least(now(), ${tstz(now)}) order by payment_deadline_at limit ${page}`,
    )) as unknown as { id: string }[];
    let expiredOfPage = 0;
    for (const { id } of rows) {
      if (Date.now() >= until) return { processed, expired };
      processed++;
      const result = await withChargeClosedFirst(db, provider, async (tx, closed): Promise<ClosingPass<ExpiryResult>> => {
        if (!(await tryClaim(tx, `order-expiry:${id}`))) return { done: { changed: false, status: "skipped" } };
        return expirePass(tx, { orderId: id, by: { actor: "system", reason: because("payment.window_expired") }, closed });
      });
      if (result.changed) expiredOfPage++;
    }
    expired += expiredOfPage;
    // A short page is the end; one with an order left as it was (another instance holds it, it was
    // paid meanwhile) would be read again: the next run takes it.
    if (rows.length < page || expiredOfPage < rows.length || processed >= limit) return { processed, expired };
  }
}
