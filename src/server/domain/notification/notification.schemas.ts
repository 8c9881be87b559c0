import { z } from "zod";
import { NOTIFICATION_KINDS } from "./notification.kinds";

export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);

export const ZListNotificationsInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
  unreadOnly: z.boolean().default(false),
});
export type ListNotificationsInput = z.input<typeof ZListNotificationsInput>;

/** What a shopper sees of one notification (text rendered from kind + params in the UI). */
export const ZShopperNotification = z.object({
  id: z.uuid(),
  kind: ZNotificationKind,
  orderId: z.uuid().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export type ShopperNotification = z.infer<typeof ZShopperNotification>;

export const ZListNotificationsOutput = z.object({
  items: z.array(ZShopperNotification),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZNotificationId = z.object({ id: z.uuid({ message: "Notification not found" }) });
