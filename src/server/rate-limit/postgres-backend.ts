import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { rateLimitCounters } from "@/server/db/schema";
import type { AnchoredCount, CounterBackend, CounterDelta, CounterTotal } from "./shared-counters";

/**
 * Shared counts in PostgreSQL (the default: works on the embedded database). One row per key
 * with its current window; a whole batch is one `INSERT … SELECT unnest(…) ON CONFLICT DO
 * UPDATE … RETURNING`, so a flush costs one statement however many keys it carries. A delta
 * for a newer window than the row's starts the row over; one for an older window (a late
 * flush) is dropped and the newer count returned. `consume` keeps a window that starts at the
 * key's first hit in the same row.
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
      // The window as epoch ms (a float8 reads as a number): parsing a timestamp per row into a Date cost more than the rest of the flush.
      .returning({ key: c.key, windowStart: sql<number>`extract(epoch from ${c.windowStart}) * 1000`.mapWith(Number), hits: c.hits });
    return rows;
  }

  async consume(key: string, hits: number, windowMs: number, now: number): Promise<AnchoredCount> {
    const c = rateLimitCounters;
    const start = new Date(now);
    // The SET expressions see the row as it was: a live window keeps its start, an ended one starts over at `now`.
    const live = sql`${c.expiresAt} > excluded.window_start`;
    const [row] = await this.db()
      .insert(c)
      .values({ key, windowStart: start, hits, expiresAt: new Date(now + windowMs) })
      .onConflictDoUpdate({
        target: c.key,
        set: {
          hits: sql`case when ${live} then ${c.hits} + excluded.hits else excluded.hits end`,
          windowStart: sql`case when ${live} then ${c.windowStart} else excluded.window_start end`,
          expiresAt: sql`case when ${live} then ${c.expiresAt} else excluded.expires_at end`,
        },
      })
      .returning({ hits: c.hits, expiresAt: c.expiresAt });
    return { hits: row!.hits, endsAt: row!.expiresAt.getTime() };
  }

  async inspect(key: string, now: number): Promise<AnchoredCount | null> {
    const [row] = await this.db()
      .select({ hits: rateLimitCounters.hits, expiresAt: rateLimitCounters.expiresAt })
      .from(rateLimitCounters)
      .where(and(eq(rateLimitCounters.key, key), gt(rateLimitCounters.expiresAt, new Date(now))));
    return row ? { hits: row.hits, endsAt: row.expiresAt.getTime() } : null;
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
