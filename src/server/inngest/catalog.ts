/**
 * The event-driven Inngest functions of the shop: ids, triggers and descriptions in one place,
 * read by the functions themselves and by the admin Tasks page. (Cron functions are made from
 * the sweep registry, see functions/sweep-cron.ts.)
 */
export const EVENT_FUNCTIONS = {
  paymentWindow: {
    id: "order-payment-window",
    event: "shop/order.created",
    description: "Sleeps until the payment deadline, then expires the payment and cancels the order unless it was paid",
  },
  fulfilment: {
    id: "order-fulfilment",
    event: "shop/order.status-changed",
    if: "event.data.to == 'paid' && event.data.from == 'pending_payment'",
    description: "Creates the shipment, waits the auto-ship delay (or an admin), ships, then records each checkpoint at its time until delivered",
  },
  receipt: {
    id: "order-receipt",
    event: "shop/order.status-changed",
    if: "event.data.to == 'delivered'",
    description: "Waits for the shopper to confirm receipt up to the receipt window, then confirms automatically",
  },
  refundProcessing: {
    id: "refund-processing",
    event: "shop/refund.status-changed",
    if: "event.data.to == 'approved'",
    description: "Submits an approved refund to the gateway, waits for its result (else queries it) and compensates an unshipped order",
  },
  webhookDelivery: {
    id: "webhook-delivery",
    event: "shop/payment.status-changed",
    description: "Delivers the merchant webhooks of a payment change, retried with backoff",
  },
  eventConsumers: {
    id: "event-consumers",
    event: "shop/*",
    description: "Hands every domain event to the event consumers (in-app notifications...), once per consumer",
  },
} as const;

/** A six-field (seconds) croner pattern as a five-field Inngest cron: sub-minute schedules run every minute. */
export function minuteCron(sixField: string): string {
  const parts = sixField.trim().split(/\s+/);
  return parts.length === 6 ? parts.slice(1).join(" ") : sixField;
}

export const sweepFunctionId = (sweepId: string) => `sweep-${sweepId}`;
