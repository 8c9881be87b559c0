import { z } from "zod";
import { ZMyOrdersInput, ZOrderId, ZOrderStatus, ZOrderSummary, ZShopperOrder, ZCheckoutInput, getShopperOrder, listShopperOrders } from "@/server/domain/order";
import { cancelOrderAsShopper } from "@/server/flows/cancel-order";
import { checkout } from "@/server/flows/checkout";
import { quoteShippingForCheckout } from "@/server/flows/shipping-quote";
import { createTRPCRouter, shopperProcedure } from "../trpc";

export const orderRouter = createTRPCRouter({
  checkout: shopperProcedure
    .input(ZCheckoutInput)
    .output(z.object({ id: z.uuid(), orderNo: z.string(), payableTotalMinor: z.number().int(), currency: z.string() }))
    .mutation(({ ctx, input }) => checkout(ctx.db, { userId: ctx.session.id, input, quoteShipping: quoteShippingForCheckout })),
  mine: shopperProcedure
    .input(ZMyOrdersInput)
    .output(z.object({ items: z.array(ZOrderSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }))
    .query(({ ctx, input }) => listShopperOrders(ctx.db, { userId: ctx.session.id, ...input })),
  byId: shopperProcedure
    .input(ZOrderId)
    .output(ZShopperOrder)
    .query(({ ctx, input }) => getShopperOrder(ctx.db, { userId: ctx.session.id, orderId: input.id })),
  cancel: shopperProcedure
    .input(ZOrderId)
    .output(z.object({ id: z.uuid(), status: ZOrderStatus }))
    .mutation(({ ctx, input }) => cancelOrderAsShopper(ctx.db, { userId: ctx.session.id, orderId: input.id })),
});
