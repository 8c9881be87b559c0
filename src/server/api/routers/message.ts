import {
  ZAdminMessageThread,
  ZAdminMessagesInput,
  ZAdminMessagesOutput,
  ZCreateMessageInput,
  ZMessageIdInput,
  ZMessageStatus,
  ZMessageThread,
  ZMyMessagesInput,
  ZMyMessagesOutput,
  ZPostInput,
  closeMessage,
  createMessage,
  getMessageForAdmin,
  getMyMessage,
  listMessagesForAdmin,
  listMyMessages,
  postShopperMessage,
  replyToMessage,
} from "@/server/domain/message";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, shopperProcedure } from "../trpc";

const ZClosed = z.object({ id: z.uuid(), status: ZMessageStatus });

/** A shopper's messages (留言) to the shop: only their own conversations exist for them. */
export const messageRouter = createTRPCRouter({
  list: shopperProcedure
    .input(ZMyMessagesInput)
    .output(ZMyMessagesOutput)
    .query(({ ctx, input }) => listMyMessages(ctx.db, { userId: ctx.session.id, input })),
  byId: shopperProcedure
    .input(ZMessageIdInput)
    .output(ZMessageThread)
    .query(({ ctx, input }) => getMyMessage(ctx.db, { userId: ctx.session.id, id: input.id })),
  create: shopperProcedure
    .input(ZCreateMessageInput)
    .output(ZMessageThread)
    .mutation(({ ctx, input }) => createMessage(ctx.db, { userId: ctx.session.id, input })),
  post: shopperProcedure
    .input(ZPostInput)
    .output(ZMessageThread)
    .mutation(({ ctx, input }) => postShopperMessage(ctx.db, { userId: ctx.session.id, input })),
  close: shopperProcedure
    .input(ZMessageIdInput)
    .output(ZClosed)
    .mutation(({ ctx, input }) => closeMessage(ctx.db, { id: input.id, ownerId: ctx.session.id })),
});

/** The shop's inbox: filter, read, reply (the shopper is notified), close. */
export const adminMessageRouter = createTRPCRouter({
  list: adminProcedure
    .input(ZAdminMessagesInput)
    .output(ZAdminMessagesOutput)
    .query(({ ctx, input }) => listMessagesForAdmin(ctx.db, input)),
  byId: adminProcedure
    .input(ZMessageIdInput)
    .output(ZAdminMessageThread)
    .query(({ ctx, input }) => getMessageForAdmin(ctx.db, input.id)),
  reply: adminProcedure
    .input(ZPostInput)
    .output(ZAdminMessageThread)
    .mutation(({ ctx, input }) => replyToMessage(ctx.db, { adminId: ctx.session.id, input })),
  close: adminProcedure
    .input(ZMessageIdInput)
    .output(ZClosed)
    .mutation(({ ctx, input }) => closeMessage(ctx.db, { id: input.id })),
});
