import { because } from "@/lib/audit-reasons";
import { NonRetriableError } from "inngest";
import { eq } from "drizzle-orm";
import { getDb } from "@/server/db/client";
import { orders } from "@/server/db/schema";
import { expireOrderPayment } from "@/server/flows/expire-order-payment";
import { isDomainError } from "@/server/errors";
import { EVENT_FUNCTIONS } from "../catalog";
import { inngest } from "../client";
import { orderCreated } from "../events";

const spec = EVENT_FUNCTIONS.paymentWindow;

/**
 * Payment window: sleeps until the order's payment deadline, then expires its payment and
 * cancels it (stock released) through the idempotent `expireOrderPayment` — a no-op when the
 * order was paid meanwhile. Cancelled early when the order leaves pending_payment.
 */
export const orderPaymentWindow = inngest.createFunction(
  {
    id: spec.id,
    name: "Order payment window",
    triggers: [orderCreated],
    idempotency: "event.data.orderId",
    concurrency: { key: "event.data.orderId", limit: 1 },
    cancelOn: [{ event: "shop/order.status-changed", if: "async.data.orderId == event.data.orderId && async.data.from == 'pending_payment'" }],
    retries: 5,
  },
  async ({ event, step }) => {
    const orderId = event.data.orderId;
    const deadline = await step.run("read-deadline", async () => {
      const [order] = await getDb().select({ status: orders.status, deadline: orders.paymentDeadlineAt }).from(orders).where(eq(orders.id, orderId));
      if (!order) throw new NonRetriableError(`order ${orderId} not found`);
      return { status: order.status, deadline: order.deadline?.toISOString() ?? null };
    });
    if (deadline.status !== "pending_payment" || !deadline.deadline) return { orderId, outcome: "not-awaiting-payment" };
    await step.sleepUntil("wait-for-deadline", new Date(deadline.deadline));
    const result = await step.run("expire-payment", async () => {
      try {
        return await expireOrderPayment(getDb(), { orderId, by: { actor: "workflow", reason: because("payment.window_expired") } });
      } catch (error) {
        // Woken a moment early by a clock skew: fail the step, Inngest retries it shortly.
        if (isDomainError(error, "PAYMENT_NOT_EXPIRED")) throw new Error("payment window still open");
        throw error;
      }
    });
    return { orderId, outcome: result.changed ? "cancelled" : result.status };
  },
);
