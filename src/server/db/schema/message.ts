import { bigint, bigserial, index, pgEnum, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { MessageStatus } from "@/server/domain/message/message.machine";
import { bytea, createdAt, id, updatedAt } from "./columns";
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

/**
 * Pictures attached to a post (at most four), decoded, stripped of metadata and resized by the
 * same pipeline as product images (server/domain/catalog/product-image.ts): a thumbnail for the
 * thread and a larger rendition it opens. Private to the conversation's shopper and the shop,
 * so they are stored per post and never shared by content like product images. Who attached
 * it, when and in which request is kept on the row (their audit).
 */
export const shopMessagePictures = pgTable(
  "shop_message_pictures",
  {
    id: id(),
    messageId: uuid()
      .notNull()
      .references(() => shopMessages.id, { onDelete: "cascade" }),
    postId: bigint({ mode: "number" })
      .notNull()
      .references(() => shopMessagePosts.id, { onDelete: "cascade" }),
    /** 0-based order within the post, as attached. */
    position: smallint().notNull(),
    thumb: bytea().notNull(),
    large: bytea().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.postId, t.position), index().on(t.messageId)],
);
