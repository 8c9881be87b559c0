import type { Database } from "@/server/db/client";

/** An outbox event as a consumer sees it. */
export type DomainEvent = { id: string; name: string; data: Record<string, unknown>; createdAt: Date };

/**
 * Something that reacts to domain events (in-app notifications, projections...). The relay calls
 * every consumer whose `handles(name)` is true, in local mode; the `event-consumers` Inngest
 * function does the same in Inngest mode. An event may be delivered more than once, so `handle`
 * MUST be idempotent (key its writes on `event.id`).
 */
export type EventConsumer = {
  id: string;
  handles: (name: string) => boolean;
  /**
   * Optional, pure: whether this event (of a name it handles) means anything to the consumer.
   * An event it would ignore is not handed to it and costs no receipt read or write: most
   * status changes notify nobody, and at a simulation's pace they are thousands a minute.
   */
  wants?: (event: DomainEvent) => boolean;
  handle: (db: Database, event: DomainEvent) => Promise<void>;
};
