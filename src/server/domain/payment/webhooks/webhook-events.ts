import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { orders, webhookDeliveries, webhookEndpoints, type payments, type refunds } from "@/server/db/schema";

/** Events merchants can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  "payment.created",
  "payment.succeeded",
  "payment.failed",
  "payment.cancelled",
  "payment.expired",
  "payment.partially_refunded",
  "payment.refunded",
  "refund.requested",
  "refund.approved",
  "refund.rejected",
  "refund.succeeded",
  "refund.failed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

type PaymentRow = typeof payments.$inferSelect;
type RefundRow = typeof refunds.$inferSelect;

/**
 * Queues one delivery per subscribed endpoint, in the caller's transaction (an outbox): the
 * event exists exactly when the change that caused it committed, and the delivery sweep sends
 * it at least once afterwards.
 */
export async function enqueueWebhookEvent(tx: Tx, event: { type: WebhookEventType; payment: PaymentRow; refund?: RefundRow }): Promise<void> {
  // FOR KEY SHARE: an endpoint deleted after this read would fail the insert below (its
  // foreign key) and roll back the payment change that caused the event. The lock makes the
  // deletion wait for this transaction instead; it does not block edits to the endpoint.
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.enabled, true))
    .for("key share");
  const targets = endpoints.filter((e) => e.events.length === 0 || e.events.includes(event.type));
  if (targets.length === 0) return;
  const [order] = await tx.select({ orderNo: orders.orderNo }).from(orders).where(eq(orders.id, event.payment.orderId));
  const eventId = randomUUID();
  const { payment, refund } = event;
  const payload = {
    id: eventId,
    type: event.type,
    createdAt: new Date().toISOString(),
    data: {
      payment: {
        id: payment.id,
        paymentSn: payment.paymentSn,
        orderId: payment.orderId,
        orderNo: order?.orderNo ?? null,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        method: payment.method,
        status: payment.status,
        refundedMinor: payment.refundedMinor,
        failureCode: payment.failureCode,
      },
      ...(refund
        ? {
            refund: {
              id: refund.id,
              refundSn: refund.refundSn,
              amountMinor: refund.amountMinor,
              currency: refund.currency,
              status: refund.status,
              reason: refund.reason,
              failureCode: refund.failureCode,
            },
          }
        : {}),
    },
  };
  await tx.insert(webhookDeliveries).values(
    targets.map((endpoint) => ({
      endpointId: endpoint.id,
      eventId,
      eventType: event.type,
      paymentId: payment.id,
      refundId: refund?.id ?? null,
      payload,
    })),
  );
}
