import type { Database } from "@/server/db/client";
import { pruneTaskRuns } from "@/server/domain/lifecycle";
import { countStaleOutboxEvents, nextOutboxEventDueAt, relayOutbox, relayOutboxBacklog, type OutboxDelivery } from "@/server/events";
import type { Sweep } from "@/server/scheduler/sweep";
import { autoShipDelayMs, createMissingShipments, shipOverdueOrders } from "./auto-ship";
import { expireOverdueOrders } from "./expire-order-payment";
import { confirmOverdueReceipts } from "./receipt";

/**
 * Housekeeping of old task runs needs no 5-second rhythm (it keeps two days): at most every
 * 10 minutes of the sweep clock, per process.
 */
const PRUNE_EVERY_MS = 10 * 60_000;

/** How often the reconciliation runs (its cron below). */
export const RECONCILIATION_EVERY_MS = 5_000;
let lastPruneAt: number | undefined;

/**
 * The order lifecycle's reconciliation: everything overdue is applied through the same
 * idempotent domain operations the durable flows call, each item claimed with
 * `FOR UPDATE SKIP LOCKED` (two instances, or a sweep and a flow, never do the same row twice):
 *   orders past their payment window → closed (every 5 s: at the largest time scale abandoned
 *     orders fall due as fast as they are made);
 *   paid orders past the auto-ship delay → shipped (picked up, tracking planned);
 *   other paid orders without a shipment → shipment created;
 *   delivered orders past the receipt window → completed;
 *   undelivered outbox events → relayed again;
 * plus housekeeping of old successful task runs. (Stuck payments and refunds, the gateway ledger
 * and due tracking checkpoints have their own sweeps.) Each step stops at its limit or after
 * SWEEP_STEP_BUDGET_MS; the next run takes the rest. Expiry, shipping and confirmation run side
 * by side: each claims its own rows, as two reconciliations at once do (lifecycle.test.ts).
 */
export async function reconcileLifecycle(db: Database, { now, deliver }: { now: Date; deliver: OutboxDelivery }) {
  // Steps over different orders run side by side (unpaid, paid, delivered): one after another,
  // each with its budget, a run took their sum and each step got a third of the sweep's time.
  // Paid orders past the auto-ship delay are shipped first (shipping creates the shipment it
  // needs, in the same transaction). Then, when orders wait longer than a run for their
  // auto-ship, the others get their shipment ahead, so admins see them waiting. When the delay
  // is shorter than the runs' own rhythm, the next run ships them before anyone could look: at
  // the largest time scale (18 ms) every order paid during a run had its shipment created, then
  // was shipped by the next run — a transaction more per order, and half of the step's time.
  const shipmentsAhead = (await autoShipDelayMs(db)) > RECONCILIATION_EVERY_MS;
  const [expired, [shipped, shipments], confirmed] = await Promise.all([
    expireOverdueOrders({ db, now }),
    shipOverdueOrders(db, { now }).then(async (done) => [done, shipmentsAhead ? await createMissingShipments(db) : { processed: 0, created: 0 }] as const),
    confirmOverdueReceipts(db, { now }),
  ]);
  const staleEvents = await countStaleOutboxEvents(db, { now });
  const relayed = staleEvents > 0 ? await relayOutbox(db, { deliver, now }) : { processed: 0, delivered: 0 };
  let pruned = 0;
  if (lastPruneAt === undefined || now.getTime() - lastPruneAt >= PRUNE_EVERY_MS || now.getTime() < lastPruneAt) {
    pruned = await pruneTaskRuns(db, { now });
    lastPruneAt = now.getTime();
  }
  return {
    processed: expired.processed + shipments.processed + shipped.processed + confirmed.processed + relayed.processed,
    details: {
      expired: expired.expired,
      shipmentsCreated: shipments.created,
      shipped: shipped.shipped,
      autoConfirmed: confirmed.confirmed,
      outboxRedelivered: relayed.delivered,
      taskRunsPruned: pruned,
    },
  };
}

/** The lifecycle sweeps, given how outbox events are delivered in the active mode. */
export function lifecycleSweeps(deliverFor: (db: Database) => OutboxDelivery): Sweep[] {
  return [
    {
      id: "lifecycle-outbox-relay",
      description: "Relay new domain events from the outbox (to Inngest, or to the local consumers)",
      // Woken when an event commits and when a failed one's retry falls due; the cron is the safety poll.
      cron: "*/30 * * * * *",
      run: async ({ db, now }) => {
        const result = await relayOutboxBacklog(db, { deliver: deliverFor(db), now });
        return { processed: result.processed, details: { delivered: result.delivered, failed: result.failed } };
      },
      wake: { queue: "outbox", nextDueAt: ({ db, now }) => nextOutboxEventDueAt(db, { now }) },
    },
    {
      id: "lifecycle-reconciliation",
      description: "Close orders past their payment window, ship orders past the auto-ship delay, auto-confirm deliveries past the receipt window, re-relay stuck events",
      cron: `*/${RECONCILIATION_EVERY_MS / 1000} * * * * *`,
      run: ({ db, now }) => reconcileLifecycle(db, { now, deliver: deliverFor(db) }),
    },
  ];
}
