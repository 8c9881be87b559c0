import { because } from "@/lib/audit-reasons";
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
import { z } from "zod";
import { ZShopperRefund } from "@/server/domain/payment";
import { cancelPaidOrder, resendOrderNotification } from "@/server/flows/admin-order-actions";
import { cancelOrder } from "@/server/flows/cancel-order";
import { ZOrderLinks, ZOrderTimeline, orderLinks, orderTimeline } from "@/server/flows/order-timeline";
import { zMinorUnits, zText } from "@/server/validation/fields";
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
    .mutation(({ ctx, input }) => cancelOrder(ctx.db, { orderId: input.id, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.order_cancelled"), note: input.reason || null } })),
  /** A paid order that has not shipped: cancelled by refunding all of it (the admin confirms the amount). */
  cancelWithRefund: adminProcedure
    .meta(rest("POST", "/admin/orders/{id}/cancel-with-refund", "Cancel a paid, unshipped order with a full refund of the confirmed amount", { tag }))
    .input(ZOrderId.extend({ expectedAmountMinor: zMinorUnits().positive("Enter an amount above zero"), reason: zText(200).optional() }))
    .output(z.object({ id: z.uuid(), refund: ZShopperRefund }))
    .mutation(({ ctx, input }) => cancelPaidOrder(ctx.db, { orderId: input.id, adminId: ctx.session.id, expectedAmountMinor: input.expectedAmountMinor, reason: input.reason })),
  resendNotification: adminProcedure
    .meta(rest("POST", "/admin/orders/{id}/notifications/resend", "Send the shopper the order's latest notification again (audited)", { tag }))
    .input(ZOrderId)
    .output(z.object({ orderId: z.uuid(), kind: z.string(), resentAt: z.date() }))
    .mutation(({ ctx, input }) => resendOrderNotification(ctx.db, { orderId: input.id, adminId: ctx.session.id })),
  timeline: adminProcedure
    .meta(rest("GET", "/admin/orders/{id}/timeline", "Everything that happened to an order, oldest first, with actor and request id", { tag }))
    .input(ZOrderId)
    .output(ZOrderTimeline)
    .query(({ ctx, input }) => orderTimeline(ctx.db, { orderId: input.id })),
  links: adminProcedure
    .meta(rest("GET", "/admin/orders/{id}/links", "An order's shopper, payments, refunds and shipment (ids and serial numbers)", { tag }))
    .input(ZOrderId)
    .output(ZOrderLinks)
    .query(({ ctx, input }) => orderLinks(ctx.db, { orderId: input.id })),
});
