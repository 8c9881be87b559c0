import { z } from "zod";
import {
  ZAdminPaymentsInput,
  ZAdminRefundInput,
  ZAdminRefundsInput,
  ZApproveRefundInput,
  ZPaymentIdInput,
  ZPaymentReportInput,
  ZRefundIdInput,
  ZRejectRefundInput,
  ZWebhookEndpointInput,
  ZWebhookEndpointUpdate,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getPaymentDetailForAdmin,
  getPaymentProvider,
  getRefundDetailForAdmin,
  listPaymentsForAdmin,
  listRefundsForAdmin,
  WEBHOOK_DELIVERY_STATUSES,
  listWebhookDeliveries,
  listWebhookDeliveriesForAdmin,
  listWebhookEndpoints,
  paymentReport,
  paymentSettings,
  resendWebhookDelivery,
  updatePaymentSettings,
  updateWebhookEndpoint,
} from "@/server/domain/payment";
import { cancelPayment } from "@/server/flows/cancel-payment";
import { approveRefund, refundDirectly, rejectRefund } from "@/server/flows/refund-request";
import { resolveProcessingPayment } from "@/server/flows/resolve-processing-payment";
import { EMPTY_PATCH_MESSAGE, hasSomeField, zText } from "@/server/validation/fields";
import { adminProcedure, createTRPCRouter } from "../trpc";

const refundsRouter = createTRPCRouter({
  list: adminProcedure.input(ZAdminRefundsInput).query(({ ctx, input }) => listRefundsForAdmin(ctx.db, input)),
  byId: adminProcedure.input(ZRefundIdInput).query(({ ctx, input }) => getRefundDetailForAdmin(ctx.db, { refundId: input.refundId })),
  approve: adminProcedure.input(ZApproveRefundInput).mutation(({ ctx, input }) => approveRefund(ctx.db, { adminId: ctx.session.id, input })),
  reject: adminProcedure.input(ZRejectRefundInput).mutation(({ ctx, input }) => rejectRefund(ctx.db, { adminId: ctx.session.id, input })),
});

const settingsRouter = createTRPCRouter({
  get: adminProcedure.query(({ ctx }) => paymentSettings.get(ctx.db)),
  update: adminProcedure
    .input(z.object({ patch: z.record(zText(40), z.unknown()).refine(hasSomeField, EMPTY_PATCH_MESSAGE) }))
    .mutation(({ ctx, input }) => updatePaymentSettings(ctx.db, { patch: input.patch, changedBy: ctx.session.id })),
  history: adminProcedure.query(({ ctx }) => paymentSettings.history(ctx.db, 20)),
});

const webhooksRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db)),
  create: adminProcedure.input(ZWebhookEndpointInput).mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, { input, adminId: ctx.session.id })),
  update: adminProcedure.input(ZWebhookEndpointUpdate).mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.db, input)),
  remove: adminProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.db, input)),
  deliveries: adminProcedure
    .input(z.object({ endpointId: z.uuid().optional(), paymentId: z.uuid().optional() }))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, { ...input, limit: 50 })),
  allDeliveries: adminProcedure
    .input(z.object({ status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(), page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => listWebhookDeliveriesForAdmin(ctx.db, input)),
  resend: adminProcedure.input(z.object({ deliveryId: z.uuid() })).mutation(({ ctx, input }) => resendWebhookDelivery(ctx.db, input)),
});

/** Admin procedures of the payment module: payments, refunds, reports, settings, webhooks. */
export const adminPaymentRouter = createTRPCRouter({
  list: adminProcedure.input(ZAdminPaymentsInput).query(({ ctx, input }) => listPaymentsForAdmin(ctx.db, input)),
  byId: adminProcedure.input(ZPaymentIdInput).query(({ ctx, input }) => getPaymentDetailForAdmin(ctx.db, { paymentId: input.paymentId, provider: getPaymentProvider() })),
  cancel: adminProcedure
    .input(ZPaymentIdInput.extend({ reason: zText(200).optional() }))
    .mutation(({ ctx, input }) =>
      cancelPayment(ctx.db, { paymentId: input.paymentId, userId: null, by: { actor: "admin", actorId: ctx.session.id, reason: input.reason || "cancelled by admin" } }),
    ),
  queryGateway: adminProcedure
    .input(ZPaymentIdInput)
    .mutation(({ ctx, input }) => resolveProcessingPayment(ctx.db, { paymentId: input.paymentId, by: { actor: "admin", actorId: ctx.session.id, reason: "admin asked the gateway" } })),
  refund: adminProcedure.input(ZAdminRefundInput).mutation(({ ctx, input }) => refundDirectly(ctx.db, { adminId: ctx.session.id, input })),
  report: adminProcedure.input(ZPaymentReportInput).query(({ ctx, input }) => paymentReport(ctx.db, input)),
  refunds: refundsRouter,
  settings: settingsRouter,
  webhooks: webhooksRouter,
});
