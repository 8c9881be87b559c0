import { notificationsConsumer } from "@/server/flows/notifications-consumer";
import type { EventConsumer } from "./consumer";

/**
 * The consumers of domain events. The outbox relay calls them in local mode and the
 * `event-consumers` Inngest function in Inngest mode; both skip a consumer that already
 * handled an event (receipts), and consumers are idempotent themselves. Modules add their
 * consumer here (in-app notifications, ...).
 */
export const EVENT_CONSUMERS: EventConsumer[] = [notificationsConsumer];
