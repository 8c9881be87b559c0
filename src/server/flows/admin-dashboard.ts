import type { DbOrTx } from "@/server/db/client";
import { listLowStock } from "@/server/domain/inventory";
import { FAILED_TASKS_WINDOW_MS, failedTaskRunsSince } from "@/server/domain/lifecycle";
import { logisticsDashboard, logisticsSettings } from "@/server/domain/logistics";
import { orderDashboard } from "@/server/domain/order";
import { paymentDashboard } from "@/server/domain/payment";
import { ZAdminDashboardInput, type AdminDashboard, type AdminDashboardInput } from "./admin-dashboard.schemas";

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Days the orders-per-day chart shows, today included. */
const CHART_DAYS = 14;
const RECENT_EVENTS = 10;

/** The China calendar day of an instant (YYYY-MM-DD); China has no daylight saving time. */
const chinaDay = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** The instant China's day `daysAgo` days before `now`'s starts. */
const chinaDayStartBefore = (now: Date, daysAgo: number) => new Date(Date.parse(`${chinaDay(now)}T00:00:00Z`) - CHINA_OFFSET_MS - daysAgo * DAY_MS);

/**
 * The admin home, read-only: each module answers for its own tables through its index.ts
 * (orders, payments and refunds, shipments, task runs, stock) and this puts the answers
 * together. Each module's query says which index bounds it, so the page stays cheap at 1M orders;
 * low stock reads the catalog (products × inventory, thousands of rows, not orders).
 */
export async function adminDashboard(db: DbOrTx, rawInput: AdminDashboardInput = {}): Promise<AdminDashboard> {
  const now = ZAdminDashboardInput.parse(rawInput).now ?? new Date();
  const todayStart = chinaDayStartBefore(now, 0);
  const weekStart = chinaDayStartBefore(now, 6);
  const chartStart = chinaDayStartBefore(now, CHART_DAYS - 1);
  const { staleAfterHours } = await logisticsSettings.get(db);
  const [order, payment, logistics, failedTasks, lowStock] = await Promise.all([
    orderDashboard(db, { todayStart, weekStart, chartStart }),
    paymentDashboard(db, { todayStart, weekStart }),
    logisticsDashboard(db, { now, staleAfterHours }),
    failedTaskRunsSince(db, { since: new Date(now.getTime() - FAILED_TASKS_WINDOW_MS), limit: 1 }),
    listLowStock(db, { pageSize: 1 }),
  ]);

  const perDay = new Map(order.ordersPerDay.map((d) => [d.day, d.orders]));
  const ordersPerDay = Array.from({ length: CHART_DAYS }, (_, i) => {
    const day = chinaDay(new Date(chartStart.getTime() + i * DAY_MS + CHINA_OFFSET_MS / 2));
    return { day, orders: perDay.get(day) ?? 0 };
  });

  const recent: AdminDashboard["recent"] = [
    ...order.recentOrders.map((e) => ({ kind: "order" as const, href: `/admin/orders/${e.orderId}`, reference: e.orderNo, orderNo: e.orderNo, fromStatus: e.fromStatus, status: e.toStatus, amount: null, at: e.at })),
    ...payment.recentPayments.map((p) => ({ kind: "payment" as const, href: `/admin/payments/${p.id}`, reference: p.paymentSn, orderNo: p.orderNo, fromStatus: null, status: p.status, amount: { currency: p.currency, amountMinor: p.amountMinor }, at: p.at })),
    ...payment.recentRefunds.map((r) => ({ kind: "refund" as const, href: `/admin/refunds/${r.id}`, reference: r.refundSn, orderNo: r.orderNo, fromStatus: null, status: r.status, amount: { currency: r.currency, amountMinor: r.amountMinor }, at: r.at })),
    ...logistics.recentShipments.map((s) => ({ kind: "shipment" as const, href: `/admin/shipments/${s.shipmentId}`, reference: s.trackingNo, orderNo: s.orderNo, fromStatus: s.fromStatus, status: s.toStatus, amount: null, at: s.at })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, RECENT_EVENTS);

  return {
    generatedAt: now,
    today: chinaDay(now),
    weekFrom: chinaDay(new Date(weekStart.getTime() + CHINA_OFFSET_MS)),
    orders: { today: order.ordersToday, week: order.ordersWeek },
    revenue: { today: payment.revenueToday, week: payment.revenueWeek },
    paymentSuccessRate: { basis: "final_outcomes", today: payment.successRateToday, week: payment.successRateWeek, weekFinished: payment.paymentsFinishedWeek },
    refunds: { today: payment.refundsToday, week: payment.refundsWeek, refundedToday: payment.refundedToday, refundedWeek: payment.refundedWeek },
    queues: {
      toShip: order.toShip,
      refundsToReview: payment.refundsToReview,
      shipmentExceptions: logistics.exceptions,
      staleShipments: logistics.stale,
      failedWebhooks: payment.failedWebhooks,
      failedTasks: failedTasks.total,
      lowStock: lowStock.total,
    },
    ordersPerDay,
    recent,
  };
}
