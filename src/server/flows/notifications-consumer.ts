import type { Database } from "@/server/db/client";
import { NOTIFIED_EVENTS, createNotification, createNotifications, notificationFor } from "@/server/domain/notification";
import { shopperOrderNo, shopperOrderNos } from "@/server/domain/order";
import type { DomainEvent, EventConsumer } from "@/server/events/consumer";

/**
 * Turns one domain event into the shopper's in-app notification. Idempotent: keyed on the
 * event id (an event delivered twice, or concurrently, leaves one row). The order's number is
 * read through the shopper's ownership, so an event naming someone else's order notifies nobody.
 */
export async function notifyFromEvent(db: Database, event: DomainEvent): Promise<{ created: boolean }> {
  const planned = notificationFor(event);
  if (!planned) return { created: false };
  // Only the number is shown: read it alone, through the shopper's ownership, not the order view.
  const orderNo = await shopperOrderNo(db, { userId: planned.userId, orderId: planned.orderId });
  if (orderNo === null) return { created: false };
  return createNotification(db, { ...planned, params: { ...planned.params, orderNo }, sourceEventId: event.id });
}

/**
 * notifyFromEvent for a batch of events, in two statements whatever its size: the order numbers
 * (each through its shopper's ownership), then the notifications. The outbox relay hands over
 * its claimed events together; one by one, each cost three round trips and two commits with
 * its receipt, the most of any step of an order's life.
 */
export async function notifyFromEvents(db: Database, events: DomainEvent[]): Promise<{ created: number }> {
  const planned = events.flatMap((event) => {
    const notification = notificationFor(event);
    return notification ? [{ event, notification }] : [];
  });
  const orderNoOf = await shopperOrderNos(db, planned.map(({ notification }) => notification));
  return createNotifications(
    db,
    planned.flatMap(({ event, notification }) => {
      const orderNo = orderNoOf(notification);
      return orderNo === null ? [] : [{ ...notification, params: { ...notification.params, orderNo }, sourceEventId: event.id }];
    }),
  );
}

/** The notifications consumer of the event contract (called by the outbox relay or Inngest). */
export const notificationsConsumer: EventConsumer = {
  id: "notifications",
  handles: (name) => (NOTIFIED_EVENTS as readonly string[]).includes(name),
  // Most status changes notify nobody (a payment pending or processing, an order paid).
  wants: (event) => notificationFor(event) !== null,
  handle: async (db, event) => {
    await notifyFromEvent(db, event);
  },
  handleMany: async (db, events) => {
    await notifyFromEvents(db, events);
  },
};
