import type { Database } from "@/server/db/client";
import { NOTIFIED_EVENTS, createNotification, notificationFor } from "@/server/domain/notification";
import { getShopperOrder } from "@/server/domain/order";
import { isDomainError } from "@/server/errors";
import type { DomainEvent, EventConsumer } from "@/server/events/consumer";

/**
 * Turns one domain event into the shopper's in-app notification. Idempotent: keyed on the
 * event id (an event delivered twice, or concurrently, leaves one row). The order is read
 * through the shopper's own view, so an event naming someone else's order notifies nobody.
 */
export async function notifyFromEvent(db: Database, event: DomainEvent): Promise<{ created: boolean }> {
  const planned = notificationFor(event);
  if (!planned) return { created: false };
  let orderNo: string;
  try {
    orderNo = (await getShopperOrder(db, { userId: planned.userId, orderId: planned.orderId })).orderNo;
  } catch (error) {
    if (isDomainError(error, "ORDER_NOT_FOUND")) return { created: false };
    throw error;
  }
  return createNotification(db, { ...planned, params: { ...planned.params, orderNo }, sourceEventId: event.id });
}

/** The notifications consumer of the event contract (called by the outbox relay or Inngest). */
export const notificationsConsumer: EventConsumer = {
  id: "notifications",
  handles: (name) => (NOTIFIED_EVENTS as readonly string[]).includes(name),
  wants: (event) => notificationFor(event) !== null,
  handle: async (db, event) => {
    await notifyFromEvent(db, event);
  },
};
