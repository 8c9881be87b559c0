import { ZAdminOrdersInput, ZOrderId, getOrderForAdmin, listOrdersForAdmin } from "@/server/domain/order";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const adminOrderRouter = createTRPCRouter({
  list: adminProcedure.input(ZAdminOrdersInput).query(({ ctx, input }) => listOrdersForAdmin(ctx.db, input)),
  byId: adminProcedure.input(ZOrderId).query(({ ctx, input }) => getOrderForAdmin(ctx.db, input.id)),
});
