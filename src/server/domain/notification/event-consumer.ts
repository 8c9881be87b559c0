import type { Database } from "@/server/db/client";

/**
 * The outbox event and consumer shapes of the event contract. The lifecycle module defines the
 * same types in src/server/events/consumer.ts; this local copy is structurally identical so the
 * notifications consumer plugs into its relay unchanged.
 */
export type DomainEvent = { id: string; name: string; data: Record<string, unknown>; createdAt: Date };
export type EventConsumer = { id: string; handles: (name: string) => boolean; handle: (db: Database, event: DomainEvent) => Promise<void> };
