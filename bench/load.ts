import type postgres from "postgres";

/**
 * Bulk test data for the benchmark, written with set-based SQL (it is fixture data, not app
 * traffic) but kept consistent with the schema and its invariants:
 * - `shoppers` shopper accounts (one shared password hash), each with a default address;
 * - `orders` orders spread over those shoppers, two item snapshots each, totals that satisfy
 *   the CHECKs, a status-log row per status change and an inventory movement per stock change;
 * - nine in ten orders were cancelled when their payment expired (reserve + release, stock
 *   back), one in ten still awaits payment (stock reserved, deadline in the future);
 * - every product gets a large restock (with its movement) so checkouts never run dry.
 */
export async function loadBenchData(
  sql: postgres.Sql,
  { orders, shoppers, passwordHash }: { orders: number; shoppers: number; passwordHash: string },
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      insert into users (email, name, password_hash, role)
      select 'bench-' || i || '@bench.example', 'Bench Shopper ' || i, ${passwordHash}, 'shopper'
      from generate_series(0, ${shoppers - 1}) i`;
    await tx`
      insert into addresses (user_id, recipient, phone, province, city, district, detail, is_default)
      select u.id, '王芳', '13700001111', '浙江省', '杭州市', '西湖区', '文三路 100 号 ' || u.email, true
      from users u where u.email like 'bench-%@bench.example'`;

    await tx`
      create temp table bench_products on commit drop as
      select (row_number() over (order by sku) - 1)::int as n, id, sku, name, price_minor, weight_grams, currency
      from products where active`;
    await tx`
      create temp table bench_users on commit drop as
      select substring(u.email from 'bench-(\\d+)@')::int as n, u.id,
             jsonb_build_object('recipient', a.recipient, 'phone', a.phone, 'province', a.province,
                                'city', a.city, 'district', a.district, 'detail', a.detail) as address
      from users u join addresses a on a.user_id = u.id and a.is_default
      where u.email like 'bench-%@bench.example'`;
    const [counted] = await tx<{ count: number }[]>`select count(*)::int as count from bench_products`;
    const productCount = counted!.count;

    // Order i belongs to shopper i % shoppers; one minute apart, newest first.
    await tx`
      create temp table bench_orders on commit drop as
      select g.i, gen_random_uuid() as id, u.id as user_id, u.address,
             now() - interval '1 day' - g.i * interval '1 minute' as created_at,
             (g.i % 10 = 0) as pending
      from generate_series(1, ${orders}) g(i) join bench_users u on u.n = g.i % ${shoppers}`;
    await tx`
      create temp table bench_items on commit drop as
      select o.id as order_id, p.id as product_id, p.sku, p.name, p.price_minor, p.weight_grams,
             1 + (o.i + k) % 3 as quantity, o.pending, o.created_at
      from bench_orders o cross join generate_series(0, 1) k
      join bench_products p on p.n = (o.i * 7 + k * 13) % ${productCount}`;

    await tx`
      insert into orders (id, order_no, user_id, status, currency, items_total_minor, shipping_fee_minor,
                          payable_total_minor, shipping_address, payment_deadline_at, cancelled_at, created_at, updated_at)
      select o.id,
             'SF' || to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYYMMDDHH24MISS') || lpad((o.i % 1000000)::text, 6, '0'),
             o.user_id,
             case when o.pending then 'pending_payment' else 'cancelled' end,
             'CNY', t.total, 1000, t.total + 1000, o.address,
             case when o.pending then now() + interval '30 days' else o.created_at + interval '30 minutes' end,
             case when o.pending then null else o.created_at + interval '30 minutes' end,
             o.created_at, o.created_at
      from bench_orders o
      join (select order_id, sum(price_minor * quantity)::int as total from bench_items group by order_id) t on t.order_id = o.id`;
    await tx`
      insert into order_items (order_id, product_id, sku, name, unit_price_minor, quantity, line_total_minor, weight_grams)
      select order_id, product_id, sku, name, price_minor, quantity, price_minor * quantity, weight_grams from bench_items`;
    await tx`
      insert into order_status_log (order_id, from_status, to_status, actor, actor_id, reason, created_at)
      select id, null, 'pending_payment', 'shopper', user_id, 'order placed', created_at from bench_orders`;
    await tx`
      insert into order_status_log (order_id, from_status, to_status, actor, reason, created_at)
      select id, 'pending_payment', 'cancelled', 'system', 'payment expired', created_at + interval '30 minutes'
      from bench_orders where not pending`;

    await tx`
      insert into inventory_movements (product_id, kind, quantity, order_id, note, created_at)
      select id, 'restock', 1000000, null, 'benchmark restock', now() - interval '200 days' from bench_products`;
    await tx`
      insert into inventory_movements (product_id, kind, quantity, order_id, created_at)
      select product_id, 'reserve', quantity, order_id, created_at from bench_items`;
    await tx`
      insert into inventory_movements (product_id, kind, quantity, order_id, created_at)
      select product_id, 'release', quantity, order_id, created_at + interval '30 minutes' from bench_items where not pending`;
    await tx`
      update inventory i set on_hand = i.on_hand + 1000000, reserved = i.reserved + coalesce(r.held, 0)
      from (select p.id as product_id, (select sum(quantity) from bench_items b where b.product_id = p.id and b.pending)::int as held
            from bench_products p) r
      where i.product_id = r.product_id`;
  });
  // A database that has just taken a bulk load runs autovacuum over the new rows a little
  // later, for several seconds of CPU, right in the middle of a measured window. Do that work
  // now, as a production database would long since have done it, and flush it to disk.
  await sql`vacuum (analyze)`;
  await sql`checkpoint`;
}
