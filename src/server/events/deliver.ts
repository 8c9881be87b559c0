import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { outboxReceipts } from "@/server/db/schema/lifecycle";
import type { DomainEvent, EventConsumer } from "./consumer";

export class ConsumerFailedError extends Error {
  constructor(readonly failures: { consumerId: string; error: unknown }[]) {
    super(failures.map((f) => `${f.consumerId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join("; "));
    this.name = "ConsumerFailedError";
  }
}

/**
 * Hands one event to every consumer that handles it and has not handled it yet (a receipt
 * row per consumer and event). A consumer's receipt is written after it succeeded, so a crash
 * in between replays the event to that consumer only (consumers are idempotent). Throws
 * ConsumerFailedError listing the consumers that failed, after trying all of them.
 */
export async function deliverToConsumers(db: Database, event: DomainEvent, consumers: readonly EventConsumer[]): Promise<{ handledBy: string[] }> {
  const handledBy: string[] = [];
  const failures: { consumerId: string; error: unknown }[] = [];
  const interested = consumers.filter((consumer) => consumer.handles(event.name) && (consumer.wants?.(event) ?? true));
  if (interested.length === 0) return { handledBy };
  // The event's receipts in one read, not one per consumer: most events reach several. On the
  // relay's first claim of an event no consumer can have had it yet (every delivery follows a
  // claim, and each claim counts): nothing to read.
  const receipts =
    event.attempt === 1 ? [] : await db.select({ consumerId: outboxReceipts.consumerId }).from(outboxReceipts).where(eq(outboxReceipts.eventId, event.id));
  const handledBefore = new Set(receipts.map((r) => r.consumerId));
  for (const consumer of interested) {
    if (handledBefore.has(consumer.id)) continue;
    try {
      await consumer.handle(db, event);
      await prepared(db, "outbox-receipt", (d) =>
        d
          .insert(outboxReceipts)
          .values({ eventId: sql.placeholder("eventId"), consumerId: sql.placeholder("consumerId") })
          .onConflictDoNothing()
          .prepare("outbox_receipt"),
      ).execute({ eventId: event.id, consumerId: consumer.id });
      handledBy.push(consumer.id);
    } catch (error) {
      failures.push({ consumerId: consumer.id, error });
    }
  }
  if (failures.length > 0) throw new ConsumerFailedError(failures);
  return { handledBy };
}

/**
 * Hands a batch of events to the consumers, as deliverToConsumers would each in turn, but a
 * consumer with `handleMany` gets all of its events at once, with their receipts in one
 * statement after it: a batch costs it a few statements instead of a few per event. When that
 * fails, its events go to it one by one, so only an event at fault fails (and is retried).
 * Returns the events that failed for some consumer, with why.
 */
export async function deliverBatchToConsumers(
  db: Database,
  events: DomainEvent[],
  consumers: readonly EventConsumer[],
): Promise<{ failed: { id: string; error: string }[] }> {
  // Only an event claimed before can have receipts; their receipts in one read.
  const retried = events.filter((event) => event.attempt !== 1).map((event) => event.id);
  const receipts =
    retried.length === 0
      ? []
      : await db.select({ eventId: outboxReceipts.eventId, consumerId: outboxReceipts.consumerId }).from(outboxReceipts).where(inArray(outboxReceipts.eventId, retried));
  const handledBefore = new Set(receipts.map((r) => `${r.eventId}/${r.consumerId}`));
  /** The consumers each event still goes to one by one. */
  const oneByOne = new Map<string, EventConsumer[]>();
  for (const consumer of consumers) {
    const pending = events.filter(
      (event) => consumer.handles(event.name) && (consumer.wants?.(event) ?? true) && !handledBefore.has(`${event.id}/${consumer.id}`),
    );
    if (pending.length === 0) continue;
    if (consumer.handleMany && pending.length > 1) {
      try {
        await consumer.handleMany(db, pending);
        await db.execute(sql`
          insert into outbox_receipts (event_id, consumer_id)
          select id::uuid, ${consumer.id} from jsonb_array_elements_text(${JSON.stringify(pending.map((event) => event.id))}::jsonb) as ids(id)
          on conflict do nothing`);
        continue;
      } catch {
        // Which event was at fault is not known: each is tried on its own below.
      }
    }
    for (const event of pending) oneByOne.set(event.id, [...(oneByOne.get(event.id) ?? []), consumer]);
  }
  const failed: { id: string; error: string }[] = [];
  for (const event of events) {
    const left = oneByOne.get(event.id);
    if (!left) continue;
    try {
      await deliverToConsumers(db, event, left);
    } catch (error) {
      failed.push({ id: event.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { failed };
}
