import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { processCache } from "@/server/cache/process-cache";
import type { DbOrTx, Tx } from "@/server/db/client";
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
 * Whether any endpoint is enabled, cached for a short while: every payment event asks, and a
 * shop with no endpoints (the usual case) then skips the locked read below. A new or re-enabled
 * endpoint invalidates the cache at once in the process that saved it and, through cache sync,
 * in the others; without that notification it is seen within the cache's lifetime. An endpoint
 * receives the events that happen after it is seen, as with any webhook provider.
 */
const anyEnabledEndpoint = processCache<boolean>("webhook-endpoints:any-enabled", { ttlMs: 2_000 });

export function webhookEndpointsChanged(): void {
  anyEnabledEndpoint.invalidate();
}

function hasEnabledEndpoint(db: DbOrTx): Promise<boolean> {
  return anyEnabledEndpoint.get(async () => {
    const [row] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true)).limit(1);
    return row !== undefined;
  });
}

/**
 * Queues one delivery per subscribed endpoint, in the caller's transaction (an outbox): the
 * event exists exactly when the change that caused it committed, and the delivery sweep sends
 * it at least once afterwards.
 */
export async function enqueueWebhookEvent(tx: Tx, event: { type: WebhookEventType; payment: PaymentRow; refund?: RefundRow }): Promise<void> {
  if (!(await hasEnabledEndpoint(tx))) return;
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
