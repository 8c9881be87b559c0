import { sql } from "drizzle-orm";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "@/server/db/client";
import { processLogStoreStats } from "./logger";

/**
 * The process's Prometheus metrics: one registry per process (a module-level value: each
 * process loads this module once), Node's process metrics, and shopflow's own. Every series
 * carries a `role` label (gateway, web, worker), set once at start with setMetricsRole;
 * Prometheus adds `instance`. docs/operations.md lists every metric and what it means.
 */
export const metricsRegistry = new Registry();

export type MetricsRole = "gateway" | "web" | "worker" | (string & {});

metricsRegistry.setDefaultLabels({ role: "unknown" });
collectDefaultMetrics({ register: metricsRegistry });

/** Labels every series of this process with its role; call once when the role is known. */
export function setMetricsRole(role: MetricsRole): void {
  metricsRegistry.setDefaultLabels({ role });
}

/** The text a scrape of `/metrics` answers, and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

// ---------------------------------------------------------------- HTTP

/**
 * Request latency by route pattern or procedure, never the raw URL (bounded cardinality).
 * Buckets from 1 ms to 5 s, with edges at the targets the alerts compare against (100 ms for
 * reads, 200 ms for creates).
 */
export const httpRequestDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request duration in seconds, by method, route (pattern, tRPC procedure or next) and status code",
  labelNames: ["method", "route", "status_code"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Counts a request refused by a rate limit; `scope` names the limit (api, sign-in, tracking...). */
export const rateLimitRejections = new Counter({
  name: "shopflow_rate_limit_rejections_total",
  help: "Requests answered 429 by a rate limit, by limit scope",
  labelNames: ["scope"] as const,
  registers: [metricsRegistry],
});

export function countRateLimitRejection(scope: string): void {
  rateLimitRejections.inc({ scope });
}

/** The gateway's page cache (src/gateway/built-page-cache.ts): views answered from it, from Next, and answers it kept. */
export const pageCacheLookups = new Counter({
  name: "shopflow_page_cache_total",
  help: "Page views the gateway's cache could answer: from the cache (hit), from Next and kept (stored), from Next and not kept (miss)",
  labelNames: ["result"] as const,
  registers: [metricsRegistry],
});

// ---------------------------------------------------------------- log store

/** The log store's own counts (log-store.ts), read at scrape time: it never touches metrics on the logging path. */
export const logStoreLines = new Counter({
  name: "shopflow_log_store_lines_total",
  help: "Log lines copied to the log store (outcome=written) or dropped because it was unreachable, slow or full (outcome=dropped)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
  collect() {
    const stats = processLogStoreStats();
    if (!stats) return;
    this.reset();
    this.inc({ outcome: "written" }, stats.written);
    this.inc({ outcome: "dropped" }, stats.dropped);
  },
});

// ---------------------------------------------------------------- database pool

/**
 * postgres.js keeps its connection queues private, so the pool is measured where work enters
 * it: every transaction goes through `db.transaction` (see src/server/db/pool-metrics.ts),
 * which holds one connection from BEGIN to COMMIT. Single statements outside a transaction
 * are pipelined on shared connections and are not counted here.
 */
export const dbPoolSize = new Gauge({
  name: "shopflow_db_pool_size",
  help: "Configured maximum connections of a database pool",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});

export const dbPoolInUse = new Gauge({
  name: "shopflow_db_pool_in_use",
  help: "Connections of a database pool held by open transactions",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});

export const dbPoolWaiting = new Gauge({
  name: "shopflow_db_pool_waiting",
  help: "Transactions waiting for a connection of a database pool",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});

// ---------------------------------------------------------------- business

export const ordersCreated = new Counter({
  name: "shopflow_orders_created_total",
  help: "Orders created (checkouts committed)",
  registers: [metricsRegistry],
});

export const paymentOutcomes = new Counter({
  name: "shopflow_payments_total",
  help: "Payment attempts reaching an outcome (succeeded, failed, cancelled, expired), by method",
  labelNames: ["method", "outcome"] as const,
  registers: [metricsRegistry],
});

export const refundOutcomes = new Counter({
  name: "shopflow_refunds_total",
  help: "Refunds reaching an outcome (succeeded, failed, rejected)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

export const shipmentTransitions = new Counter({
  name: "shopflow_shipments_total",
  help: "Shipments entering a status (created, picked_up, ..., delivered, exception)",
  labelNames: ["status"] as const,
  registers: [metricsRegistry],
});

export const deliveries = new Counter({
  name: "shopflow_deliveries_total",
  help: "Delivered shipments with a carrier promise, by whether they arrived by the promised time",
  labelNames: ["on_time"] as const,
  registers: [metricsRegistry],
});

export const notificationsSent = new Counter({
  name: "shopflow_notifications_sent_total",
  help: "In-app notifications created for shoppers, by kind",
  labelNames: ["kind"] as const,
  registers: [metricsRegistry],
});

// Present from the first scrape, so rates and ratios start at 0 instead of "no data".
ordersCreated.inc(0);
for (const onTime of ["true", "false"]) deliveries.inc({ on_time: onTime }, 0);

// ---------------------------------------------------------------- background work

export const schedulerRuns = new Counter({
  name: "shopflow_scheduler_runs_total",
  help: "Runs of the local scheduler's tasks, by task and outcome (succeeded, failed)",
  labelNames: ["task", "outcome"] as const,
  registers: [metricsRegistry],
});

/** Counts one task run by how `run` settles, and passes its result or error through unchanged. */
export async function countSchedulerRun<T>(task: string, run: Promise<T>): Promise<T> {
  try {
    const result = await run;
    schedulerRuns.inc({ task, outcome: "succeeded" });
    return result;
  } catch (error) {
    schedulerRuns.inc({ task, outcome: "failed" });
    throw error;
  }
}

export const schedulerLeader = new Gauge({
  name: "shopflow_scheduler_leader",
  help: "1 while this worker process leads the local scheduler, else 0",
  registers: [metricsRegistry],
});

/** Reports whether this process currently leads the local scheduler. */
export function setSchedulerLeader(isLeader: boolean): void {
  schedulerLeader.set(isLeader ? 1 : 0);
}

// ---------------------------------------------------------------- outbox (read at scrape time)

/**
 * Above this many undelivered events the backlog is reported as this number: the count walks
 * the partial index of undelivered rows (outbox_events_undelivered_idx), and a scrape must stay
 * cheap however far the relay has fallen behind. (Past the cap, the oldest age is that of the
 * oldest among the first rows in the index's next-attempt order: a lower bound of the true age.)
 */
export const OUTBOX_COUNT_CAP = 10_000;

type OutboxSnapshot = { backlog: number; oldestAgeSeconds: number };

/** Counts undelivered events (capped) and the age of the oldest of them, in one statement. */
export async function readOutboxSnapshot(db: Database): Promise<OutboxSnapshot> {
  const [row] = (await db.execute(sql`
    select count(*)::int as backlog,
           coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_age
    from (select created_at from outbox_events where delivered_at is null limit ${OUTBOX_COUNT_CAP}) undelivered`)) as unknown as [
    { backlog: number; oldest_age: number },
  ];
  return { backlog: row!.backlog, oldestAgeSeconds: row!.oldest_age };
}

/** A scrape waits this long for the outbox query; past it the database counts as not answering. */
const OUTBOX_QUERY_DEADLINE_MS = 3_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

let outboxDb: (() => Database) | undefined;
let inFlight: Promise<OutboxSnapshot | null> | undefined;

/**
 * One query per scrape: the registry starts every metric's collect in one synchronous loop, so
 * the three gauges share the query in flight. null when the database did not answer.
 */
function outboxSnapshotForScrape(): Promise<OutboxSnapshot | null> {
  inFlight ??= withDeadline(readOutboxSnapshot(outboxDb!()), OUTBOX_QUERY_DEADLINE_MS)
    .catch(() => null)
    .finally(() => (inFlight = undefined));
  return inFlight;
}

const databaseUp = new Gauge({
  name: "shopflow_database_up",
  help: "1 when the scrape-time outbox query reached the database, else 0",
  registers: [],
  async collect() {
    this.set((await outboxSnapshotForScrape()) ? 1 : 0);
  },
});

// Without an answer the outbox figures read NaN (a gap in graphs, never a false alert), not a stale value.
const outboxBacklog = new Gauge({
  name: "shopflow_outbox_backlog",
  help: `Domain events not yet delivered by the outbox relay (reported as ${OUTBOX_COUNT_CAP} above that)`,
  registers: [],
  async collect() {
    const snapshot = await outboxSnapshotForScrape();
    this.set(snapshot ? snapshot.backlog : Number.NaN);
  },
});

const outboxOldestAge = new Gauge({
  name: "shopflow_outbox_oldest_undelivered_age_seconds",
  help: "Age of the oldest undelivered domain event in seconds (0 when none)",
  registers: [],
  async collect() {
    const snapshot = await outboxSnapshotForScrape();
    this.set(snapshot ? snapshot.oldestAgeSeconds : Number.NaN);
  },
});

/**
 * Makes this process report the outbox backlog, the oldest undelivered event's age and
 * whether the database answers, read with one query when /metrics is scraped (never in the
 * background). Call it in the processes that should report them (the gateways and the worker);
 * processes that never call it report none of these series. Idempotent. Passing the statement
 * pool (`() => statementDbFor(getDb())`) keeps a scrape from queueing behind busy transactions.
 */
export function watchOutbox(getDatabase: () => Database): void {
  outboxDb = getDatabase;
  inFlight = undefined;
  const scrapeTimeGauges = { shopflow_database_up: databaseUp, shopflow_outbox_backlog: outboxBacklog, shopflow_outbox_oldest_undelivered_age_seconds: outboxOldestAge };
  for (const [name, gauge] of Object.entries(scrapeTimeGauges)) {
    if (!metricsRegistry.getSingleMetric(name)) metricsRegistry.registerMetric(gauge);
  }
}
