import type { StatusActor } from "@/server/domain/order/order.service";

/**
 * The domain events of the shop (the contract between modules). Every status change of an
 * order, payment, shipment and refund emits exactly one generic `*.status-changed` event in the
 * transaction of the change; `from` is null when the row is created in its first status.
 */
export type DomainEventData = {
  "shop/order.created": { orderId: string; userId: string; orderNo: string };
  "shop/order.status-changed": { orderId: string; userId: string; orderNo: string; from: string; to: string; actor: StatusActor };
  "shop/payment.status-changed": { paymentId: string; orderId: string; userId: string; method: string; from: string | null; to: string };
  /** `onTime` only on `delivered` when the carrier promised a time: whether it arrived by then. */
  "shop/shipment.status-changed": { shipmentId: string; orderId: string; userId: string; from: string | null; to: string; onTime?: boolean };
  "shop/refund.status-changed": { refundId: string; orderId: string; userId: string; from: string | null; to: string; amountMinor: number; currency: string };
  /** A simulation run handed to Inngest (Inngest mode only; locally the simulation sweep drives it). */
  "shop/simulation.requested": { runId: string };
  "shop/simulation.cancelled": { runId: string };
};

export type DomainEventName = keyof DomainEventData;

export const DOMAIN_EVENT_NAMES = [
  "shop/order.created",
  "shop/order.status-changed",
  "shop/payment.status-changed",
  "shop/shipment.status-changed",
  "shop/refund.status-changed",
] as const satisfies readonly DomainEventName[];
