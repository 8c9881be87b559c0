import { z } from "zod";
import {
  ZListNotificationsInput,
  ZListNotificationsOutput,
  ZNotificationId,
  ZShopperNotification,
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "@/server/domain/notification";
import { createTRPCRouter, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

/** The signed-in shopper's in-app notifications. */
export const notificationRouter = createTRPCRouter({
  list: shopperProcedure
    .meta(rest("GET", "/notifications", "List your notifications", { tag: "Notifications" }))
    .input(ZListNotificationsInput)
    .output(ZListNotificationsOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, { userId: ctx.session.id, ...input })),
  unreadCount: shopperProcedure
    .meta(rest("GET", "/notifications/unread-count", "Count unread notifications", { tag: "Notifications" })).output(z.object({ count: z.number().int() })).query(async ({ ctx }) => ({ count: await countUnreadNotifications(ctx.db, { userId: ctx.session.id }) })),
  markRead: shopperProcedure
    .meta(rest("POST", "/notifications/{id}/read", "Mark a notification read", { tag: "Notifications" }))
    .input(ZNotificationId)
    .output(ZShopperNotification)
    .mutation(({ ctx, input }) => markNotificationRead(ctx.db, { userId: ctx.session.id, id: input.id })),
  markAllRead: shopperProcedure
    .meta(rest("POST", "/notifications/read-all", "Mark every notification read", { tag: "Notifications" })).output(z.object({ updated: z.number().int() })).mutation(({ ctx }) => markAllNotificationsRead(ctx.db, { userId: ctx.session.id })),
});
