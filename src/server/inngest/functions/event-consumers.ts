import { getDb } from "@/server/db/client";
import { EVENT_CONSUMERS, deliverToConsumers, type EventConsumer } from "@/server/events";
import { EVENT_FUNCTIONS } from "../catalog";
import { inngest } from "../client";

const spec = EVENT_FUNCTIONS.eventConsumers;

/** Builds the function over a consumer list (tests pass their own). */
export function createEventConsumersFunction(consumers: readonly EventConsumer[]) {
  return inngest.createFunction(
    { id: spec.id, name: "Domain event consumers", triggers: [{ event: spec.event }], retries: 8 },
    async ({ event, step }) => {
      const handled = await step.run("deliver-to-consumers", async () => {
        const createdAt = typeof event.ts === "number" ? new Date(event.ts) : new Date();
        // The outbox id travels as the Inngest event id: receipts are keyed on it.
        return deliverToConsumers(getDb(), { id: String(event.id), name: String(event.name), data: event.data as Record<string, unknown>, createdAt }, consumers);
      });
      return { eventId: event.id, ...handled };
    },
  );
}

/**
 * Inngest mode: hands every domain event to the consumers, at least once and once per consumer
 * (receipts); a failing consumer fails the step and is retried alone.
 */
export const eventConsumers = createEventConsumersFunction(EVENT_CONSUMERS);
