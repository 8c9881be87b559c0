import { because } from "@/lib/audit-reasons";
import { getDb } from "@/server/db/client";
import { findRefund } from "@/server/domain/payment";
import { compensateRefundedOrder } from "@/server/flows/refund-compensation";
import { resolveRefund, submitRefund } from "@/server/flows/refund-submit";
import { EVENT_FUNCTIONS } from "../catalog";
import { inngest } from "../client";
import { refundStatusChanged } from "../events";

const spec = EVENT_FUNCTIONS.refundProcessing;

/** How long to wait for the gateway's refund notification before asking it directly. */
export const REFUND_SETTLEMENT_TIMEOUT = "30m";

/**
 * Refund processing: submits the approved refund to the gateway (idempotent: key = refund_sn),
 * waits for its asynchronous result (the notification handler settles it); without one in
 * time, queries the gateway and applies the answer. Finally the compensation step: a fully
 * refunded order that never shipped has its shipment cancelled and its reserved stock released
 * (already done in the settlement transaction; the step re-checks, changing nothing twice).
 */
export const refundProcessing = inngest.createFunction(
  {
    id: spec.id,
    name: "Refund processing",
    triggers: [{ event: refundStatusChanged, if: spec.if }],
    idempotency: "event.data.refundId",
    concurrency: { key: "event.data.orderId", limit: 1 },
    retries: 5,
  },
  async ({ event, step }) => {
    const { refundId, orderId } = event.data;
    const submitted = await step.run("submit-refund", () => submitRefund(getDb(), { refundId }));
    if (submitted.status === "approved") throw new Error("the gateway did not answer; retrying the submission");
    if (submitted.status === "processing") {
      const settled = await step.waitForEvent("wait-for-settlement", {
        event: "shop/refund.status-changed",
        if: "async.data.refundId == event.data.refundId && (async.data.to == 'succeeded' || async.data.to == 'failed')",
        timeout: REFUND_SETTLEMENT_TIMEOUT,
      });
      if (!settled) {
        const resolved = await step.run("query-gateway", async () => {
          const refund = await findRefund(getDb(), refundId);
          if (!refund || refund.status !== "processing") return refund?.status ?? "missing";
          return resolveRefund(getDb(), { refund, by: { actor: "workflow", reason: because("refund.result_fetched") } });
        });
        if (resolved === "pending") throw new Error("the gateway is still processing the refund");
      }
    }
    const compensation = await step.run("compensate-unshipped-order", () => compensateRefundedOrder(getDb(), { orderId }));
    const refund = await step.run("refund-result", async () => (await findRefund(getDb(), refundId))?.status ?? "missing");
    return { refundId, outcome: refund, ...compensation };
  },
);
