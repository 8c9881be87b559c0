import type { Database } from "@/server/db/client";

/**
 * An outbox event as a consumer sees it. `attempt`: which claim of the relay this delivery is
 * (1 for the first; absent when the event comes another way, e.g. from Inngest).
 */
export type DomainEvent = { id: string; name: string; data: Record<string, unknown>; createdAt: Date; attempt?: number };

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
   * Whether this event, by its data, calls for any work at all (e.g. a payment that entered
   * `processing` notifies nobody). An event the consumer does not want is skipped without a
   * receipt read or written: handling it would change nothing, so there is nothing to remember.
   */
  wants?: (event: DomainEvent) => boolean;
  handle: (db: Database, event: DomainEvent) => Promise<void>;
  /**
   * Handles many events at once, as `handle` would one by one (idempotent the same way): for a
   * consumer whose work on a batch costs a few statements instead of a few per event. Optional;
   * when it throws, the relay hands each of those events to `handle` on its own, so one event at
   * fault fails alone.
   */
  handleMany?: (db: Database, events: DomainEvent[]) => Promise<void>;
};
