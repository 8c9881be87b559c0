import { because } from "@/lib/audit-reasons";
import { eq } from "drizzle-orm";
import { getDb } from "@/server/db/client";
import { orders } from "@/server/db/schema";
import { findShipmentByOrder, isTerminalShipmentStatus, pendingCheckpoints } from "@/server/domain/logistics";
import { autoShipDelayMs } from "@/server/flows/auto-ship";
import { createShipmentForOrder, recordDueForOrder, shipOrder } from "@/server/flows/shipment";
import { EVENT_FUNCTIONS } from "../catalog";
import { inngest } from "../client";
import { orderStatusChanged } from "../events";

const spec = EVENT_FUNCTIONS.fulfilment;
const by = { actor: "workflow" as const, reason: because("workflow.fulfilment") };

/** At most this many tracking steps per run; anything left is recorded by the checkpoint sweep. */
export const MAX_TRACKING_STEPS = 40;

/** What the flow does next for the order's shipment: stop, or record the next planned checkpoint at its due time. */
async function nextTrackingStep(orderId: string): Promise<{ done: true; status: string } | { done: false; dueAt: string }> {
  const db = getDb();
  const shipment = await findShipmentByOrder(db, orderId);
  if (!shipment) return { done: true, status: "none" };
  if (isTerminalShipmentStatus(shipment.status) || shipment.status === "exception" || shipment.status === "created") return { done: true, status: shipment.status };
  const [next] = await db.transaction((tx) => pendingCheckpoints(tx, shipment.id));
  if (!next) return { done: true, status: shipment.status };
  return { done: false, dueAt: next.dueAt.toISOString() };
}

/**
 * Fulfilment: on payment, creates the shipment, waits the auto-ship delay (or for an admin to
 * ship first), ships (pick-up plans the trajectory), then sleeps until each planned checkpoint
 * and records it, moving shipment and order status, until delivered (failed attempts and
 * re-deliveries included, as planned). Every step is an idempotent domain operation; a parcel
 * held in an exception ends the flow and the checkpoint sweep takes over once resolved.
 */
export const orderFulfilment = inngest.createFunction(
  {
    id: spec.id,
    name: "Order fulfilment",
    triggers: [{ event: orderStatusChanged, if: spec.if }],
    idempotency: "event.data.orderId",
    concurrency: { key: "event.data.orderId", limit: 1 },
    cancelOn: [{ event: "shop/order.status-changed", if: "async.data.orderId == event.data.orderId && async.data.to == 'refunded'" }],
    retries: 5,
  },
  async ({ event, step }) => {
    const orderId = event.data.orderId;
    await step.run("create-shipment", async () => {
      const { shipment, created } = await createShipmentForOrder(getDb(), { orderId, by });
      return { shipmentId: shipment.id, created };
    });
    const shipAt = await step.run("auto-ship-time", async () => {
      const [order] = await getDb().select({ paidAt: orders.paidAt }).from(orders).where(eq(orders.id, orderId));
      return new Date((order?.paidAt ?? new Date()).getTime() + (await autoShipDelayMs(getDb()))).toISOString();
    });
    const shippedByAdmin = await step.waitForEvent("wait-for-admin-ship", {
      event: "shop/order.status-changed",
      if: "async.data.orderId == event.data.orderId && async.data.to == 'shipped'",
      timeout: new Date(shipAt),
    });
    const shipped = await step.run("ship", async () => {
      const [order] = await getDb().select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
      if (order?.status !== "paid") return { status: order?.status ?? "missing", shipped: false };
      const shipment = await shipOrder(getDb(), { orderId, by: { ...by, reason: because("shipment.auto_ship_due") }, now: new Date() });
      return { status: shipment.status, shipped: true };
    });
    if (!shippedByAdmin && !shipped.shipped && shipped.status !== "shipped") return { orderId, outcome: `not-shipped:${shipped.status}` };

    for (let i = 0; i < MAX_TRACKING_STEPS; i++) {
      const next = await step.run(`next-checkpoint-${i}`, () => nextTrackingStep(orderId));
      if (next.done) return { orderId, outcome: next.status };
      await step.sleepUntil(`wait-checkpoint-${i}`, new Date(next.dueAt));
      // Recorded as of the real clock, never as of the instant we meant to wake at: a step that
      // runs early records nothing (the next round sleeps again), so no scan is dated ahead.
      await step.run(`record-checkpoint-${i}`, async () => {
        const result = await recordDueForOrder(getDb(), { orderId, by: { ...by, reason: because("shipment.checkpoint_due") }, now: new Date() });
        return { status: result?.shipment.status ?? "none", moved: result?.transitions.length ?? 0 };
      });
    }
    return { orderId, outcome: "handed-to-sweep" };
  },
);
