export * from "./payment.machine";
export * from "./refund.machine";
export * from "./payment.schemas";
export * from "./payment.settings";
export * from "./payment.service";
export * from "./payment.views";
export * from "./payment-log";
export * from "./payment-sn";
export * from "./refund.service";
export * from "./refund-items";
export * from "./charge-reversal.machine";
export * from "./charge-reversal.service";
export * from "./idempotency";
export * from "./signature";
export * from "./provider/payment-provider";
export { callProvider, PROVIDER_TIMEOUT_MS } from "./provider/provider-call";
export { getPaymentProvider, setPaymentProvider, getGatewayDb, closeGatewayDb } from "./provider/registry";
export { TEST_CARDS, DECLINE_MESSAGES, isValidCardNumber, normaliseCardNumber, type DeclineCode } from "./simulator/test-cards";
export { createSimulatedGateway, verifyGatewayNotification, GATEWAY_HEADERS, gatewayChargesFor } from "./simulator/simulated-gateway";
export { simulatorConfigFrom, loadSimulatorConfig, type SimulatorConfig } from "./simulator/simulator-config";
export { getQrCharge, confirmQrScan, type QrChargeView } from "./simulator/wallet";
export {
  settleDueGatewayRefunds,
  deliverGatewayNotifications,
  nextGatewayRefundDueAt,
  nextGatewayNotificationDueAt,
  shopNotifyUrl,
  httpSend,
  type HttpSend,
} from "./simulator/gateway-sweeps";
export { gatewaySecret } from "./simulator/gateway-secret";
export * from "./webhooks/webhook-events";
export * from "./webhooks/webhook-endpoints";
export * from "./webhooks/webhook-delivery";
export * from "./payment.queries";
export * from "./payment.reports";
export * from "./invariants";
export * from "./sql-time";
export * from "./payment.dashboard";
export * from "./payment.timeline";
