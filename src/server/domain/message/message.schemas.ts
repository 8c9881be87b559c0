import { z } from "zod";
import { zText } from "@/server/validation/fields";
import { MESSAGE_STATUSES } from "./message.machine";

export const MESSAGE_TYPES = ["question", "complaint", "after_sale", "suggestion"] as const;
export const ZMessageType = z.enum(MESSAGE_TYPES);
export const ZMessageStatus = z.enum(MESSAGE_STATUSES);

const zBody = () => zText(2000).min(1, "Write your message");

export const ZCreateMessageInput = z.object({
  type: ZMessageType,
  orderId: z.uuid({ message: "Choose one of your orders" }).optional(),
  body: zBody(),
});
export type CreateMessageInput = z.input<typeof ZCreateMessageInput>;

export const ZMessageIdInput = z.object({ id: z.uuid({ message: "Message not found" }) });
export const ZPostInput = z.object({ id: z.uuid({ message: "Message not found" }), body: zBody() });
export type PostInput = z.input<typeof ZPostInput>;

export const ZMyMessagesInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type MyMessagesInput = z.input<typeof ZMyMessagesInput>;

export const ZAdminMessagesInput = ZMyMessagesInput.extend({
  status: ZMessageStatus.optional(),
  type: ZMessageType.optional(),
  /** Matches the text of the first post or the shopper's email or name. */
  q: zText(100).optional(),
});
export type AdminMessagesInput = z.input<typeof ZAdminMessagesInput>;

export const ZMessageSummary = z.object({
  id: z.uuid(),
  type: ZMessageType,
  status: ZMessageStatus,
  orderId: z.uuid().nullable(),
  orderNo: z.string().nullable(),
  /** The start of the first post. */
  preview: z.string(),
  lastPostAt: z.date(),
  createdAt: z.date(),
});
export type MessageSummary = z.infer<typeof ZMessageSummary>;

export const ZAdminMessageSummary = ZMessageSummary.extend({ shopperName: z.string(), shopperEmail: z.string() });
export type AdminMessageSummary = z.infer<typeof ZAdminMessageSummary>;

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ZMyMessagesOutput = page(ZMessageSummary);
export const ZAdminMessagesOutput = page(ZAdminMessageSummary);

/** A picture attached to a post: its id and the URLs of its thumbnail and larger rendition (square WebP). */
export const ZMessagePicture = z.object({ id: z.uuid(), thumbUrl: z.string(), largeUrl: z.string() });
export type MessagePicture = z.infer<typeof ZMessagePicture>;

export const ZMessagePost = z.object({
  id: z.number().int(),
  author: z.enum(["shopper", "admin"]),
  body: z.string(),
  /** In the order attached; served only to the conversation's shopper and to admins. */
  pictures: z.array(ZMessagePicture),
  createdAt: z.date(),
});

export const ZMessageThread = ZMessageSummary.omit({ preview: true }).extend({ posts: z.array(ZMessagePost) });
export type MessageThread = z.infer<typeof ZMessageThread>;
export const ZAdminMessageThread = ZMessageThread.extend({ shopperName: z.string(), shopperEmail: z.string() });
export type AdminMessageThread = z.infer<typeof ZAdminMessageThread>;
