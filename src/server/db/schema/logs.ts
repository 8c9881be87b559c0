import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, real, smallint, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Every process's log lines (gateway, web, worker), written in batches by the log store
 * (src/server/observability/log-store.ts) and pruned after the retention period (Admin →
 * Settings → Logs). `line` is the whole line exactly as written to stdout, already scrubbed;
 * the other columns are copies of its fields that Admin → Logs filters on.
 *
 * Indexes follow the page's queries: newest first and time ranges on (time, id) — the cursor
 * — and one request's or one user's lines by their ids. Level, route and text filters run
 * inside the time window those give; no trigram index, since the table takes every line
 * the app writes and each index is paid for on every insert.
 */
export const appLogs = pgTable(
  "app_logs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    time: timestamp({ withTimezone: true }).notNull(),
    /** pino's numeric level: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
    level: smallint().notNull(),
    role: text(),
    pid: integer(),
    msg: text(),
    requestId: text(),
    userId: text(),
    route: text(),
    method: text(),
    status: smallint(),
    durationMs: real(),
    line: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index("app_logs_time_id_idx").on(t.time.desc(), t.id.desc()),
    index("app_logs_request_id_idx").on(t.requestId, t.time).where(sql`${t.requestId} is not null`),
    index("app_logs_user_id_idx").on(t.userId, t.time.desc()).where(sql`${t.userId} is not null`),
  ],
);
