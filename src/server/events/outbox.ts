import { afterCommit } from "@/server/db/after-commit";
import type { Tx } from "@/server/db/client";
import { outboxEvents } from "@/server/db/schema/lifecycle";
import { countCommittedEvent } from "./event-metrics";
import type { DomainEventData, DomainEventName } from "./event-types";

/**
 * Writes a domain event to the outbox inside the caller's transaction: it commits with the
 * change it describes or not at all. Delivery is the relay's job (at least once). Once the
 * transaction has committed, the event moves the business counters (see event-metrics.ts).
 */
export async function enqueueEvent<N extends DomainEventName>(tx: Tx, name: N, data: DomainEventData[N]): Promise<string> {
  const orderId = (data as { orderId?: string }).orderId ?? null;
  const [row] = await tx.insert(outboxEvents).values({ name, data: data as Record<string, unknown>, orderId }).returning({ id: outboxEvents.id });
  afterCommit(tx, () => countCommittedEvent(name, data));
  return row!.id;
}
