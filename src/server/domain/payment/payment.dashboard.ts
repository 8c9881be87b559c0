import { desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { orders, payments, refunds, webhookDeliveries } from "@/server/db/schema";
import { CAPTURED_PAYMENT_STATUSES } from "./payment.machine";

const captured = sql.join(CAPTURED_PAYMENT_STATUSES.map((s) => sql`${s}`), sql`, `);

type Money = { currency: string; amountMinor: number };

/**
 * The payment module's share of the admin home, read-only.
 *
 * Revenue is money captured by payments created in the window, per currency. The success rate
 * counts FINAL OUTCOMES, not attempts: captured / (captured + failed + cancelled + expired)
 * among the window's payments; payments still open count neither way (the same definition as
 * Reports → Payments).
 *
 * Cheap at 1M payments: the window sums are a range scan of payments(created_at) and
 * refunds(created_at) over the last seven days; "refunds to review" uses
 * refunds(status, created_at) for status = 'requested'; failed webhook deliveries use the
 * partial index webhook_deliveries_failed (status = 'failed'), which holds only those rows.
 */
export async function paymentDashboard(db: DbOrTx, { todayStart, weekStart }: { todayStart: Date; weekStart: Date }) {
  const today = sql`${todayStart.toISOString()}::timestamptz`;
  const [paymentRows, refundRows, [toReview], [failedWebhooks], recentPayments, recentRefunds] = await Promise.all([
    db
      .select({
        currency: payments.currency,
        capturedToday: sql<string>`coalesce(sum(${payments.amountMinor}) filter (where ${payments.status} in (${captured}) and ${payments.createdAt} >= ${today}), 0)::bigint`,
        capturedWeek: sql<string>`coalesce(sum(${payments.amountMinor}) filter (where ${payments.status} in (${captured})), 0)::bigint`,
        succeededWeek: sql<number>`count(*) filter (where ${payments.status} in (${captured}))::int`,
        endedUnpaidWeek: sql<number>`count(*) filter (where ${payments.status} in ('failed', 'cancelled', 'expired'))::int`,
        succeededToday: sql<number>`count(*) filter (where ${payments.status} in (${captured}) and ${payments.createdAt} >= ${today})::int`,
        endedUnpaidToday: sql<number>`count(*) filter (where ${payments.status} in ('failed', 'cancelled', 'expired') and ${payments.createdAt} >= ${today})::int`,
      })
      .from(payments)
      .where(gte(payments.createdAt, weekStart))
      .groupBy(payments.currency),
    db
      .select({
        currency: refunds.currency,
        countToday: sql<number>`count(*) filter (where ${refunds.createdAt} >= ${today})::int`,
        countWeek: sql<number>`count(*)::int`,
        refundedToday: sql<string>`coalesce(sum(${refunds.amountMinor}) filter (where ${refunds.status} = 'succeeded' and ${refunds.createdAt} >= ${today}), 0)::bigint`,
        refundedWeek: sql<string>`coalesce(sum(${refunds.amountMinor}) filter (where ${refunds.status} = 'succeeded'), 0)::bigint`,
      })
      .from(refunds)
      .where(gte(refunds.createdAt, weekStart))
      .groupBy(refunds.currency),
    db.select({ n: sql<number>`count(*)::int` }).from(refunds).where(eq(refunds.status, "requested")),
    db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "failed")),
    db
      .select({ id: payments.id, paymentSn: payments.paymentSn, orderId: payments.orderId, orderNo: orders.orderNo, status: payments.status, amountMinor: payments.amountMinor, currency: payments.currency, at: payments.createdAt })
      .from(payments)
      .innerJoin(orders, eq(orders.id, payments.orderId))
      .orderBy(desc(payments.createdAt))
      .limit(5),
    db
      .select({ id: refunds.id, refundSn: refunds.refundSn, orderId: refunds.orderId, orderNo: orders.orderNo, status: refunds.status, amountMinor: refunds.amountMinor, currency: refunds.currency, at: refunds.createdAt })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .orderBy(desc(refunds.createdAt))
      .limit(5),
  ]);
  const money = (rows: { currency: string }[], pick: (row: never) => string | number): Money[] =>
    rows.map((row) => ({ currency: row.currency, amountMinor: Number(pick(row as never)) })).filter((m) => m.amountMinor > 0);
  const rate = (succeeded: number, endedUnpaid: number) => (succeeded + endedUnpaid === 0 ? null : succeeded / (succeeded + endedUnpaid));
  const sum = (key: "succeededWeek" | "endedUnpaidWeek" | "succeededToday" | "endedUnpaidToday") => paymentRows.reduce((n, row) => n + row[key], 0);
  return {
    revenueToday: money(paymentRows, (r: (typeof paymentRows)[number]) => r.capturedToday),
    revenueWeek: money(paymentRows, (r: (typeof paymentRows)[number]) => r.capturedWeek),
    successRateToday: rate(sum("succeededToday"), sum("endedUnpaidToday")),
    successRateWeek: rate(sum("succeededWeek"), sum("endedUnpaidWeek")),
    paymentsFinishedWeek: sum("succeededWeek") + sum("endedUnpaidWeek"),
    refundsToday: refundRows.reduce((n, r) => n + r.countToday, 0),
    refundsWeek: refundRows.reduce((n, r) => n + r.countWeek, 0),
    refundedToday: money(refundRows, (r: (typeof refundRows)[number]) => r.refundedToday),
    refundedWeek: money(refundRows, (r: (typeof refundRows)[number]) => r.refundedWeek),
    refundsToReview: toReview?.n ?? 0,
    failedWebhooks: failedWebhooks?.n ?? 0,
    recentPayments,
    recentRefunds,
  };
}
