import { asc, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { processHeartbeats, requestStatsMinutely } from "@/server/db/schema";
import { readOutboxSnapshot } from "@/server/observability/metrics";
import type { Database } from "@/server/db/client";
import { LATENCY_BUCKET_COUNT, addBuckets, emptyBuckets, quantileFromBuckets } from "./latency-buckets";
import { ZMonitoringInput, type MonitoringInput, type MonitoringOutput, type ProcessRow } from "./monitoring.schemas";

const MINUTE_MS = 60_000;
/** A process is shown as gone after this many of its beat intervals without a beat (plus slack). */
const MISSED_BEATS_FOR_GONE = 3;
const GONE_SLACK_MS = 2_000;

/** Whether a heartbeat row belongs to a process that stopped beating. */
export function isGone(row: { lastBeatAt: Date; intervalMs: number }, now: Date): boolean {
  return now.getTime() - row.lastBeatAt.getTime() > MISSED_BEATS_FOR_GONE * row.intervalMs + GONE_SLACK_MS;
}

/** What the scheduler's Tasks overview gives Monitoring (src/server/scheduler/tasks.ts tasksOverview). */
export type TasksSummary = {
  mode: string;
  tasks: { id: string; lastStartedAt: Date | null; lastStatus: string | null; runs: number; failed: number; successRate: number | null }[];
};

/** The registry: every process row, alive ones first (by role), with its status and uptime. */
export async function listProcesses(db: DbOrTx, { now = new Date() }: { now?: Date } = {}): Promise<ProcessRow[]> {
  const rows = await db.select().from(processHeartbeats).orderBy(asc(processHeartbeats.role), asc(processHeartbeats.startedAt));
  return rows
    .map((row) => {
      const status = isGone(row, now) ? ("gone" as const) : ("alive" as const);
      const until = status === "alive" ? now : row.lastBeatAt;
      return {
        instanceId: row.instanceId,
        role: row.role,
        pid: row.pid,
        host: row.host,
        version: row.version,
        startedAt: row.startedAt,
        lastBeatAt: row.lastBeatAt,
        status,
        uptimeSeconds: Math.max(0, Math.round((until.getTime() - row.startedAt.getTime()) / 1000)),
        rssBytes: row.rssBytes,
        heapUsedBytes: row.heapUsedBytes,
        eventLoopDelayMeanMs: row.eventLoopDelayMeanMs,
        eventLoopDelayP99Ms: row.eventLoopDelayP99Ms,
        dbPools: row.dbPools,
        schedulerLeader: row.schedulerLeader,
      };
    })
    .sort((a, b) => (a.status === b.status ? 0 : a.status === "alive" ? -1 : 1));
}

/** Latency buckets summed per key (route or minute) in SQL, element by element. */
async function summedBuckets(db: DbOrTx, key: "route" | "minute", from: Date): Promise<Map<string, number[]>> {
  const rows = (await db.execute(sql`
    select ${sql.raw(key === "route" ? "route" : "extract(epoch from minute)::bigint::text")} as key, u.i::int as i, sum(u.n)::int as n
    from request_stats_minutely, unnest(latency_buckets) with ordinality as u(n, i)
    where minute >= ${from.toISOString()}::timestamptz
    group by 1, 2`)) as unknown as { key: string; i: number; n: number }[];
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const buckets = byKey.get(row.key) ?? emptyBuckets();
    if (row.i >= 1 && row.i <= LATENCY_BUCKET_COUNT) buckets[row.i - 1] = row.n;
    byKey.set(row.key, buckets);
  }
  return byKey;
}

/** Requests per route and per minute over the window, all gateways combined. */
export async function requestFigures(db: DbOrTx, { now, windowMinutes }: { now: Date; windowMinutes: number }) {
  const t = requestStatsMinutely;
  const lastMinute = now.getTime() - (now.getTime() % MINUTE_MS);
  const from = new Date(lastMinute - (windowMinutes - 1) * MINUTE_MS);
  const [routeRows, minuteRows, routeBuckets, minuteBuckets] = await Promise.all([
    db
      .select({
        route: t.route,
        count: sql<number>`sum(${t.count})::int`,
        clientErrors: sql<number>`sum(${t.clientErrors})::int`,
        serverErrors: sql<number>`sum(${t.serverErrors})::int`,
        durationSumMs: sql<number>`sum(${t.durationSumMs})::float8`,
      })
      .from(t)
      .where(gte(t.minute, from))
      .groupBy(t.route),
    db
      .select({ minute: t.minute, count: sql<number>`sum(${t.count})::int`, errors: sql<number>`sum(${t.clientErrors} + ${t.serverErrors})::int` })
      .from(t)
      .where(gte(t.minute, from))
      .groupBy(t.minute),
    summedBuckets(db, "route", from),
    summedBuckets(db, "minute", from),
  ]);

  const routes = routeRows
    .map((r) => ({
      route: r.route,
      count: r.count,
      perMinute: r.count / windowMinutes,
      clientErrors: r.clientErrors,
      serverErrors: r.serverErrors,
      errorRate: r.count > 0 ? (r.clientErrors + r.serverErrors) / r.count : 0,
      p95Ms: quantileFromBuckets(routeBuckets.get(r.route) ?? emptyBuckets(), 0.95),
      meanMs: r.count > 0 ? r.durationSumMs / r.count : 0,
    }))
    .sort((a, b) => b.count - a.count || a.route.localeCompare(b.route));

  // Every minute of the window, zero where nothing was counted, so the chart's time axis is even.
  const byMinute = new Map(minuteRows.map((m) => [m.minute.getTime(), m]));
  const perMinute = Array.from({ length: windowMinutes }, (_, i) => {
    const minute = from.getTime() + i * MINUTE_MS;
    const row = byMinute.get(minute);
    return { minute: new Date(minute), count: row?.count ?? 0, errors: row?.errors ?? 0, p95Ms: quantileFromBuckets(minuteBuckets.get(String(minute / 1000)) ?? emptyBuckets(), 0.95) };
  });

  const count = routes.reduce((sum, r) => sum + r.count, 0);
  const errors = routes.reduce((sum, r) => sum + r.clientErrors + r.serverErrors, 0);
  const allBuckets = [...routeBuckets.values()].reduce((sum, b) => addBuckets(sum, b), emptyBuckets());
  const totals = { count, perMinute: count / windowMinutes, errorRate: count > 0 ? errors / count : 0, p95Ms: quantileFromBuckets(allBuckets, 0.95) };
  return { totals, routes, perMinute };
}

/** The live processes' pools, summed by pool name. */
function combinedPools(processes: ProcessRow[]) {
  const pools = new Map<string, { pool: string; size: number; inUse: number; waiting: number }>();
  for (const p of processes.filter((row) => row.status === "alive")) {
    for (const figures of p.dbPools) {
      const sum = pools.get(figures.pool) ?? { pool: figures.pool, size: 0, inUse: 0, waiting: 0 };
      sum.size += figures.size;
      sum.inUse += figures.inUse;
      sum.waiting += figures.waiting;
      pools.set(figures.pool, sum);
    }
  }
  return [...pools.values()].sort((a, b) => a.pool.localeCompare(b.pool));
}

/**
 * Admin → Monitoring in one read: request figures of the window (rate, error rate, p95 per
 * route and per minute), the process registry, the pools, the scheduler's leader and task
 * health (from `loadTasks`, the Tasks overview), and the outbox backlog. Read-only.
 */
export async function monitoringOverview(
  db: Database,
  { loadTasks, now = new Date(), ...raw }: MonitoringInput & { loadTasks: (db: Database) => Promise<TasksSummary>; now?: Date },
): Promise<MonitoringOutput> {
  const { windowMinutes } = ZMonitoringInput.parse(raw);
  const [requests, processes, tasks, outbox] = await Promise.all([
    requestFigures(db, { now, windowMinutes }),
    listProcesses(db, { now }),
    loadTasks(db),
    readOutboxSnapshot(db).catch(() => null),
  ]);
  const leader = processes.find((p) => p.status === "alive" && p.role === "worker" && p.schedulerLeader);
  return {
    now,
    windowMinutes,
    ...requests,
    processes,
    dbPools: combinedPools(processes),
    scheduler: {
      mode: tasks.mode,
      leader: leader ? { instanceId: leader.instanceId, host: leader.host, pid: leader.pid } : null,
      tasks: tasks.tasks.map(({ id, lastStartedAt, lastStatus, runs, failed, successRate }) => ({ id, lastStartedAt, lastStatus, runs, failed, successRate })),
    },
    outbox,
  };
}
