import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { orders, shopMessagePosts, shopMessages, users } from "@/server/db/schema";
import { createNotification } from "@/server/domain/notification";
import { DomainError } from "@/server/errors";
import { nextMessageStatus, type MessageEvent } from "./message.machine";
import type { PreparedMessagePicture } from "./message-picture";
import { picturesByPost, storePostPictures } from "./message-picture.service";
import {
  ZAdminMessagesInput,
  ZCreateMessageInput,
  ZMyMessagesInput,
  ZPostInput,
  type AdminMessageSummary,
  type AdminMessageThread,
  type AdminMessagesInput,
  type CreateMessageInput,
  type MessageSummary,
  type MessageThread,
  type MyMessagesInput,
  type PostInput,
} from "./message.schemas";

const notFound = () => new DomainError("MESSAGE_NOT_FOUND", "Message not found");

/** The start of the first post, for lists. */
const preview = sql<string>`coalesce((select left(p.body, 140) from ${shopMessagePosts} p where p.message_id = ${shopMessages.id} order by p.id limit 1), '')`;

const summaryColumns = {
  id: shopMessages.id,
  type: shopMessages.type,
  status: shopMessages.status,
  orderId: shopMessages.orderId,
  orderNo: orders.orderNo,
  lastPostAt: shopMessages.lastPostAt,
  createdAt: shopMessages.createdAt,
};

/** Pictures a post carries, already checked and rendered by prepareMessagePictures, and the request that sent them. */
type WithPictures = { pictures?: readonly PreparedMessagePicture[]; requestId?: string };

/**
 * Starts a conversation with its first post and its pictures (if any), all in one transaction.
 * An order, when named, must be the shopper's own (else ORDER_NOT_FOUND).
 */
export async function createMessage(db: Database, { userId, input, pictures = [], requestId }: { userId: string; input: CreateMessageInput } & WithPictures): Promise<MessageThread> {
  const data = ZCreateMessageInput.parse(input);
  const id = await db.transaction(async (tx) => {
    if (data.orderId) {
      const [order] = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.id, data.orderId), eq(orders.userId, userId)));
      if (!order) throw new DomainError("ORDER_NOT_FOUND", "Order not found", { orderId: ["Choose one of your orders"] });
    }
    const [message] = await tx.insert(shopMessages).values({ userId, orderId: data.orderId ?? null, type: data.type }).returning({ id: shopMessages.id });
    const [post] = await tx.insert(shopMessagePosts).values({ messageId: message!.id, author: "shopper", authorId: userId, body: data.body }).returning({ id: shopMessagePosts.id });
    await storePostPictures(tx, { messageId: message!.id, postId: post!.id, pictures, by: userId, requestId });
    return message!.id;
  });
  return getMyMessage(db, { userId, id });
}

/** Applies `event` to a locked conversation and appends the post (if any) with its pictures; returns the post id. */
async function advance(
  tx: Tx,
  { id, ownerId, event, post, pictures = [], requestId }: { id: string; ownerId?: string; event: MessageEvent; post?: { author: "shopper" | "admin"; authorId: string; body: string } } & WithPictures,
) {
  const where = ownerId ? and(eq(shopMessages.id, id), eq(shopMessages.userId, ownerId)) : eq(shopMessages.id, id);
  const [current] = await tx.select().from(shopMessages).where(where).for("update");
  if (!current) throw notFound();
  const to = nextMessageStatus(current.status, event);
  const now = new Date();
  await tx
    .update(shopMessages)
    .set({ status: to, ...(post ? { lastPostAt: now } : {}), ...(to === "closed" ? { closedAt: now } : {}) })
    .where(eq(shopMessages.id, id));
  if (!post) return { message: current, postId: null };
  const [row] = await tx.insert(shopMessagePosts).values({ messageId: id, ...post }).returning({ id: shopMessagePosts.id });
  await storePostPictures(tx, { messageId: id, postId: row!.id, pictures, by: post.authorId, requestId });
  return { message: current, postId: row!.id };
}

/** The shopper writes again in their conversation, with pictures if any (it goes back to the shop's queue). */
export async function postShopperMessage(db: Database, { userId, input, pictures, requestId }: { userId: string; input: PostInput } & WithPictures): Promise<MessageThread> {
  const data = ZPostInput.parse(input);
  await db.transaction((tx) => advance(tx, { id: data.id, ownerId: userId, event: "shopper_post", post: { author: "shopper", authorId: userId, body: data.body }, pictures, requestId }));
  return getMyMessage(db, { userId, id: data.id });
}

/**
 * The shop answers: the post, its pictures, the status and the shopper's notification are written
 * in one transaction, so a reply is never without its notification (nor the other way round).
 */
export async function replyToMessage(db: Database, { adminId, input, pictures, requestId }: { adminId: string; input: PostInput } & WithPictures): Promise<AdminMessageThread> {
  const data = ZPostInput.parse(input);
  await db.transaction(async (tx) => {
    const { message, postId } = await advance(tx, { id: data.id, event: "admin_reply", post: { author: "admin", authorId: adminId, body: data.body }, pictures, requestId });
    await createNotification(tx, { userId: message.userId, orderId: null, kind: "message_replied", params: { messageId: message.id }, sourceEventId: `message-post:${postId}` });
  });
  return getMessageForAdmin(db, data.id);
}

/** Closes a conversation, by its shopper (ownerId) or by the shop. INVALID_TRANSITION when already closed. */
export async function closeMessage(db: Database, { id, ownerId }: { id: string; ownerId?: string }): Promise<{ id: string; status: "closed" }> {
  await db.transaction((tx) => advance(tx, { id, ownerId, event: "close" }));
  return { id, status: "closed" };
}

async function postsOf(db: DbOrTx, messageId: string) {
  const [posts, pictures] = await Promise.all([
    db
      .select({ id: shopMessagePosts.id, author: shopMessagePosts.author, body: shopMessagePosts.body, createdAt: shopMessagePosts.createdAt })
      .from(shopMessagePosts)
      .where(eq(shopMessagePosts.messageId, messageId))
      .orderBy(asc(shopMessagePosts.id)),
    picturesByPost(db, messageId),
  ]);
  return posts.map(({ createdAt, ...post }) => ({ ...post, pictures: pictures.get(post.id) ?? [], createdAt }));
}

/** One of the shopper's conversations with every post; MESSAGE_NOT_FOUND for anyone else's. */
export async function getMyMessage(db: DbOrTx, { userId, id }: { userId: string; id: string }): Promise<MessageThread> {
  const [row] = await db
    .select(summaryColumns)
    .from(shopMessages)
    .leftJoin(orders, eq(orders.id, shopMessages.orderId))
    .where(and(eq(shopMessages.id, id), eq(shopMessages.userId, userId)));
  if (!row) throw notFound();
  return { ...row, posts: await postsOf(db, id) };
}

/** The shopper's conversations, latest activity first. */
export async function listMyMessages(db: DbOrTx, { userId, input: rawInput }: { userId: string; input: MyMessagesInput }) {
  const input = ZMyMessagesInput.parse(rawInput);
  const rows = await db
    .select({ ...summaryColumns, preview, total: sql<number>`count(*) over ()::int` })
    .from(shopMessages)
    .leftJoin(orders, eq(orders.id, shopMessages.orderId))
    .where(eq(shopMessages.userId, userId))
    .orderBy(desc(shopMessages.lastPostAt), desc(shopMessages.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items: MessageSummary[] = rows.map(({ total: _t, ...row }) => row);
  return { items, total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The shop's inbox: filter by status, type and text; oldest waiting first within a status is the admin's choice of sort later. */
export async function listMessagesForAdmin(db: DbOrTx, rawInput: AdminMessagesInput) {
  const input = ZAdminMessagesInput.parse(rawInput);
  const filters: (SQL | undefined)[] = [input.status ? eq(shopMessages.status, input.status) : undefined, input.type ? eq(shopMessages.type, input.type) : undefined];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(
      or(
        ilike(users.email, pattern),
        ilike(users.name, pattern),
        sql`exists (select 1 from ${shopMessagePosts} p where p.message_id = ${shopMessages.id} and p.body ilike ${pattern})`,
      ),
    );
  }
  const rows = await db
    .select({ ...summaryColumns, preview, shopperName: users.name, shopperEmail: users.email, total: sql<number>`count(*) over ()::int` })
    .from(shopMessages)
    .innerJoin(users, eq(users.id, shopMessages.userId))
    .leftJoin(orders, eq(orders.id, shopMessages.orderId))
    .where(and(...filters))
    .orderBy(desc(shopMessages.lastPostAt), desc(shopMessages.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items: AdminMessageSummary[] = rows.map(({ total: _t, ...row }) => row);
  return { items, total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}

/** Any conversation with its shopper and posts, for the shop. */
export async function getMessageForAdmin(db: DbOrTx, id: string): Promise<AdminMessageThread> {
  const [row] = await db
    .select({ ...summaryColumns, shopperName: users.name, shopperEmail: users.email })
    .from(shopMessages)
    .innerJoin(users, eq(users.id, shopMessages.userId))
    .leftJoin(orders, eq(orders.id, shopMessages.orderId))
    .where(eq(shopMessages.id, id));
  if (!row) throw notFound();
  return { ...row, posts: await postsOf(db, id) };
}
