import { eventType, staticSchema } from "inngest";
import type { DomainEventData } from "@/server/events/event-types";

/**
 * Typed Inngest events: the domain events of the outbox (same names and data), sent by the
 * relay with the outbox row id as the Inngest event id.
 */
export const orderCreated = eventType("shop/order.created", { schema: staticSchema<DomainEventData["shop/order.created"]>() });
export const orderStatusChanged = eventType("shop/order.status-changed", { schema: staticSchema<DomainEventData["shop/order.status-changed"]>() });
export const paymentStatusChanged = eventType("shop/payment.status-changed", { schema: staticSchema<DomainEventData["shop/payment.status-changed"]>() });
export const shipmentStatusChanged = eventType("shop/shipment.status-changed", { schema: staticSchema<DomainEventData["shop/shipment.status-changed"]>() });
export const refundStatusChanged = eventType("shop/refund.status-changed", { schema: staticSchema<DomainEventData["shop/refund.status-changed"]>() });

export const DOMAIN_EVENT_TYPES = [orderCreated, orderStatusChanged, paymentStatusChanged, shipmentStatusChanged, refundStatusChanged] as const;
