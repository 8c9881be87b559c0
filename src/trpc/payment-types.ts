import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** Output types of the payment procedures, for components (type-only: nothing reaches the browser). */
type Outputs = inferRouterOutputs<AppRouter>;

export type CashierViewData = Outputs["payment"]["cashier"];
export type ShopperPaymentView = Outputs["payment"]["byId"];
export type PayResultView = Outputs["payment"]["pay"];
export type OrderPaymentSectionView = Outputs["payment"]["forOrder"];
export type QrChargeViewData = Outputs["payment"]["wallet"]["get"];
export type AdminPaymentDetail = Outputs["adminPayment"]["byId"];
export type AdminRefundDetail = Outputs["adminPayment"]["refunds"]["byId"];
export type PaymentReportView = Outputs["adminPayment"]["report"];
export type PaymentSettingsView = Outputs["adminPayment"]["settings"]["get"];
export type SettingsChangeView = Outputs["adminPayment"]["settings"]["history"][number];
export type WebhookEndpointView = Outputs["adminPayment"]["webhooks"]["list"][number];
export type WebhookDeliveryView = Outputs["adminPayment"]["webhooks"]["deliveries"][number];

/** The `data` our errorFormatter attaches to a tRPC error. */
export type PaymentErrorData = { code?: string; domainCode?: string; fieldErrors?: Record<string, string[] | undefined> };

export function paymentErrorData(error: unknown): PaymentErrorData {
  return (error as { data?: PaymentErrorData } | null)?.data ?? {};
}
