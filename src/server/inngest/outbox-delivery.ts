import type { OutboxDelivery } from "@/server/events";
import { inngest } from "./client";

/**
 * Inngest mode: the relay sends each claimed event to Inngest with the outbox row id as the
 * event id, so a batch re-sent after a crash is deduplicated by Inngest. A failed send (no
 * server, network) fails the whole batch; the relay retries it with backoff.
 */
export const inngestDelivery: OutboxDelivery = async (events) => {
  if (events.length === 0) return { failed: [] };
  await inngest.send(events.map((e) => ({ id: e.id, name: e.name, data: e.data, ts: e.createdAt.getTime() })));
  return { failed: [] };
};
