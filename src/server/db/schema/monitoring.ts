import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** One database pool of a process as its heartbeat reports it (shopflow_db_pool_* gauges). */
export type PoolFigures = { pool: string; size: number; inUse: number; waiting: number };

/**
 * The process registry behind Admin → Monitoring: every role process (gateway, web, worker)
 * upserts its row every `intervalMs`. A row whose last beat is a few intervals old belongs to
 * a process that is gone; rows gone for a day are pruned by the processes still beating.
 */
export const processHeartbeats = pgTable(
  "process_heartbeats",
  {
    instanceId: text().primaryKey(),
    role: text().notNull(),
    pid: integer().notNull(),
    host: text().notNull(),
    version: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    lastBeatAt: timestamp({ withTimezone: true }).notNull(),
    /** The writer's beat interval, so a reader can tell "late" from "gone" whatever it is set to. */
    intervalMs: integer().notNull(),
    rssBytes: bigint({ mode: "number" }).notNull(),
    heapUsedBytes: bigint({ mode: "number" }).notNull(),
    heapTotalBytes: bigint({ mode: "number" }).notNull(),
    /** Event-loop delay since the previous beat (perf_hooks monitorEventLoopDelay), in ms. */
    eventLoopDelayMeanMs: doublePrecision().notNull(),
    eventLoopDelayP99Ms: doublePrecision("event_loop_delay_p99_ms").notNull(),
    eventLoopDelayMaxMs: doublePrecision().notNull(),
    dbPools: jsonb().$type<PoolFigures[]>().notNull().default([]),
    /** Workers only: whether this process led the scheduler at its last beat. */
    schedulerLeader: boolean(),
  },
  (t) => [index().on(t.lastBeatAt)],
);

/**
 * Gateway requests per minute and route label, all gateways combined: each gateway counts in
 * memory and adds its counts to the row every few seconds (upsert-add). `latencyBuckets` holds
 * per-bucket (not cumulative) counts over the fixed bounds of LATENCY_BUCKET_BOUNDS_MS
 * (src/server/domain/monitoring/latency-buckets.ts), the last being +Inf.
 */
export const requestStatsMinutely = pgTable(
  "request_stats_minutely",
  {
    minute: timestamp({ withTimezone: true }).notNull(),
    route: text().notNull(),
    count: integer().notNull(),
    clientErrors: integer().notNull(),
    serverErrors: integer().notNull(),
    durationSumMs: doublePrecision().notNull(),
    latencyBuckets: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.route] })],
);
