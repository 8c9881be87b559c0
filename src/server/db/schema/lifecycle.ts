import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * The transactional outbox: one row per domain event, written in the SAME transaction as the
 * status change it describes, so an event exists if and only if its change committed. The
 * relay claims undelivered rows (`FOR UPDATE SKIP LOCKED` plus a short lease) and delivers
 * them at least once; `delivered_at` is set only after delivery succeeded.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    /** Also the Inngest event id, so a re-sent event is deduplicated by Inngest. */
    id: id(),
    name: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The order the event is about (every contract event has one), for per-order views. */
    orderId: uuid(),
    createdAt: createdAt(),
    /** A claimed row is left alone by other relays until its lease runs out. */
    claimedUntil: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("outbox_events_undelivered_idx").on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`),
    index().on(t.orderId, t.createdAt),
    index().on(t.name, t.createdAt),
  ],
);

/**
 * Which local consumer has handled which event. The relay skips a consumer that already has a
 * receipt, so one failing consumer does not replay the event into the others.
 */
export const outboxReceipts = pgTable(
  "outbox_receipts",
  {
    eventId: uuid()
      .notNull()
      .references(() => outboxEvents.id, { onDelete: "cascade" }),
    consumerId: text().notNull(),
    handledAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.consumerId] })],
);

export type TaskTrigger = "cron" | "event" | "manual";
export type TaskRunStatus = "running" | "succeeded" | "failed";

/**
 * One row per run of a background task: an Inngest function run (recorded by middleware) or
 * a sweep run by the local scheduler or by an admin's "run now".
 */
/** Kinds of task failure people read: a business rule's refusal by its category, a retry to come, or anything unexpected. */
export const TASK_ERROR_CODES = ["not_found", "conflict", "invalid_input", "refused", "rate_limited", "will_retry", "internal"] as const;
export type TaskErrorCode = (typeof TASK_ERROR_CODES)[number];

export const taskRuns = pgTable(
  "task_runs",
  {
    id: id(),
    /** Inngest function id or sweep id. */
    taskId: text().notNull(),
    trigger: text().$type<TaskTrigger>().notNull(),
    /** Which scheduler ran it: inngest or local. */
    mode: text().notNull(),
    status: text().$type<TaskRunStatus>().notNull().default("running"),
    attempt: integer().notNull().default(0),
    /** Inngest's run id (unique per run; attempts update the same row). */
    runId: text().unique(),
    eventName: text(),
    eventData: jsonb().$type<Record<string, unknown>>(),
    result: jsonb().$type<Record<string, unknown>>(),
    /** What kind of failure it was, as the Tasks page labels it (the exact error is in `error`). */
    errorCode: text().$type<TaskErrorCode>(),
    /** The error as thrown (name and message), for developers. */
    error: text(),
    /** The failed run an admin retried. */
    retryOf: uuid(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    durationMs: integer(),
  },
  (t) => [index().on(t.taskId, t.startedAt), index().on(t.status, t.startedAt), index().on(t.startedAt)],
);

/**
 * Scheduled sweep runs that found nothing to do, counted per task and hour instead of kept as
 * one task_runs row each. The local scheduler runs each sweep every 2 to 30 seconds: a row per
 * run was about 230,000 rows a day, almost all "nothing due", which buried the runs that did
 * something and made the Tasks page's day of statistics scan them all.
 */
export const taskIdleRuns = pgTable(
  "task_idle_runs",
  {
    taskId: text().notNull(),
    /** The UTC hour the runs started in. */
    hour: timestamp({ withTimezone: true }).notNull(),
    runs: integer().notNull(),
    lastStartedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.hour] })],
);

/**
 * How far a sweep that walks a time-ordered stream has got, so each run reads only what came
 * after (e.g. the gateway ledger's reconciliation: charges settled since the last run, instead
 * of every charge of the last two days on every run).
 */
export const sweepCursors = pgTable("sweep_cursors", {
  sweepId: text().primaryKey(),
  /** Everything before this instant has been looked at. */
  position: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
