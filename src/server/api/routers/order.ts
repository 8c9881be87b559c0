import { z } from "zod";
import { ZMyOrdersInput, ZOrderId, ZOrderStatus, ZOrderSummary, ZShopperOrderDetail, ZCheckoutInput, listShopperOrders } from "@/server/domain/order";
import { cancelOrderAsShopper } from "@/server/flows/cancel-order";
import { getShopperOrderDetail } from "@/server/flows/order-detail";
import { checkout } from "@/server/flows/checkout";
import { quoteShippingForCheckout } from "@/server/flows/shipping-quote";
import { createTRPCRouter, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

export const orderRouter = createTRPCRouter({
  checkout: shopperProcedure
    .meta(rest("POST", "/orders", "Place an order (checkout)", { tag: "Orders" }))
    .input(ZCheckoutInput)
    .output(z.object({ id: z.uuid(), orderNo: z.string(), payableTotalMinor: z.number().int(), currency: z.string() }))
    .mutation(({ ctx, input }) => checkout(ctx.db, { userId: ctx.session.id, input, quoteShipping: quoteShippingForCheckout })),
  mine: shopperProcedure
    .meta(rest("GET", "/orders", "List your orders", { tag: "Orders" }))
    .input(ZMyOrdersInput)
    .output(z.object({ items: z.array(ZOrderSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }))
    .query(({ ctx, input }) => listShopperOrders(ctx.db, { userId: ctx.session.id, ...input })),
  byId: shopperProcedure
    .meta(rest("GET", "/orders/{id}", "Get one of your orders", { tag: "Orders" }))
    .input(ZOrderId)
    .output(ZShopperOrderDetail)
    .query(({ ctx, input }) => getShopperOrderDetail(ctx.db, { userId: ctx.session.id, orderId: input.id })),
  cancel: shopperProcedure
    .meta(rest("POST", "/orders/{id}/cancel", "Cancel an unpaid order", { tag: "Orders" }))
    .input(ZOrderId)
    .output(z.object({ id: z.uuid(), status: ZOrderStatus }))
    .mutation(({ ctx, input }) => cancelOrderAsShopper(ctx.db, { userId: ctx.session.id, orderId: input.id })),
});
