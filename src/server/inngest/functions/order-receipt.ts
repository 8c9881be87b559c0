import { because } from "@/lib/audit-reasons";
import { eq } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { getDb } from "@/server/db/client";
import { orders } from "@/server/db/schema";
import { autoConfirmReceipt, receiptDeadline } from "@/server/flows/receipt";
import { EVENT_FUNCTIONS } from "../catalog";
import { inngest } from "../client";
import { orderStatusChanged } from "../events";

const spec = EVENT_FUNCTIONS.receipt;

/**
 * Receipt: once delivered, waits for the shopper's confirmation up to the receipt window
 * (time-scaled); without one, confirms automatically (order completed) through the idempotent
 * `autoConfirmReceipt`, which is a no-op if the order moved on meanwhile.
 */
export const orderReceipt = inngest.createFunction(
  {
    id: spec.id,
    name: "Order receipt confirmation",
    triggers: [{ event: orderStatusChanged, if: spec.if }],
    idempotency: "event.data.orderId",
    concurrency: { key: "event.data.orderId", limit: 1 },
    retries: 5,
  },
  async ({ event, step }) => {
    const orderId = event.data.orderId;
    const deadline = await step.run("receipt-deadline", async () => {
      const [order] = await getDb().select({ deliveredAt: orders.deliveredAt }).from(orders).where(eq(orders.id, orderId));
      if (!order?.deliveredAt) throw new NonRetriableError(`order ${orderId} has not been delivered`);
      return (await receiptDeadline(getDb(), order.deliveredAt)).toISOString();
    });
    const confirmed = await step.waitForEvent("wait-for-confirmation", {
      event: "shop/order.status-changed",
      if: "async.data.orderId == event.data.orderId && async.data.to == 'completed'",
      timeout: new Date(deadline),
    });
    if (confirmed) return { orderId, outcome: "confirmed-by-shopper" };
    const result = await step.run("auto-confirm", () =>
      autoConfirmReceipt(getDb(), {
        orderId,
        now: new Date(Math.max(Date.now(), Date.parse(deadline))),
        by: { actor: "workflow", reason: because("receipt.auto_confirmed") },
      }),
    );
    return { orderId, outcome: result.changed ? "auto-confirmed" : `unchanged:${result.status}` };
  },
);
