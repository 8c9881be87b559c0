import {
  ZAdminCancelOrderInput,
  ZAdminOrder,
  ZAdminOrderListOutput,
  ZAdminOrdersInput,
  ZOrderId,
  ZOrderStatusChange,
  getOrderForAdmin,
  listOrdersForAdmin,
} from "@/server/domain/order";
import { cancelOrder } from "@/server/flows/cancel-order";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

const tag = "Admin: orders";

export const adminOrderRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/orders", "List orders (filter by status, order number, shopper, dates)", { tag }))
    .input(ZAdminOrdersInput)
    .output(ZAdminOrderListOutput)
    .query(({ ctx, input }) => listOrdersForAdmin(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/orders/{id}", "Get any order with its shopper and status log", { tag }))
    .input(ZOrderId)
    .output(ZAdminOrder)
    .query(({ ctx, input }) => getOrderForAdmin(ctx.db, input.id)),
  /** The same cancellation as the shopper's (payment closed, stock released), attributed to the admin. */
  cancel: adminProcedure
    .meta(rest("POST", "/admin/orders/{id}/cancel", "Cancel an unpaid order", { tag }))
    .input(ZAdminCancelOrderInput)
    .output(ZOrderStatusChange)
    .mutation(({ ctx, input }) => cancelOrder(ctx.db, { orderId: input.id, by: { actor: "admin", actorId: ctx.session.id, reason: input.reason || "cancelled by admin" } })),
});
