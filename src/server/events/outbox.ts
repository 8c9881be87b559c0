import { randomUUID } from "node:crypto";
import { afterCommit } from "@/server/db/after-commit";
import type { Tx } from "@/server/db/client";
import { insertBeforeCommit } from "@/server/db/commit-batch";
import { outboxEvents } from "@/server/db/schema/lifecycle";
import { countCommittedEvent } from "./event-metrics";
import type { DomainEventData, DomainEventName } from "./event-types";

/**
 * Writes a domain event to the outbox inside the caller's transaction: it commits with the
 * change it describes or not at all, in the one statement that writes the transaction's audit
 * rows and events just before the commit (insertBeforeCommit). Delivery is the relay's job (at
 * least once). Once the transaction has committed, the event moves the business counters (see
 * event-metrics.ts).
 */
export async function enqueueEvent<N extends DomainEventName>(tx: Tx, name: N, data: DomainEventData[N]): Promise<string> {
  const orderId = (data as { orderId?: string }).orderId ?? null;
  const id = randomUUID();
  await insertBeforeCommit(tx, outboxEvents, { id, name, data: data as Record<string, unknown>, orderId });
  afterCommit(tx, () => countCommittedEvent(name, data));
  return id;
}
