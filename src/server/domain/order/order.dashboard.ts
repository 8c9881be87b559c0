import { desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { orderStatusLog, orders } from "@/server/db/schema";

/**
 * The order module's share of the admin home, read-only. Every count is bounded by an index:
 * the windows use orders(created_at) (a range scan over the window's rows only, never the
 * whole table) and "to ship" uses orders(status, created_at) for status = 'paid' (the paid
 * and not yet picked-up orders, a working queue, not the history). At 1M orders each of these
 * touches only the rows it counts.
 */
export async function orderDashboard(db: DbOrTx, { todayStart, weekStart, chartStart }: { todayStart: Date; weekStart: Date; chartStart: Date }) {
  const [[windows], [toShip], perDay, recent] = await Promise.all([
    db
      .select({
        today: sql<number>`count(*) filter (where ${orders.createdAt} >= ${todayStart.toISOString()}::timestamptz)::int`,
        week: sql<number>`count(*)::int`,
      })
      .from(orders)
      .where(gte(orders.createdAt, weekStart)),
    db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.status, "paid")),
    db.execute(sql`
      select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*)::int as n
      from ${orders} where created_at >= ${chartStart.toISOString()}::timestamptz
      group by 1 order by 1`) as unknown as Promise<{ day: string; n: number }[]>,
    // The newest status changes: order_status_log's primary key is its insertion order.
    db
      .select({ orderId: orders.id, orderNo: orders.orderNo, fromStatus: orderStatusLog.fromStatus, toStatus: orderStatusLog.toStatus, at: orderStatusLog.createdAt })
      .from(orderStatusLog)
      .innerJoin(orders, eq(orders.id, orderStatusLog.orderId))
      .orderBy(desc(orderStatusLog.id))
      .limit(8),
  ]);
  return {
    ordersToday: windows?.today ?? 0,
    ordersWeek: windows?.week ?? 0,
    toShip: toShip?.n ?? 0,
    ordersPerDay: perDay.map((r) => ({ day: r.day, orders: Number(r.n) })),
    recentOrders: recent,
  };
}
