import type postgres from "postgres";

/**
 * Orders in flight for the idle-sweeps scenario, written with set-based SQL (fixture data, not
 * app traffic), spread over the states the sweeps look at and all due LATER than the measured
 * window, so a sweep that reads only what is due finds nothing:
 * - 20 % awaiting payment without a payment, 10 % with a pending payment, 10 % with a QR payment
 *   processing (its gateway charge pending, next asked about in 5 minutes) — payment deadline
 *   30 minutes ahead;
 * - 15 % paid just now with their shipment created (the auto-ship delay, 30 minutes, ahead);
 * - 25 % shipped, in transit, picked up and four planned checkpoints due 1–4 hours ahead;
 * - 5 % shipped and held at an exception (the simulation's default mix has as many), the rest of
 *   their plan overdue while they wait for an admin — nothing of it may happen, so a sweep that
 *   reads only what is due finds nothing there either;
 * - 15 % delivered just now (the receipt window, 7 days, ahead);
 * every paid order with its succeeded payment and the gateway's succeeded charge (settled within
 * the last day, as the gateway's ledger reconciliation reads them). Shoppers are the bench
 * shoppers loadBenchData made.
 */
export async function loadInFlightOrders(sql: postgres.Sql, { orders }: { orders: number }): Promise<Record<string, number>> {
  await sql.begin(async (tx) => {
    await tx`
      create temp table flight on commit drop as
      select g.i, gen_random_uuid() as id, u.id as user_id,
             jsonb_build_object('recipient', a.recipient, 'phone', a.phone, 'province', a.province,
                                'city', a.city, 'district', a.district, 'detail', a.detail) as address,
             case
               when g.i % 20 < 4 then 'unpaid'
               when g.i % 20 < 6 then 'pending'
               when g.i % 20 < 8 then 'processing'
               when g.i % 20 < 11 then 'paid'
               when g.i % 20 < 16 then 'shipped'
               when g.i % 20 < 17 then 'held'
               else 'delivered'
             end as kind,
             now() - interval '1 hour' + g.i * interval '1 millisecond' as created_at
      from generate_series(1, ${orders}) g(i)
      join (select id, row_number() over (order by email) - 1 as n, count(*) over () as total from users where email like 'bench-%@bench.example') u
        on u.n = g.i % u.total
      join addresses a on a.user_id = u.id and a.is_default`;
    await tx`
      insert into orders (id, order_no, user_id, status, payment_status, logistics_status, payment_sn, currency,
                          items_total_minor, shipping_fee_minor, payable_total_minor, shipping_address,
                          carrier_code, service_level, payment_deadline_at, paid_at, shipped_at, delivered_at, created_at, updated_at)
      select f.id, 'SFF' || lpad(f.i::text, 12, '0'), f.user_id,
             case f.kind when 'unpaid' then 'pending_payment' when 'pending' then 'pending_payment' when 'processing' then 'pending_payment' when 'held' then 'shipped' else f.kind end,
             case f.kind when 'unpaid' then 'unpaid' when 'pending' then 'pending' when 'processing' then 'processing' else 'succeeded' end,
             case f.kind when 'shipped' then 'in_transit' when 'held' then 'exception' when 'delivered' then 'delivered' when 'paid' then 'created' else 'none' end,
             case when f.kind = 'unpaid' then null else 'PYF' || lpad(f.i::text, 12, '0') end,
             'CNY', 9900, 1000, 10900, f.address, 'SWIFT', 'standard',
             now() + interval '30 minutes',
             case when f.kind in ('paid', 'shipped', 'held', 'delivered') then now() end,
             case when f.kind in ('shipped', 'held', 'delivered') then now() end,
             case when f.kind = 'delivered' then now() end,
             f.created_at, now()
      from flight f`;
    await tx`
      insert into payments (payment_sn, order_id, user_id, amount_minor, currency, method, status, attempt_count,
                            current_charge_key, provider_charge_id, qr_token, expires_at, succeeded_at, created_at, updated_at)
      select 'PYF' || lpad(f.i::text, 12, '0'), f.id, f.user_id, 10900, 'CNY',
             case when f.kind = 'processing' then 'alipay' else 'card' end,
             case when f.kind in ('pending', 'processing') then f.kind else 'succeeded' end,
             case when f.kind = 'pending' then 0 else 1 end,
             case when f.kind = 'pending' then null else 'PYF' || lpad(f.i::text, 12, '0') || '-1' end,
             case when f.kind = 'pending' then null else 'chF' || f.i end,
             case when f.kind = 'processing' then 'qrF' || f.i end,
             now() + interval '30 minutes',
             case when f.kind in ('paid', 'shipped', 'held', 'delivered') then now() end,
             f.created_at, now()
      from flight f where f.kind <> 'unpaid'`;
    // Where payments carry the sweep's next question (migration 0016), the QR payments were
    // last asked about a minute ago and are next asked in five minutes.
    const [column] = await tx<{ present: boolean }[]>`
      select exists (select 1 from information_schema.columns where table_name = 'payments' and column_name = 'next_check_at') as present`;
    if (column?.present) await tx`update payments set next_check_at = now() + interval '5 minutes' where status = 'processing' and payment_sn like 'PYF%'`;
    await tx`
      insert into gateway.charges (id, charge_key, merchant_ref, amount_minor, currency, method, status, card_last4, qr_token, expires_at, created_at, settled_at)
      select 'chF' || f.i, 'PYF' || lpad(f.i::text, 12, '0') || '-1', 'PYF' || lpad(f.i::text, 12, '0'), 10900, 'CNY',
             case when f.kind = 'processing' then 'alipay' else 'card' end,
             case when f.kind = 'processing' then 'pending' else 'succeeded' end,
             case when f.kind = 'processing' then null else '4242' end,
             case when f.kind = 'processing' then 'qrF' || f.i end,
             now() + interval '30 minutes', f.created_at,
             case when f.kind = 'processing' then null else now() - interval '1 day' + (f.i % 86000) * interval '1 second' end
      from flight f where f.kind in ('processing', 'paid', 'shipped', 'held', 'delivered')`;
    await tx`
      insert into shipments (order_id, logistics_sn, tracking_no, carrier_id, service_level, status, warehouse_id, origin, destination,
                             zone, actual_weight_grams, volumetric_weight_grams, chargeable_weight_grams, fee_minor, currency,
                             clock_real, clock_sim, picked_up_at, delivered_at, last_scan_at, exception_kind, status_before_exception, created_at, updated_at)
      select f.id, 'LSF' || lpad(f.i::text, 12, '0'), 'SWF' || lpad(f.i::text, 12, '0'), c.id, 'standard',
             case f.kind when 'paid' then 'created' when 'shipped' then 'in_transit' when 'held' then 'exception' else 'delivered' end,
             w.id, jsonb_build_object('warehouseCode', w.code, 'name', w.code, 'province', '浙江省', 'city', '杭州市', 'district', '西湖区'),
             f.address, 'same_province', 1000, 1000, 1000, 1000, 'CNY',
             now(), now(),
             case when f.kind <> 'paid' then now() end,
             case when f.kind = 'delivered' then now() end,
             case when f.kind <> 'paid' then now() end,
             case when f.kind = 'held' then 'address' end,
             case when f.kind = 'held' then 'in_transit' end,
             f.created_at, now()
      from flight f
      cross join (select id from carriers where code = 'SWIFT') c
      cross join (select id, code from warehouses order by code limit 1) w
      where f.kind in ('paid', 'shipped', 'held', 'delivered')`;
    // Shipped parcels: the pickup recorded, four more checkpoints planned 1–4 hours ahead; a
    // held parcel's four were due 4–1 hours ago.
    await tx`
      insert into shipment_checkpoints (shipment_id, seq, kind, status, province, city, city_en, facility, event_at, due_at, recorded_at)
      select s.id, k.seq, k.kind, k.status, '浙江省', '杭州市', 'Hangzhou', '{"name":"Hangzhou hub"}'::jsonb,
             d.at, d.at, case when k.seq = 0 then now() end
      from shipments s join orders o on o.id = s.order_id and o.order_no like 'SFF%'
      cross join (values (0, 'picked_up', 'picked_up'), (1, 'arrived_sorting', 'in_transit'), (2, 'departed_sorting', 'in_transit'),
                         (3, 'out_for_delivery', 'out_for_delivery'), (4, 'delivered', 'delivered')) k(seq, kind, status)
      cross join lateral (select case
        when k.seq = 0 then now() - case when s.status = 'exception' then interval '5 hours' else interval '0 hours' end
        when s.status = 'exception' then now() - ((5 - k.seq) * interval '1 hour')
        else now() + (k.seq * interval '1 hour') end as at) d
      where s.status in ('in_transit', 'exception')`;
    // Where checkpoints can be held (migration 0029), a held parcel's plan is on hold.
    const [held] = await tx<{ present: boolean }[]>`
      select exists (select 1 from information_schema.columns where table_name = 'shipment_checkpoints' and column_name = 'held') as present`;
    if (held?.present) {
      await tx`update shipment_checkpoints c set held = true from shipments s
        where s.id = c.shipment_id and s.status = 'exception' and c.recorded_at is null and s.logistics_sn like 'LSF%'`;
    }
  });
  await sql`vacuum (analyze)`;
  await sql`checkpoint`;
  const counts = await sql<{ kind: string; n: number }[]>`
    select status as kind, count(*)::int as n from orders where order_no like 'SFF%' group by status order by status`;
  return Object.fromEntries(counts.map((c) => [c.kind, c.n]));
}
