import type { NotificationParams } from "@/server/db/schema";
import type { DomainEvent } from "@/server/events/consumer";
import type { NotificationKind } from "./notification.kinds";

/** The events the notifications consumer reads (the generic status-change events of the contract). */
export const NOTIFIED_EVENTS = ["shop/payment.status-changed", "shop/shipment.status-changed", "shop/refund.status-changed", "shop/order.status-changed"] as const;

const SHIPMENT_KINDS: Record<string, NotificationKind> = {
  picked_up: "shipped",
  out_for_delivery: "out_for_delivery",
  delivery_attempt_failed: "delivery_attempt_failed",
  delivered: "delivered",
};

export type PlannedNotification = { userId: string; orderId: string; kind: NotificationKind; params: NotificationParams };

const str = (value: unknown): string | null => (typeof value === "string" && value.length > 0 ? value : null);

/**
 * Which notification (if any) a domain event gives its shopper. Pure: the consumer adds what
 * needs the database (the order number). Unknown events, other transitions, and events missing
 * the shopper or order give null.
 */
export function notificationFor(event: DomainEvent): PlannedNotification | null {
  const userId = str(event.data.userId);
  const orderId = str(event.data.orderId);
  const to = str(event.data.to);
  if (!userId || !orderId || !to) return null;
  const plan = (kind: NotificationKind, params: NotificationParams = {}): PlannedNotification => ({ userId, orderId, kind, params });
  switch (event.name) {
    case "shop/payment.status-changed":
      if (to === "succeeded") return plan("payment_succeeded");
      if (to === "failed") return plan("payment_failed");
      return null;
    case "shop/shipment.status-changed":
      return SHIPMENT_KINDS[to] ? plan(SHIPMENT_KINDS[to]) : null;
    case "shop/refund.status-changed": {
      if (to !== "succeeded" && to !== "failed") return null;
      const amount = event.data.amountMinor;
      const currency = str(event.data.currency);
      const params: NotificationParams = typeof amount === "number" && Number.isInteger(amount) && currency ? { amountMinor: amount, currency } : {};
      return plan(to === "succeeded" ? "refund_succeeded" : "refund_failed", params);
    }
    case "shop/order.status-changed": {
      const actor = str(event.data.actor);
      // Completed without the shopper confirming: the receipt window ran out.
      if (to === "completed" && (actor === "system" || actor === "workflow")) return plan("auto_confirmed");
      return null;
    }
    default:
      return null;
  }
}
