import type { Tx } from "@/server/db/client";
import { outboxEvents } from "@/server/db/schema/lifecycle";
import type { DomainEventData, DomainEventName } from "./event-types";

/**
 * Writes a domain event to the outbox inside the caller's transaction: it commits with the
 * change it describes or not at all. Delivery is the relay's job (at least once).
 */
export async function enqueueEvent<N extends DomainEventName>(tx: Tx, name: N, data: DomainEventData[N]): Promise<string> {
  const orderId = (data as { orderId?: string }).orderId ?? null;
  const [row] = await tx.insert(outboxEvents).values({ name, data: data as Record<string, unknown>, orderId }).returning({ id: outboxEvents.id });
  return row!.id;
}
