import { bigserial, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { MessageStatus } from "@/server/domain/message/message.machine";
import { createdAt, id, updatedAt } from "./columns";
import { orders } from "./order";
import { users } from "./users";

export const messageType = pgEnum("message_type", ["question", "complaint", "after_sale", "suggestion"]);
export const messageAuthor = pgEnum("message_author", ["shopper", "admin"]);

/**
 * A shopper's conversation with the shop (留言), about one of their orders or in general.
 * The status moves only through src/server/domain/message/message.machine.ts.
 */
export const shopMessages = pgTable(
  "shop_messages",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    type: messageType().notNull(),
    status: text().$type<MessageStatus>().notNull().default("open"),
    lastPostAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.userId, t.lastPostAt), index().on(t.status, t.lastPostAt)],
);

/** The posts of a conversation, oldest first; the text is stored as typed and escaped where shown. */
export const shopMessagePosts = pgTable(
  "shop_message_posts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    messageId: uuid()
      .notNull()
      .references(() => shopMessages.id, { onDelete: "cascade" }),
    author: messageAuthor().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.messageId, t.createdAt)],
);
