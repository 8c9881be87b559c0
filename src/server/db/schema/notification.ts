import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { NotificationKind } from "@/server/domain/notification/notification.kinds";
import { createdAt, id } from "./columns";
import { orders } from "./order";
import { users } from "./users";

/** Values a notification's text is rendered from (order number, amount…); never the text itself. */
export type NotificationParams = Record<string, string | number>;

/**
 * In-app notifications for shoppers, written by the notifications consumer from domain events.
 * Unique per (user, source event): the same event delivered twice, or by two workers at once,
 * leaves one row. The text is rendered in the reader's language from `kind` + `params`.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orderId: uuid().references(() => orders.id, { onDelete: "cascade" }),
    kind: text().$type<NotificationKind>().notNull(),
    params: jsonb().$type<NotificationParams>().notNull().default({}),
    /** The outbox event this notification came from (idempotency key). */
    sourceEventId: text().notNull(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_user_event_unique").on(t.userId, t.sourceEventId),
    index().on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
