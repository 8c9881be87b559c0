import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "@/env";
import { createDatabase, type Database } from "@/server/db/client";
import { createScratchDatabase } from "../../../test/test-database";
import { callerAs, createAdmin, createShopper } from "../../../test/fixtures";
import { testGateway } from "../../../test/gateway-fixtures";
import { adminDashboard } from "./admin-dashboard";

// Noon in China on 2026-11-20: "today" starts 2026-11-19T16:00Z, the 7-day window 2026-11-13T16:00Z.
const NOW = new Date("2026-11-20T04:00:00Z");
const TODAY = "2026-11-20T02:00:00Z";
const THIS_WEEK = "2026-11-16T02:00:00Z";
const LAST_MONTH = "2026-10-20T02:00:00Z";

/**
 * Known rows in an empty database (a scratch one: the shared test database holds every other
 * file's orders), so every figure of the admin home is an exact, known number.
 */
async function seedKnownShop(db: Database) {
  const run = (query: ReturnType<typeof sql>) => db.execute(query);
  await run(sql`insert into users (id, email, name, password_hash) values ('00000000-0000-4000-8000-000000000001', 'dash@example.com', 'Dash', 'x')`);
  await run(sql`insert into warehouses (id, code, name, province, city, district, detail) values ('00000000-0000-4000-8000-000000000002', 'WH-D', 'Dash', '浙江省', '杭州市', '西湖区', '1 号')`);
  await run(sql`insert into categories (id, slug, name_en, name_zh) values ('00000000-0000-4000-8000-000000000003', 'dash', 'Dash', '仪表')`);
  await run(sql`insert into carriers (id, code, name_en, name_zh, tracking_prefix, tracking_body_length, tracking_check) values ('00000000-0000-4000-8000-000000000004', 'DASH', 'Dash', '达什', 'DS', 10, 'luhn')`);
  // Orders: three today, two earlier this week, one last month. Three are paid (to ship).
  const orders: [string, string, string][] = [
    ["SF-T1", "paid", TODAY],
    ["SF-T2", "paid", TODAY],
    ["SF-T3", "pending_payment", TODAY],
    ["SF-W1", "shipped", THIS_WEEK],
    ["SF-W2", "cancelled", THIS_WEEK],
    ["SF-M1", "paid", LAST_MONTH],
  ];
  for (const [orderNo, status, at] of orders) {
    await run(sql`insert into orders (order_no, user_id, status, currency, items_total_minor, shipping_fee_minor, payable_total_minor, shipping_address, created_at)
      values (${orderNo}, '00000000-0000-4000-8000-000000000001', ${status}, 'CNY', 1000, 0, 1000,
        '{"recipient":"R","phone":"1","province":"浙江省","city":"杭州市","district":"西湖区","detail":"1"}', ${at}::timestamptz)`);
  }
  // Payments: today two captured (1000 + 2000) and one failed, one still open (counted neither
  // way); this week one captured (500, later refunded) and one expired; last month one captured.
  const payments: [string, string, string, number, string][] = [
    ["PY-T1", "SF-T1", "succeeded", 1000, TODAY],
    ["PY-T2", "SF-T2", "succeeded", 2000, TODAY],
    ["PY-T3", "SF-T3", "failed", 1000, TODAY],
    ["PY-T4", "SF-T2", "pending", 1000, TODAY],
    ["PY-W1", "SF-W1", "partially_refunded", 500, THIS_WEEK],
    ["PY-W2", "SF-W2", "expired", 1000, THIS_WEEK],
    ["PY-M1", "SF-M1", "succeeded", 9000, LAST_MONTH],
  ];
  for (const [sn, orderNo, status, amount, at] of payments) {
    await run(sql`insert into payments (payment_sn, order_id, user_id, amount_minor, currency, method, status, expires_at, created_at)
      select ${sn}, id, user_id, ${amount}, 'CNY', 'card', ${status}, ${at}::timestamptz + interval '15 minutes', ${at}::timestamptz from orders where order_no = ${orderNo}`);
  }
  // Refunds: one requested today (to review), one succeeded this week (200), one requested last month (still to review).
  const refunds: [string, string, string, number, string][] = [
    ["RF-T1", "PY-T1", "requested", 300, TODAY],
    ["RF-W1", "PY-W1", "succeeded", 200, THIS_WEEK],
    ["RF-M1", "PY-M1", "requested", 100, LAST_MONTH],
  ];
  for (const [sn, paymentSn, status, amount, at] of refunds) {
    await run(sql`insert into refunds (refund_sn, payment_id, order_id, user_id, amount_minor, currency, reason, status, requested_by, created_at)
      select ${sn}, id, order_id, user_id, ${amount}, 'CNY', 'test', ${status}, 'shopper', ${at}::timestamptz from payments where payment_sn = ${paymentSn}`);
  }
  // Shipments: one in exception, one moving with no scan for 3 days (stale), one moving and scanned an hour ago.
  const shipments: [string, string, string, string][] = [
    ["SF-W1", "exception", "LS-1", "2026-11-19T00:00:00Z"],
    ["SF-T1", "in_transit", "LS-2", "2026-11-17T04:00:00Z"],
    ["SF-T2", "in_transit", "LS-3", "2026-11-20T03:00:00Z"],
  ];
  for (const [orderNo, status, sn, lastScan] of shipments) {
    await run(sql`insert into shipments (order_id, logistics_sn, tracking_no, carrier_id, service_level, status, warehouse_id, origin, destination, zone,
        actual_weight_grams, volumetric_weight_grams, chargeable_weight_grams, fee_minor, currency, last_scan_at)
      select id, ${sn}, ${`DS${sn}`}, '00000000-0000-4000-8000-000000000004', 'standard', ${status}, '00000000-0000-4000-8000-000000000002',
        '{}'::jsonb, shipping_address, 'local', 100, 100, 100, 800, 'CNY', ${lastScan}::timestamptz from orders where order_no = ${orderNo}`);
  }
  await run(sql`insert into shipment_status_log (shipment_id, from_status, to_status, actor, created_at)
    select id, 'in_transit', 'exception', 'system', '2026-11-20T03:30:00Z'::timestamptz from shipments where logistics_sn = 'LS-1'`);
  // Webhooks: two failed deliveries, one delivered.
  await run(sql`insert into webhook_endpoints (id, url, secret) values ('00000000-0000-4000-8000-000000000005', 'https://merchant.example/hook', 's')`);
  for (const status of ["failed", "failed", "delivered"]) {
    await run(sql`insert into webhook_deliveries (endpoint_id, event_id, event_type, payload, status) values ('00000000-0000-4000-8000-000000000005', gen_random_uuid(), 'payment.succeeded', '{}', ${status})`);
  }
  // Task runs: one failure two hours ago (counted), one three days ago (not), one success.
  for (const [status, at] of [["failed", "2026-11-20T02:00:00Z"], ["failed", "2026-11-17T02:00:00Z"], ["succeeded", "2026-11-20T02:00:00Z"]] as const) {
    await run(sql`insert into task_runs (task_id, trigger, mode, status, started_at) values ('payment-webhooks', 'cron', 'local', ${status}, ${at}::timestamptz)`);
  }
  // Stock: one product at its threshold (low), one well stocked, one low but archived (not counted).
  for (const [sku, onHand, archived] of [["LOW", 5, false], ["OK", 50, false], ["GONE", 0, true]] as const) {
    await run(sql`insert into products (id, sku, name, category_id, warehouse_id, price_minor, currency, weight_grams, archived_at, active)
      values (gen_random_uuid(), ${sku}, ${sku}, '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 100, 'CNY', 100, ${archived ? NOW.toISOString() : null}::timestamptz, ${!archived})`);
    await run(sql`insert into inventory (product_id, on_hand) select id, ${onHand} from products where sku = ${sku}`);
  }
}

describe("admin home (dashboard)", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_dashboard");
    const connection = createDatabase(scratch.url, 4);
    db = connection.db;
    close = () => connection.sql.end();
    await seedKnownShop(db);
  });
  afterAll(async () => {
    await close?.();
    await scratch?.drop();
  });

  it("counts known orders, money, rates and queues exactly", async () => {
    const home = await adminDashboard(db, { now: NOW });
    expect(home.today).toBe("2026-11-20");
    expect(home.weekFrom).toBe("2026-11-14");
    expect(home.orders).toEqual({ today: 3, week: 5 });
    expect(home.revenue).toEqual({ today: [{ currency: "CNY", amountMinor: 3000 }], week: [{ currency: "CNY", amountMinor: 3500 }] });
    // Final outcomes: today 2 captured of 3 ended (the open one is not counted); the week 3 of 5.
    expect(home.paymentSuccessRate).toEqual({ basis: "final_outcomes", today: 2 / 3, week: 3 / 5, weekFinished: 5 });
    expect(home.refunds).toEqual({ today: 1, week: 2, refundedToday: [], refundedWeek: [{ currency: "CNY", amountMinor: 200 }] });
    expect(home.queues).toEqual({ toShip: 3, refundsToReview: 2, shipmentExceptions: 1, staleShipments: 1, failedWebhooks: 2, failedTasks: 1, lowStock: 1 });
  });

  it("draws 14 days of orders, zero days included, and lists recent events newest first with links", async () => {
    const home = await adminDashboard(db, { now: NOW });
    expect(home.ordersPerDay).toHaveLength(14);
    expect(home.ordersPerDay.at(-1)).toEqual({ day: "2026-11-20", orders: 3 });
    expect(home.ordersPerDay.find((d) => d.day === "2026-11-16")).toEqual({ day: "2026-11-16", orders: 2 });
    expect(home.ordersPerDay.reduce((n, d) => n + d.orders, 0)).toBe(5);
    expect(home.recent[0]).toMatchObject({ kind: "shipment", reference: "DSLS-1", orderNo: "SF-W1", fromStatus: "in_transit", status: "exception" });
    expect(home.recent.map((e) => e.at.getTime())).toEqual([...home.recent.map((e) => e.at.getTime())].sort((a, b) => b - a));
    const refund = home.recent.find((e) => e.kind === "refund" && e.reference === "RF-T1");
    expect(refund?.href).toMatch(/^\/admin\/refunds\/[0-9a-f-]{36}$/);
  });

  it("is for admins only, over tRPC", async () => {
    const shopper = await createShopper();
    await expect(shopper.caller.adminDashboard.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).adminDashboard.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const admin = await createAdmin();
    const home = await admin.caller.adminDashboard.get();
    expect(home.queues.toShip).toBeGreaterThanOrEqual(0);
  });

  it("is GET /api/v1/admin/dashboard over REST, for admins only", async () => {
    const app = await testGateway();
    const cookieOf = async (person: { user: { id: string }; session: { sessionId: string } }) =>
      `next-auth.session-token=${await encode({ token: { sid: person.session.sessionId, uid: person.user.id }, secret: authSecret(), maxAge: 3600 })}`;
    const [admin, shopper] = await Promise.all([createAdmin(), createShopper()]);
    const answer = await app.inject({ method: "GET", url: "/api/v1/admin/dashboard", headers: { cookie: await cookieOf(admin) } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ paymentSuccessRate: { basis: "final_outcomes" }, queues: { toShip: expect.any(Number), lowStock: expect.any(Number) } });
    expect((await app.inject({ method: "GET", url: "/api/v1/admin/dashboard", headers: { cookie: await cookieOf(shopper) } })).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/admin/dashboard" })).statusCode).toBe(401);
  });
});
