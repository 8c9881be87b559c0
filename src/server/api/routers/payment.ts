import { because } from "@/lib/audit-reasons";
import { z } from "zod";
import {
  ZCashierView,
  ZCreatePaymentInput,
  ZOrderIdInput,
  ZOrderPaymentSection,
  ZPayInput,
  ZPayResult,
  ZPaymentIdInput,
  ZQrChargeView,
  ZQrTokenInput,
  ZRequestRefundInput,
  ZShopperPayment,
  ZShopperRefund,
  confirmQrScan,
  findPayment,
  getGatewayDb,
  getQrCharge,
  toShopperPayment,
} from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { cancelPayment } from "@/server/flows/cancel-payment";
import { createPayment } from "@/server/flows/create-payment";
import { payPayment } from "@/server/flows/pay-payment";
import { getCashierView, getOrderPaymentSection } from "@/server/flows/payment-views";
import { requestRefund } from "@/server/flows/refund-request";
import { createTRPCRouter, publicProcedure, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

/**
 * The simulated payer's phone (public: whoever holds the QR code's token, like scanning it).
 * It talks to the gateway's side only; the shop learns the result by notification.
 */
const walletRouter = createTRPCRouter({
  get: publicProcedure
    .input(ZQrTokenInput)
    .output(ZQrChargeView)
    .query(async ({ input }) => {
      const charge = await getQrCharge(getGatewayDb(), { token: input.token });
      if (!charge) throw new DomainError("PAYMENT_NOT_FOUND", "This QR code is not valid");
      return charge;
    }),
  confirm: publicProcedure
    .input(ZQrTokenInput)
    .output(ZQrChargeView)
    .mutation(async ({ input }) => {
      const charge = await confirmQrScan(getGatewayDb(), { token: input.token });
      if (!charge) throw new DomainError("PAYMENT_NOT_FOUND", "This QR code is not valid");
      return charge;
    }),
  decline: publicProcedure
    .input(ZQrTokenInput)
    .output(ZQrChargeView)
    .mutation(async ({ input }) => {
      const charge = await confirmQrScan(getGatewayDb(), { token: input.token, decline: true });
      if (!charge) throw new DomainError("PAYMENT_NOT_FOUND", "This QR code is not valid");
      return charge;
    }),
});

/** Procedures of the payment module for shoppers (and the public simulated phone). */
export const paymentRouter = createTRPCRouter({
  cashier: shopperProcedure
    .input(ZOrderIdInput)
    .output(ZCashierView)
    .query(({ ctx, input }) => getCashierView(ctx.db, { userId: ctx.session.id, orderId: input.orderId })),
  create: shopperProcedure
    .meta(rest("POST", "/payments", "Start paying for an order", { tag: "Payments" }))
    .input(ZCreatePaymentInput)
    .output(z.object({ payment: ZShopperPayment, replayed: z.boolean() }))
    .mutation(({ ctx, input }) => createPayment(ctx.db, { userId: ctx.session.id, input })),
  pay: shopperProcedure
    .meta(rest("POST", "/payments/{paymentId}/pay", "Pay with a test card, or start a QR payment", { tag: "Payments" }))
    .input(ZPayInput)
    .output(ZPayResult)
    .mutation(({ ctx, input }) => payPayment(ctx.db, { paymentId: input.paymentId, userId: ctx.session.id, input })),
  byId: shopperProcedure
    .meta(rest("GET", "/payments/{paymentId}", "Get a payment", { tag: "Payments" }))
    .input(ZPaymentIdInput)
    .output(ZShopperPayment)
    .query(async ({ ctx, input }) => {
      const payment = await findPayment(ctx.db, input.paymentId);
      if (!payment || payment.userId !== ctx.session.id) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
      return toShopperPayment(payment);
    }),
  cancel: shopperProcedure
    .meta(rest("POST", "/payments/{paymentId}/cancel", "Cancel an open payment", { tag: "Payments" }))
    .input(ZPaymentIdInput)
    .output(ZShopperPayment)
    .mutation(({ ctx, input }) =>
      cancelPayment(ctx.db, { paymentId: input.paymentId, userId: ctx.session.id, by: { actor: "shopper", actorId: ctx.session.id, reason: because("payment.cancelled_by_shopper") } }),
    ),
  forOrder: shopperProcedure
    .meta(rest("GET", "/orders/{orderId}/payment", "The payment section of an order", { tag: "Payments" }))
    .input(ZOrderIdInput)
    .output(ZOrderPaymentSection)
    .query(({ ctx, input }) => getOrderPaymentSection(ctx.db, { userId: ctx.session.id, orderId: input.orderId })),
  requestRefund: shopperProcedure
    .meta(rest("POST", "/refunds", "Ask for a refund", { tag: "Refunds" }))
    .input(ZRequestRefundInput)
    .output(z.object({ refund: ZShopperRefund, replayed: z.boolean() }))
    .mutation(({ ctx, input }) => requestRefund(ctx.db, { userId: ctx.session.id, input })),
  wallet: walletRouter,
});
