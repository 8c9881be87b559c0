import { eq, sql } from "drizzle-orm";
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
