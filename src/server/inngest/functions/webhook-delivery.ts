import { and, eq } from "drizzle-orm";
import { getDb } from "@/server/db/client";
import { webhookDeliveries } from "@/server/db/schema";
import { deliverDueWebhooks } from "@/server/domain/payment";
import { EVENT_FUNCTIONS } from "../catalog";
import { inngest } from "../client";
import { paymentStatusChanged } from "../events";

const spec = EVENT_FUNCTIONS.webhookDelivery;

/**
 * Delivers the merchant webhooks queued for a payment (signed, each delivery claimed with
 * SKIP LOCKED, so this and the webhook sweep never send the same one twice at once). Deliveries
 * still pending afterwards fail the step, and Inngest retries it with backoff.
 */
export const webhookDelivery = inngest.createFunction(
  { id: spec.id, name: "Merchant webhook delivery", triggers: [paymentStatusChanged], concurrency: { key: "event.data.paymentId", limit: 1 }, retries: 8 },
  async ({ event, step }) => {
    const paymentId = event.data.paymentId;
    return step.run("deliver-webhooks", async () => {
      const db = getDb();
      const pending = await db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.paymentId, paymentId), eq(webhookDeliveries.status, "pending")));
      if (pending.length === 0) return { paymentId, processed: 0, delivered: 0 };
      const result = await deliverDueWebhooks({ db, now: new Date(), deliveryIds: pending.map((p) => p.id) });
      if (result.delivered < pending.length) throw new Error(`${pending.length - result.delivered} webhook deliveries still pending`);
      return { paymentId, ...result };
    });
  },
);
