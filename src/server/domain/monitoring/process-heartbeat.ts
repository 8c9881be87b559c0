import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { lt } from "drizzle-orm";
import packageJson from "../../../../package.json";
import type { DbOrTx } from "@/server/db/client";
import { processHeartbeats, type PoolFigures } from "@/server/db/schema";
import { dbPoolInUse, dbPoolSize, dbPoolWaiting } from "@/server/observability/metrics";

/** Rows of processes silent for this long are deleted by the processes still beating. */
export const HEARTBEAT_PRUNE_AFTER_MS = 24 * 3_600_000;

export type HeartbeatIdentity = { instanceId: string; role: string; pid: number; host: string; version: string; startedAt: Date };

/** This process as the registry names it: role, host and pid, plus a random tail (pids are reused). */
export function processIdentity(role: string): HeartbeatIdentity {
  const host = os.hostname();
  return { instanceId: `${role}@${host}:${process.pid}-${randomBytes(3).toString("hex")}`, role, pid: process.pid, host, version: packageJson.version, startedAt: new Date(Date.now() - Math.round(process.uptime() * 1000)) };
}

/** The process's pools as its shopflow_db_pool_* gauges stand (empty where none was opened). */
async function poolFigures(): Promise<PoolFigures[]> {
  const [size, inUse, waiting] = await Promise.all([dbPoolSize.get(), dbPoolInUse.get(), dbPoolWaiting.get()]);
  const valueOf = (values: typeof size.values, pool: string) => values.find((v) => v.labels.pool === pool)?.value ?? 0;
  return size.values.map((v) => {
    const pool = String(v.labels.pool);
    return { pool, size: v.value, inUse: valueOf(inUse.values, pool), waiting: valueOf(waiting.values, pool) };
  });
}

/**
 * Measures this process between beats: memory now, and the event-loop delay since the last
 * beat (a perf_hooks histogram, reset at every beat). The histogram is fed by a timer every
 * `resolutionMs`, which wakes the process that often: 20 ms costs an otherwise idle process
 * about 2.5 CPU ms a second (measured on two cores), 100 ms a fifth of that. A stall still shows
 * whole in the maximum and p99 at either resolution; only stalls shorter than it go unseen.
 */
export function createProcessSampler({ resolutionMs = 20 }: { resolutionMs?: number } = {}) {
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
  return {
    async sample() {
      const memory = process.memoryUsage();
      const figures = {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        eventLoopDelayMeanMs: ms(delay.mean),
        eventLoopDelayP99Ms: ms(delay.percentile(99)),
        eventLoopDelayMaxMs: ms(delay.max),
        dbPools: await poolFigures(),
      };
      delay.reset();
      return figures;
    },
    stop: () => delay.disable(),
  };
}

export type ProcessSample = Awaited<ReturnType<ReturnType<typeof createProcessSampler>["sample"]>>;

/**
 * Writes one heartbeat (upsert of the process's row) and prunes rows silent for a day.
 * Idempotent per instant: a second beat only moves the figures on.
 */
export async function writeHeartbeat(db: DbOrTx, beat: { identity: HeartbeatIdentity; sample: ProcessSample; intervalMs: number; schedulerLeader?: boolean | null; now?: Date }): Promise<void> {
  const now = beat.now ?? new Date();
  const row = { ...beat.identity, ...beat.sample, intervalMs: beat.intervalMs, lastBeatAt: now, schedulerLeader: beat.schedulerLeader ?? null };
  const { instanceId: _id, role: _role, pid: _pid, host: _host, startedAt: _started, ...changing } = row;
  await db.insert(processHeartbeats).values(row).onConflictDoUpdate({ target: processHeartbeats.instanceId, set: changing });
  await pruneHeartbeats(db, now);
}

/** Deletes the rows of processes silent for longer than HEARTBEAT_PRUNE_AFTER_MS. */
export async function pruneHeartbeats(db: DbOrTx, now = new Date()): Promise<void> {
  await db.delete(processHeartbeats).where(lt(processHeartbeats.lastBeatAt, new Date(now.getTime() - HEARTBEAT_PRUNE_AFTER_MS)));
}
