import { sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import type { DomainEvent, EventConsumer } from "./consumer";
import { deliverBatchToConsumers } from "./deliver";

/** Where the relay sends a batch of claimed events; throws for events it could not deliver. */
export type OutboxDelivery = (events: DomainEvent[]) => Promise<{ failed: { id: string; error: string }[] }>;

type ClaimedRow = { id: string; name: string; data: Record<string, unknown>; created_at: Date | string };

/** Local mode: every event goes to the in-process consumers, a claimed batch at once. */
export function localDelivery(db: Database, consumers: readonly EventConsumer[]): OutboxDelivery {
  return (events) => deliverBatchToConsumers(db, events, consumers);
}

/** Seconds until an event that failed `attempts` times is tried again (capped at 10 minutes). */
export const relayRetryDelaySeconds = (attempts: number) => Math.min(600, 2 ** Math.min(10, Math.max(0, attempts - 1)));

/**
 * Delivers undelivered outbox events at least once. A batch is claimed in a short transaction
 * (`FOR UPDATE SKIP LOCKED`, then a lease in `claimed_until`), so concurrent relays never take
 * the same rows; it is delivered outside any transaction; delivered rows are then stamped.
 * If the process dies after the commit that wrote an event, or after claiming it, or after
 * sending it but before stamping it, the event is simply picked up again (the lease runs out):
 * nothing is lost, and duplicates are absorbed by receipts, idempotent consumers and, in
 * Inngest mode, the event id (Inngest deduplicates events by id).
 */
export async function relayOutbox(
  db: Database,
  {
    deliver,
    now = new Date(),
    limit = 100,
    leaseMs = 30_000,
    afterDeliver,
  }: { deliver: OutboxDelivery; now?: Date; limit?: number; leaseMs?: number; afterDeliver?: (events: DomainEvent[]) => void | Promise<void> },
) {
  const nowIso = now.toISOString();
  // `now` has the JavaScript clock's millisecond; PostgreSQL writes microseconds. An event
  // written earlier in the same millisecond (next_attempt_at 12:00:00.123456, now 12:00:00.123)
  // is due: the relay's now stands for its whole millisecond.
  const dueBefore = new Date(now.getTime() + 1).toISOString();
  const claimed = (await db.execute(sql`
    with claimed as (
      update outbox_events set claimed_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, attempts = attempts + 1
      where id in (
        select id from outbox_events
        where delivered_at is null and next_attempt_at < ${dueBefore}::timestamptz
          and (claimed_until is null or claimed_until <= ${nowIso}::timestamptz)
        -- The order of the undelivered-events index, which a new event enters at its creation
        -- time: the claim reads a batch's worth of it however long the queue. (Ordered by
        -- created_at, each claim read and sorted the whole queue: 13 ms a batch behind a backlog.)
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
      returning id, name, data, created_at, attempts)
    -- Delivered in the order they were written, to the microsecond (a JavaScript Date keeps the
    -- millisecond, which left events of one millisecond in the order of their random ids).
    select * from claimed order by created_at, id`)) as unknown as (ClaimedRow & { attempts: number })[];
  if (claimed.length === 0) return { processed: 0, delivered: 0, failed: 0 };
  const events: DomainEvent[] = claimed.map((r) => ({ id: r.id, name: r.name, data: r.data, createdAt: new Date(r.created_at), attempt: r.attempts }));

  let failed: { id: string; error: string }[];
  try {
    ({ failed } = await deliver(events));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failed = events.map((e) => ({ id: e.id, error: message }));
  }
  await afterDeliver?.(events);

  const failedIds = new Set(failed.map((f) => f.id));
  const delivered = events.filter((e) => !failedIds.has(e.id)).map((e) => e.id);
  if (delivered.length > 0) {
    await db.execute(sql`update outbox_events set delivered_at = now(), claimed_until = null, last_error = null where id = any(${`{${delivered.join(",")}}`}::uuid[])`);
  }
  const attemptsOf = new Map(claimed.map((r) => [r.id, r.attempts]));
  for (const f of failed) {
    const retryAt = new Date(now.getTime() + relayRetryDelaySeconds(attemptsOf.get(f.id) ?? 1) * 1000);
    await db.execute(sql`update outbox_events set claimed_until = null, last_error = ${f.error.slice(0, 2000)}, next_attempt_at = ${retryAt.toISOString()}::timestamptz where id = ${f.id}`);
  }
  return { processed: events.length, delivered: delivered.length, failed: failed.length };
}

/** How long one relay run keeps taking batches while they come full (relayOutboxBacklog). */
export const RELAY_RUN_BUDGET_MS = 2_000;

/**
 * Relays batch after batch while each one comes full, for up to `budgetMs`: a queue longer than
 * a batch is taken in one run rather than one batch per woken run (at most four a second, fewer
 * events than a busy shop writes). Each batch is claimed, delivered and stamped as relayOutbox does.
 */
export async function relayOutboxBacklog(
  db: Database,
  { deliver, now = new Date(), limit = 100, budgetMs = RELAY_RUN_BUDGET_MS }: { deliver: OutboxDelivery; now?: Date; limit?: number; budgetMs?: number },
) {
  const total = { processed: 0, delivered: 0, failed: 0 };
  const until = Date.now() + budgetMs;
  for (;;) {
    const batch = await relayOutbox(db, { deliver, now, limit });
    total.processed += batch.processed;
    total.delivered += batch.delivered;
    total.failed += batch.failed;
    if (batch.processed < limit || Date.now() >= until) return total;
  }
}

/**
 * When the relay next has an event to deliver: the earliest undelivered event not leased to a
 * relay (its next attempt may lie ahead, after a failure), or null when none is waiting. Reads
 * the undelivered-events index from its start; leased events are a batch or two at most.
 */
export async function nextOutboxEventDueAt(db: Database, { now }: { now: Date }): Promise<Date | null> {
  const [row] = (await db.execute(sql`
    select next_attempt_at as at from outbox_events
    where delivered_at is null and (claimed_until is null or claimed_until <= ${now.toISOString()}::timestamptz)
    order by next_attempt_at
    limit 1`)) as unknown as { at: Date | string }[];
  return row ? new Date(row.at) : null;
}

/** Undelivered events older than `olderThanMs` (for the reconciliation sweep's report). */
export async function countStaleOutboxEvents(db: Database, { now, olderThanMs = 60_000 }: { now: Date; olderThanMs?: number }) {
  const [row] = (await db.execute(
    sql`select count(*)::int as n from outbox_events where delivered_at is null and created_at <= ${new Date(now.getTime() - olderThanMs).toISOString()}::timestamptz`,
  )) as unknown as [{ n: number }];
  return row.n;
}
