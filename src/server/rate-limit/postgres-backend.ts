import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { rateLimitCounters } from "@/server/db/schema";
import type { CounterBackend, CounterDelta, CounterTotal } from "./shared-counters";

/**
 * Shared counts in PostgreSQL (the default: works on the embedded database). One row per key
 * with its current window; a whole batch is one `INSERT … SELECT unnest(…) ON CONFLICT DO
 * UPDATE … RETURNING`, so a flush costs one statement however many keys it carries. A delta
 * for a newer window than the row's starts the row over; one for an older window (a late
 * flush) is dropped and the newer count returned.
 *
 * `db` is a function so the backend follows the process database when it is replaced
 * (tests switch databases; see getDb).
 */
export class PostgresCounterBackend implements CounterBackend {
  constructor(private readonly db: () => Database) {}

  async add(deltas: readonly CounterDelta[]): Promise<CounterTotal[]> {
    if (deltas.length === 0) return [];
    const keys = deltas.map((d) => d.key);
    const starts = deltas.map((d) => d.windowStart);
    const hits = deltas.map((d) => d.hits);
    const ends = deltas.map((d) => d.windowStart + d.windowMs);
    const c = rateLimitCounters;
    const rows = await this.db()
      .insert(c)
      .select(
        sql`select k, to_timestamp(s / 1000.0), h, to_timestamp(e / 1000.0)
            from unnest(${sql.param(keys)}::text[], ${sql.param(starts)}::int8[], ${sql.param(hits)}::int4[], ${sql.param(ends)}::int8[]) as d(k, s, h, e)`,
      )
      .onConflictDoUpdate({
        target: c.key,
        set: {
          hits: sql`case when ${c.windowStart} = excluded.window_start then ${c.hits} + excluded.hits
                         when ${c.windowStart} < excluded.window_start then excluded.hits
                         else ${c.hits} end`,
          windowStart: sql`greatest(${c.windowStart}, excluded.window_start)`,
          expiresAt: sql`greatest(${c.expiresAt}, excluded.expires_at)`,
        },
      })
      .returning({ key: c.key, windowStart: c.windowStart, hits: c.hits });
    return rows.map((r) => ({ key: r.key, windowStart: r.windowStart.getTime(), hits: r.hits }));
  }

  async read(key: string, windowStart: number): Promise<number> {
    const [row] = await this.db()
      .select({ hits: rateLimitCounters.hits })
      .from(rateLimitCounters)
      .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, new Date(windowStart))));
    return row?.hits ?? 0;
  }

  async remove(key: string): Promise<void> {
    await this.db().delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
  }

  async sweep(): Promise<void> {
    await this.db().delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, sql`now()`));
  }

  /** The pool belongs to the process database, which closes it. */
  async close(): Promise<void> {}
}
