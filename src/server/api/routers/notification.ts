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

/** The signed-in shopper's in-app notifications. */
export const notificationRouter = createTRPCRouter({
  list: shopperProcedure
    .input(ZListNotificationsInput)
    .output(ZListNotificationsOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, { userId: ctx.session.id, ...input })),
  unreadCount: shopperProcedure.output(z.object({ count: z.number().int() })).query(async ({ ctx }) => ({ count: await countUnreadNotifications(ctx.db, { userId: ctx.session.id }) })),
  markRead: shopperProcedure
    .input(ZNotificationId)
    .output(ZShopperNotification)
    .mutation(({ ctx, input }) => markNotificationRead(ctx.db, { userId: ctx.session.id, id: input.id })),
  markAllRead: shopperProcedure.output(z.object({ updated: z.number().int() })).mutation(({ ctx }) => markAllNotificationsRead(ctx.db, { userId: ctx.session.id })),
});
