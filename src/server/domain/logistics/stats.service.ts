import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { ZStatsInput } from "./logistics.schemas";

type Row = Record<string, unknown>;
const rows = async <T extends Row>(db: DbOrTx, query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as T[];

/**
 * Logistics statistics for shipments created in [from, to): counts per carrier, status and
 * China-time day; paid → delivered time (average and p90, real hours); on-time rate against
 * the promise of the service bought (the recorded time of the delivery scan vs the promised
 * instant, both real: never the plan); fees collected; and the share of attempted deliveries
 * that failed at least once.
 */
export async function logisticsStats(db: DbOrTx, raw: { from: Date | string; to: Date | string }) {
  const { from, to } = ZStatsInput.parse(raw);
  const range = sql`s.created_at >= ${from.toISOString()}::timestamptz and s.created_at < ${to.toISOString()}::timestamptz`;
  const delivered = sql`(select min(c.event_at) from shipment_checkpoints c where c.shipment_id = s.id and c.kind = 'delivered' and c.recorded_at is not null)`;

  const [byCarrier, byStatus, byDay, [totals]] = await Promise.all([
    rows<{ carrierCode: string; nameEn: string; nameZh: string; shipments: number; delivered: number; onTime: number; feesMinor: number; withFailedAttempt: number }>(
      db,
      sql`select k.code as "carrierCode", k.name_en as "nameEn", k.name_zh as "nameZh",
            count(*)::int as shipments,
            count(*) filter (where s.status = 'delivered')::int as delivered,
            count(*) filter (where s.status = 'delivered' and ${delivered} <= s.promised_at)::int as "onTime",
            coalesce(sum(s.fee_minor) filter (where s.status <> 'cancelled'), 0)::int as "feesMinor",
            count(*) filter (where s.failed_attempts > 0)::int as "withFailedAttempt"
          from shipments s join carriers k on k.id = s.carrier_id
          where ${range} group by k.code, k.name_en, k.name_zh order by shipments desc, k.code`,
    ),
    rows<{ status: string; shipments: number }>(db, sql`select s.status, count(*)::int as shipments from shipments s where ${range} group by s.status order by shipments desc`),
    rows<{ day: string; shipments: number; delivered: number; feesMinor: number }>(
      db,
      sql`select to_char(s.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*)::int as shipments,
            count(*) filter (where s.status = 'delivered')::int as delivered,
            coalesce(sum(s.fee_minor) filter (where s.status <> 'cancelled'), 0)::int as "feesMinor"
          from shipments s where ${range} group by 1 order by 1`,
    ),
    rows<{
      shipments: number;
      delivered: number;
      onTime: number;
      feesMinor: number;
      attempted: number;
      withFailedAttempt: number;
      avgHours: number | null;
      p90Hours: number | null;
    }>(
      db,
      sql`select count(*)::int as shipments,
            count(*) filter (where s.status = 'delivered')::int as delivered,
            count(*) filter (where s.status = 'delivered' and ${delivered} <= s.promised_at)::int as "onTime",
            coalesce(sum(s.fee_minor) filter (where s.status <> 'cancelled'), 0)::int as "feesMinor",
            count(*) filter (where s.status in ('out_for_delivery', 'delivery_attempt_failed', 'delivered', 'returned_to_sender') or s.failed_attempts > 0)::int as attempted,
            count(*) filter (where s.failed_attempts > 0)::int as "withFailedAttempt",
            (avg(extract(epoch from (s.delivered_at - o.paid_at))) filter (where s.status = 'delivered') / 3600)::float8 as "avgHours",
            (percentile_cont(0.9) within group (order by extract(epoch from (s.delivered_at - o.paid_at))) filter (where s.status = 'delivered') / 3600)::float8 as "p90Hours"
          from shipments s join orders o on o.id = s.order_id where ${range}`,
    ),
  ]);
  const t = totals ?? { shipments: 0, delivered: 0, onTime: 0, feesMinor: 0, attempted: 0, withFailedAttempt: 0, avgHours: null, p90Hours: null };
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    from,
    to,
    totals: {
      shipments: t.shipments,
      delivered: t.delivered,
      feesMinor: t.feesMinor,
      onTimeRate: ratio(t.onTime, t.delivered),
      failedAttemptRate: ratio(t.withFailedAttempt, t.attempted),
      paidToDeliveredAvgHours: t.avgHours === null ? null : Number(t.avgHours),
      paidToDeliveredP90Hours: t.p90Hours === null ? null : Number(t.p90Hours),
    },
    byCarrier: byCarrier.map((c) => ({ ...c, onTimeRate: ratio(c.onTime, c.delivered) })),
    byStatus,
    byDay,
  };
}
