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
import { rest } from "../openapi";

const ZClosed = z.object({ id: z.uuid(), status: ZMessageStatus });

/** A shopper's messages (留言) to the shop: only their own conversations exist for them. */
export const messageRouter = createTRPCRouter({
  list: shopperProcedure
    .meta(rest("GET", "/messages", "List your conversations with the shop", { tag: "Messages" }))
    .input(ZMyMessagesInput)
    .output(ZMyMessagesOutput)
    .query(({ ctx, input }) => listMyMessages(ctx.db, { userId: ctx.session.id, input })),
  byId: shopperProcedure
    .meta(rest("GET", "/messages/{id}", "Read a conversation", { tag: "Messages" }))
    .input(ZMessageIdInput)
    .output(ZMessageThread)
    .query(({ ctx, input }) => getMyMessage(ctx.db, { userId: ctx.session.id, id: input.id })),
  create: shopperProcedure
    .meta(rest("POST", "/messages", "Write to the shop", { tag: "Messages" }))
    .input(ZCreateMessageInput)
    .output(ZMessageThread)
    .mutation(({ ctx, input }) => createMessage(ctx.db, { userId: ctx.session.id, input })),
  post: shopperProcedure
    .meta(rest("POST", "/messages/{id}/replies", "Add to a conversation", { tag: "Messages" }))
    .input(ZPostInput)
    .output(ZMessageThread)
    .mutation(({ ctx, input }) => postShopperMessage(ctx.db, { userId: ctx.session.id, input })),
  close: shopperProcedure
    .meta(rest("POST", "/messages/{id}/close", "Close a conversation", { tag: "Messages" }))
    .input(ZMessageIdInput)
    .output(ZClosed)
    .mutation(({ ctx, input }) => closeMessage(ctx.db, { id: input.id, ownerId: ctx.session.id })),
});

/** The shop's inbox: filter, read, reply (the shopper is notified), close. */
export const adminMessageRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/messages", "The inbox (filtered)", { tag: "Admin: messages" }))
    .input(ZAdminMessagesInput)
    .output(ZAdminMessagesOutput)
    .query(({ ctx, input }) => listMessagesForAdmin(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/messages/{id}", "Read a conversation", { tag: "Admin: messages" }))
    .input(ZMessageIdInput)
    .output(ZAdminMessageThread)
    .query(({ ctx, input }) => getMessageForAdmin(ctx.db, input.id)),
  reply: adminProcedure
    .meta(rest("POST", "/admin/messages/{id}/replies", "Reply to a shopper", { tag: "Admin: messages" }))
    .input(ZPostInput)
    .output(ZAdminMessageThread)
    .mutation(({ ctx, input }) => replyToMessage(ctx.db, { adminId: ctx.session.id, input })),
  close: adminProcedure
    .meta(rest("POST", "/admin/messages/{id}/close", "Close a conversation", { tag: "Admin: messages" }))
    .input(ZMessageIdInput)
    .output(ZClosed)
    .mutation(({ ctx, input }) => closeMessage(ctx.db, { id: input.id })),
});
