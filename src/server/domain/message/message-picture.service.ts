import { and, asc, eq, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { shopMessagePictures, shopMessages } from "@/server/db/schema";
import { MESSAGE_PICTURE_MAX, messagePictureSrc, type MessagePictureSize } from "@/lib/message-picture";
import { tooManyPictures, type PreparedMessagePicture } from "./message-picture";
import type { MessagePicture } from "./message.schemas";

/**
 * Stores a post's prepared pictures in `tx`, each row naming who attached it and in which
 * request. Called in the transaction that writes the post, so a post and its pictures exist
 * together or not at all.
 */
export async function storePostPictures(
  tx: Tx,
  { messageId, postId, pictures, by, requestId }: { messageId: string; postId: number; pictures: readonly PreparedMessagePicture[]; by: string; requestId?: string },
): Promise<void> {
  if (pictures.length === 0) return;
  if (pictures.length > MESSAGE_PICTURE_MAX) throw tooManyPictures();
  await tx.insert(shopMessagePictures).values(
    pictures.map((p, position) => ({ messageId, postId, position, thumb: p.grid, large: p.page, createdBy: by, requestId: requestId ?? null })),
  );
}

/** The pictures of every post of a conversation (without their bytes), by post id, in order. */
export async function picturesByPost(db: DbOrTx, messageId: string): Promise<Map<number, MessagePicture[]>> {
  const rows = await db
    .select({ id: shopMessagePictures.id, postId: shopMessagePictures.postId })
    .from(shopMessagePictures)
    .where(eq(shopMessagePictures.messageId, messageId))
    .orderBy(asc(shopMessagePictures.postId), asc(shopMessagePictures.position));
  const byPost = new Map<number, MessagePicture[]>();
  for (const row of rows) {
    const list = byPost.get(row.postId) ?? [];
    list.push({ id: row.id, thumbUrl: messagePictureSrc(row.id, "thumb"), largeUrl: messagePictureSrc(row.id, "large") });
    byPost.set(row.postId, list);
  }
  return byPost;
}

/**
 * One rendition of a message picture for `viewer`: the conversation's own shopper or any admin.
 * Anyone else gets null, exactly as for a picture that does not exist (the caller answers 404).
 */
export async function readMessagePicture(
  db: DbOrTx,
  { id, size, viewer }: { id: string; size: MessagePictureSize; viewer: { userId: string; role: string } },
): Promise<Buffer | null> {
  const column = size === "thumb" ? shopMessagePictures.thumb : shopMessagePictures.large;
  const owner: SQL | undefined = viewer.role === "admin" ? undefined : eq(shopMessages.userId, viewer.userId);
  const [row] = await db
    .select({ bytes: column })
    .from(shopMessagePictures)
    .innerJoin(shopMessages, eq(shopMessages.id, shopMessagePictures.messageId))
    .where(and(eq(shopMessagePictures.id, id), owner));
  return row?.bytes ?? null;
}
