import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Shared rate-limit counters: one row per limited key (e.g. `api:user:<id>`), holding the hits
 * of its current fixed window. Every process adds its local hits in batches (see
 * src/server/rate-limit). The table is UNLOGGED (migration 0010_rate_limit_counters_unlogged): counters are worth nothing
 * after a crash and need no WAL, which keeps the batched upserts cheap. Rows past `expiresAt`
 * are deleted by the stores from time to time.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text().primaryKey(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.expiresAt)],
);
