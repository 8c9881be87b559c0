import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { requestStatsMinutely } from "@/server/db/schema";
import { addBuckets, bucketIndex, emptyBuckets } from "./latency-buckets";

type Cell = { minute: number; route: string; count: number; clientErrors: number; serverErrors: number; durationSumMs: number; buckets: number[] };

const MINUTE_MS = 60_000;
/** Statistics are kept this long; older minutes are deleted at flush time. */
export const REQUEST_STATS_RETENTION_MS = 24 * 3_600_000;
/** Through a database outage, counts of at most this many minutes back wait in memory. */
const UNFLUSHED_KEEP_MS = 3_600_000;

/**
 * Per route label and minute, the requests a gateway answered since its last flush: counted in
 * memory on the request path (a map update, no I/O), added to request_stats_minutely by
 * `flush`. One per gateway process (`requestStats` below); tests make their own.
 */
export class RequestStatsRecorder {
  private cells = new Map<string, Cell>();

  /** Counts one answered request. Never throws, never waits. */
  record(route: string, statusCode: number, durationMs: number, at = Date.now()): void {
    const minute = at - (at % MINUTE_MS);
    const key = `${minute}\u0000${route}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { minute, route, count: 0, clientErrors: 0, serverErrors: 0, durationSumMs: 0, buckets: emptyBuckets() };
      this.cells.set(key, cell);
    }
    cell.count += 1;
    if (statusCode >= 500) cell.serverErrors += 1;
    else if (statusCode >= 400) cell.clientErrors += 1;
    cell.durationSumMs += durationMs;
    cell.buckets[bucketIndex(durationMs)]! += 1;
  }

  /** How many (minute, route) cells wait to be flushed. */
  get pending(): number {
    return this.cells.size;
  }

  /**
   * Adds what was counted since the last flush to the shared table in one statement
   * (upsert-add: counts of several gateways for the same minute and route add up), and prunes
   * minutes past the retention. When the database does not answer, the counts go back into
   * memory for the next flush (at most an hour's worth) and the error is rethrown.
   */
  async flush(db: DbOrTx, now = Date.now()): Promise<number> {
    const batch = [...this.cells.values()];
    this.cells = new Map();
    if (batch.length > 0) {
      try {
        await insertAdding(db, batch);
      } catch (error) {
        this.restore(batch, now);
        throw error;
      }
    }
    await db.delete(requestStatsMinutely).where(lt(requestStatsMinutely.minute, new Date(now - REQUEST_STATS_RETENTION_MS)));
    return batch.length;
  }

  private restore(batch: Cell[], now: number) {
    for (const cell of batch) {
      if (cell.minute < now - UNFLUSHED_KEEP_MS) continue;
      const key = `${cell.minute}\u0000${cell.route}`;
      const current = this.cells.get(key);
      if (!current) this.cells.set(key, cell);
      else {
        current.count += cell.count;
        current.clientErrors += cell.clientErrors;
        current.serverErrors += cell.serverErrors;
        current.durationSumMs += cell.durationSumMs;
        addBuckets(current.buckets, cell.buckets);
      }
    }
  }
}

function insertAdding(db: DbOrTx, batch: Cell[]) {
  const t = requestStatsMinutely;
  return db
    .insert(t)
    .values(batch.map((c) => ({ minute: new Date(c.minute), route: c.route, count: c.count, clientErrors: c.clientErrors, serverErrors: c.serverErrors, durationSumMs: c.durationSumMs, latencyBuckets: c.buckets })))
    .onConflictDoUpdate({
      target: [t.minute, t.route],
      set: {
        count: sql`${t.count} + excluded.count`,
        clientErrors: sql`${t.clientErrors} + excluded.client_errors`,
        serverErrors: sql`${t.serverErrors} + excluded.server_errors`,
        durationSumMs: sql`${t.durationSumMs} + excluded.duration_sum_ms`,
        latencyBuckets: sql`array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${t.latencyBuckets}, excluded.latency_buckets) with ordinality as u(a, b, i) order by i)`,
      },
    });
}

/** The gateway process's recorder: its metrics plugin records, its flusher (monitoring.runtime.ts) flushes. */
export const requestStats = new RequestStatsRecorder();
