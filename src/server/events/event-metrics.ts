import { logger } from "@/server/observability/logger";
import { deliveries, ordersCreated, paymentOutcomes, refundOutcomes, shipmentTransitions } from "@/server/observability/metrics";
import type { DomainEventData, DomainEventName } from "./event-types";

/** Payment statuses that end an attempt (a failed attempt may be followed by another). */
const PAYMENT_OUTCOMES = new Set(["succeeded", "failed", "cancelled", "expired"]);
/** Refund statuses that end a refund. */
const REFUND_OUTCOMES = new Set(["succeeded", "failed", "rejected"]);

/**
 * The business counters, derived from the domain events as they commit (every business change
 * writes exactly one outbox event in its transaction, so this is the one place to count):
 *
 * | event                          | counter                                              |
 * |--------------------------------|------------------------------------------------------|
 * | shop/order.created             | shopflow_orders_created_total                        |
 * | shop/payment.status-changed    | shopflow_payments_total{method, outcome=to}, for to in succeeded, failed, cancelled, expired |
 * | shop/refund.status-changed     | shopflow_refunds_total{outcome=to}, for to in succeeded, failed, rejected |
 * | shop/shipment.status-changed   | shopflow_shipments_total{status=to} (every status, `created` included); on `delivered` with a promise, shopflow_deliveries_total{on_time} |
 *
 * Other events (order status changes, simulation) count nothing. Notifications are counted
 * where they are written (createNotification), as they are not domain events.
 * Runs after the commit, so it never throws: a counting bug must not fail a committed change.
 */
export function countCommittedEvent<N extends DomainEventName>(name: N, data: DomainEventData[N]): void {
  try {
    count(name, data);
  } catch (error) {
    logger.warn({ err: error, event: name }, "metrics: a committed event could not be counted");
  }
}

function count<N extends DomainEventName>(name: N, data: DomainEventData[N]): void {
  switch (name) {
    case "shop/order.created":
      ordersCreated.inc();
      return;
    case "shop/payment.status-changed": {
      const { to, method } = data as DomainEventData["shop/payment.status-changed"];
      if (PAYMENT_OUTCOMES.has(to)) paymentOutcomes.inc({ method, outcome: to });
      return;
    }
    case "shop/refund.status-changed": {
      const { to } = data as DomainEventData["shop/refund.status-changed"];
      if (REFUND_OUTCOMES.has(to)) refundOutcomes.inc({ outcome: to });
      return;
    }
    case "shop/shipment.status-changed": {
      const { to, onTime } = data as DomainEventData["shop/shipment.status-changed"];
      shipmentTransitions.inc({ status: to });
      if (to === "delivered" && onTime !== undefined) deliveries.inc({ on_time: String(onTime) });
      return;
    }
  }
}
