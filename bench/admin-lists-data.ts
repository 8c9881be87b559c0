import type postgres from "postgres";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";
import { loadBenchData } from "./load";

/**
 * The admin screens' data at a million orders: the benchmark's orders (bench/load.ts), one
 * payment each and refunds of some, kept in a database of its own that later runs reuse
 * (seeding a million orders on two shared cores takes many minutes).
 *
 * Over the orders (one a minute, newest first, ≈ 1.9 years):
 * - the one in ten still awaiting payment has a pending payment;
 * - of the cancelled ones, one in three had a declined card (failed payment, one attempt) and
 *   the rest expired unpaid — except every fourth order, turned into a completed order with a
 *   captured card, Alipay or WeChat Pay payment (one or two attempts), and every twentieth
 *   order's payment partly refunded (a succeeded refund row, `refunded_minor` to match).
 */
export async function loadAdminListsData(sql: postgres.Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      create temp table bench_admin on commit drop as
      select o.id, o.user_id, o.payable_total_minor as amount, o.created_at, o.status, o.payment_deadline_at,
             row_number() over (order by o.created_at desc) as i
      from orders o where o.order_no like 'SF%' and exists (select 1 from users u where u.id = o.user_id and u.email like 'bench-%@bench.example')`;
    await tx`
      update orders o set status = 'completed', payment_status = 'succeeded', cancelled_at = null,
             paid_at = b.created_at + interval '2 minutes', completed_at = b.created_at + interval '10 days'
      from bench_admin b where b.id = o.id and b.status = 'cancelled' and b.i % 4 = 1`;
    await tx`
      insert into payments (payment_sn, order_id, user_id, amount_minor, currency, method, status, attempt_count,
                            expires_at, failure_code, succeeded_at, closed_at, refunded_minor, created_at, updated_at)
      select 'PY' || to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYYMMDDHH24MISS') || lpad(b.i::text, 7, '0'),
             b.id, b.user_id, b.amount, 'CNY',
             (array['card', 'alipay', 'wechat_pay', 'card'])[1 + b.i % 4],
             case when b.status = 'pending_payment' then 'pending'
                  when b.i % 4 = 1 then case when b.i % 20 = 1 then 'partially_refunded' else 'succeeded' end
                  when b.i % 3 = 0 then 'failed' else 'expired' end,
             case when b.status = 'pending_payment' then 0 when b.i % 4 = 1 then 1 + (b.i % 7 = 1)::int when b.i % 3 = 0 then 1 else 0 end,
             coalesce(b.payment_deadline_at, b.created_at + interval '30 minutes'),
             case when b.status <> 'pending_payment' and b.i % 4 <> 1 and b.i % 3 = 0 then 'card_declined' end,
             case when b.status <> 'pending_payment' and b.i % 4 = 1 then b.created_at + interval '2 minutes' end,
             case when b.status <> 'pending_payment' and b.i % 4 <> 1 then b.created_at + interval '30 minutes' end,
             case when b.status <> 'pending_payment' and b.i % 20 = 1 then b.amount / 2 else 0 end,
             b.created_at + interval '1 second', b.created_at + interval '2 minutes'
      from bench_admin b`;
    await tx`
      insert into refunds (refund_sn, payment_id, order_id, user_id, amount_minor, currency, reason, status, requested_by,
                           requested_by_id, settled_at, created_at, updated_at)
      select 'RF' || substring(p.payment_sn from 3), p.id, p.order_id, p.user_id, p.refunded_minor, 'CNY',
             'Arrived damaged', 'succeeded', 'shopper', p.user_id,
             p.created_at + interval '4 days', p.created_at + interval '3 days', p.created_at + interval '4 days'
      from payments p where p.status = 'partially_refunded' and p.refunded_minor > 0`;
  });
  await sql`vacuum (analyze) orders, payments, refunds`;
  // The load ran the payments' roll-up triggers a million times in minutes: 44k live roll-up
  // rows in 77 MB of dead versions, which two years of ordinary traffic under autovacuum would
  // never have piled up. Compacted, the table is what such a database holds (≈ 4 MB).
  await sql`vacuum (full, analyze) payment_daily_rollups`;
  await sql`checkpoint`;
}

/**
 * The database of BENCH_ADMIN_DB (a server database name in a URL), created, migrated and
 * loaded with `orders` orders the first time; later runs only migrate it (new migrations
 * backfill what they add) and reuse the rows.
 */
export async function ensureAdminListsDatabase(url: string, { orders, shoppers, passwordHash, log }: { orders: number; shoppers: number; passwordHash: string; log: (m: string) => void }) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BENCH_ADMIN_DB: the database name ${name} must be [a-z0-9_]+`);
  const serverUrl = new URL(url);
  serverUrl.pathname = "/postgres";
  const { default: postgresClient } = await import("postgres");
  const server = postgresClient(serverUrl.toString(), { max: 1, onnotice: () => {} });
  const [exists] = await server<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${name}`;
  if (!exists!.n) await server.unsafe(`create database ${name}`);
  await server.end();

  await runMigrations(url);
  const sql = postgresClient(url, { max: 2, onnotice: () => {} });
  try {
    const [loaded] = await sql<{ n: number }[]>`select count(*)::int as n from payments`;
    if (loaded!.n >= orders) return;
    log(`loading ${orders} orders with payments and refunds into ${name} (once; later runs reuse it)…`);
    const start = Date.now();
    const { db, sql: seedSql } = createDatabase(url, 2);
    await seedDemoData(db);
    await seedSql.end();
    await loadBenchData(sql, { orders, shoppers, passwordHash });
    log(`orders loaded in ${((Date.now() - start) / 1000).toFixed(0)} s; payments and refunds…`);
    await loadAdminListsData(sql);
    log(`loaded in ${((Date.now() - start) / 1000).toFixed(0)} s`);
  } finally {
    await sql.end();
  }
}
