import { because } from "@/lib/audit-reasons";
import { z } from "zod";
import {
  ZAdminCancelPaymentInput,
  ZAdminWebhookDeliveryPage,
  ZCreatedWebhookEndpoint,
  ZPaymentReport,
  ZWebhookDeliveryState,
  ZWebhookDeliverySummary,
  ZWebhookEndpoint,
  ZWebhookEndpointWithCounts,
  ZAdminPayment,
  ZAdminPaymentListOutput,
  ZAdminPaymentsInput,
  ZAdminRefundDetail,
  ZAdminRefundListOutput,
  ZGatewayQueryResult,
  ZPaymentSettings,
  ZRefundResult,
  ZSettingsPatchInput,
  ZShopperPayment,
  ZShopperRefund,
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
import { ZSettingsChange } from "@/server/domain/settings";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

const tag = "Admin: payments";

const refundsRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/refunds", "List refunds (filter by status, numbers, dates)", { tag: "Admin: refunds" }))
    .input(ZAdminRefundsInput)
    .output(ZAdminRefundListOutput)
    .query(({ ctx, input }) => listRefundsForAdmin(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/refunds/{refundId}", "Get a refund with its payment, order and log", { tag: "Admin: refunds" }))
    .input(ZRefundIdInput)
    .output(ZAdminRefundDetail)
    .query(({ ctx, input }) => getRefundDetailForAdmin(ctx.db, { refundId: input.refundId })),
  approve: adminProcedure
    .meta(rest("POST", "/admin/refunds/{refundId}/approve", "Approve a requested refund (it is submitted to the gateway)", { tag: "Admin: refunds" }))
    .input(ZApproveRefundInput)
    .output(ZShopperRefund)
    .mutation(({ ctx, input }) => approveRefund(ctx.db, { adminId: ctx.session.id, input })),
  reject: adminProcedure
    .meta(rest("POST", "/admin/refunds/{refundId}/reject", "Reject a requested refund, saying why", { tag: "Admin: refunds" }))
    .input(ZRejectRefundInput)
    .output(ZShopperRefund)
    .mutation(({ ctx, input }) => rejectRefund(ctx.db, { adminId: ctx.session.id, input })),
});

const settingsRouter = createTRPCRouter({
  get: adminProcedure
    .meta(rest("GET", "/admin/settings/payments", "Payment and simulated-gateway settings", { tag: "Admin: settings" }))
    .output(ZPaymentSettings)
    .query(({ ctx }) => paymentSettings.get(ctx.db)),
  update: adminProcedure
    .meta(rest("PATCH", "/admin/settings/payments", "Change payment settings (`patch` holds the fields to change)", { tag: "Admin: settings" }))
    .input(ZSettingsPatchInput)
    .output(ZPaymentSettings)
    .mutation(({ ctx, input }) => updatePaymentSettings(ctx.db, { patch: input.patch, changedBy: ctx.session.id })),
  history: adminProcedure.output(z.array(ZSettingsChange)).query(({ ctx }) => paymentSettings.history(ctx.db, 20)),
});

const webhooksRouter = createTRPCRouter({
  list: adminProcedure.output(z.array(ZWebhookEndpointWithCounts)).query(({ ctx }) => listWebhookEndpoints(ctx.db)),
  create: adminProcedure.input(ZWebhookEndpointInput).output(ZCreatedWebhookEndpoint).mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, { input, adminId: ctx.session.id })),
  update: adminProcedure.input(ZWebhookEndpointUpdate).output(ZWebhookEndpoint).mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.db, input)),
  remove: adminProcedure.input(z.object({ id: z.uuid() })).output(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.db, input)),
  deliveries: adminProcedure
    .input(z.object({ endpointId: z.uuid().optional(), paymentId: z.uuid().optional() }))
    .output(z.array(ZWebhookDeliverySummary))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, { ...input, limit: 50 })),
  allDeliveries: adminProcedure
    .input(z.object({ status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(), page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .output(ZAdminWebhookDeliveryPage)
    .query(({ ctx, input }) => listWebhookDeliveriesForAdmin(ctx.db, input)),
  resend: adminProcedure.input(z.object({ deliveryId: z.uuid() })).output(ZWebhookDeliveryState).mutation(({ ctx, input }) => resendWebhookDelivery(ctx.db, input)),
});

/** Admin procedures of the payment module: payments, refunds, reports, settings, webhooks. */
export const adminPaymentRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/payments", "List payments (filter by status, method, numbers, amounts, dates)", { tag }))
    .input(ZAdminPaymentsInput)
    .output(ZAdminPaymentListOutput)
    .query(({ ctx, input }) => listPaymentsForAdmin(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/payments/{paymentId}", "Get a payment with its log, refunds, webhook deliveries and gateway charges", { tag }))
    .input(ZPaymentIdInput)
    .output(ZAdminPayment)
    .query(({ ctx, input }) => getPaymentDetailForAdmin(ctx.db, { paymentId: input.paymentId, provider: getPaymentProvider() })),
  cancel: adminProcedure
    .meta(rest("POST", "/admin/payments/{paymentId}/cancel", "Cancel an open payment", { tag }))
    .input(ZAdminCancelPaymentInput)
    .output(ZShopperPayment)
    .mutation(({ ctx, input }) =>
      cancelPayment(ctx.db, { paymentId: input.paymentId, userId: null, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.payment_cancelled"), note: input.reason || null } }),
    ),
  queryGateway: adminProcedure
    .input(ZPaymentIdInput)
    .output(ZGatewayQueryResult)
    .mutation(({ ctx, input }) => resolveProcessingPayment(ctx.db, { paymentId: input.paymentId, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.gateway_queried") } })),
  refund: adminProcedure
    .meta(rest("POST", "/admin/payments/{paymentId}/refunds", "Refund a payment directly (no request to review)", { tag: "Admin: refunds" }))
    .input(ZAdminRefundInput)
    .output(ZRefundResult)
    .mutation(({ ctx, input }) => refundDirectly(ctx.db, { adminId: ctx.session.id, input })),
  report: adminProcedure.input(ZPaymentReportInput).output(ZPaymentReport).query(({ ctx, input }) => paymentReport(ctx.db, input)),
  refunds: refundsRouter,
  settings: settingsRouter,
  webhooks: webhooksRouter,
});
