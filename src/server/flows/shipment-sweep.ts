import { because } from "@/lib/audit-reasons";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { orders, shipmentCheckpoints, shipments } from "@/server/db/schema";
import type { Sweep } from "@/server/scheduler/sweep";
import { prepared } from "@/server/db/prepared";
import { SWEEP_STEP_BUDGET_MS, claimEach, uuidArray } from "./claim-each";
import { recordDueForShipment } from "./shipment";

/** Shipments per run: a backlog at the largest time scale is taken in a few runs (each within its budget). */
const BATCH = 1_000;
/** Shipments recorded side by side in one run. */
const LANES = 2;

/**
 * Records every tracking checkpoint that has come due, one shipment per transaction, two
 * transactions at a time, up to BATCH shipments or the budget per run. Each
 * shipment is claimed together with its order (`FOR UPDATE OF s, o SKIP LOCKED`), so two
 * instances — or this sweep and an admin action — never work on the same parcel at once, and
 * the lock order (order, then shipment) matches every other shipment flow. Idempotent: a run
 * that finds nothing due does nothing; a late run records everything it missed, in order.
 */
export async function recordDueCheckpointsForAll(
  db: Database,
  { now, limit = BATCH, budgetMs = SWEEP_STEP_BUDGET_MS * 2, lanes = LANES }: { now: Date; limit?: number; budgetMs?: number; lanes?: number },
) {
  // One plain read first: with nothing due, no transaction is opened at all. Ordered by the due
  // time so the planner walks the due-checkpoint index from its oldest entry; without the order,
  // a bare LIMIT 1 sometimes looked cheaper as a sequential scan of every checkpoint.
  const [any] = await db.execute(sql`
    select 1 from shipment_checkpoints c
    where c.recorded_at is null and not c.skipped and not c.held and c.seq is not null and c.due_at <= ${now.toISOString()}::timestamptz
    order by c.due_at
    limit 1`);
  if (!any) return { processed: 0, details: { statusChanges: 0 } };
  // A few claims side by side, as a few instances would run (SKIP LOCKED keeps them apart): a
  // shipment's transaction waits on PostgreSQL most of its time.
  const done = await claimEach(db, {
    limit,
    budgetMs,
    lanes,
    // Driven by the due-checkpoint index (oldest due first): with nothing due it reads one index
    // page, however many parcels are on the road. Both rows come whole with their locks:
    // recording reads neither again. Built once, with and without shipments already seen
    // (prepared.ts).
    claim: async (tx, seen) => {
      const [row] = await prepared(tx, `claim-due-shipment:${seen.length ? "more" : "first"}`, (d) =>
        d
          .select({ shipment: shipments, order: orders })
          .from(shipmentCheckpoints)
          .innerJoin(shipments, eq(shipments.id, shipmentCheckpoints.shipmentId))
          .innerJoin(orders, eq(orders.id, shipments.orderId))
          .where(sql`${shipmentCheckpoints.recordedAt} is null and not ${shipmentCheckpoints.skipped} and not ${shipmentCheckpoints.held} and ${shipmentCheckpoints.seq} is not null
          and ${shipmentCheckpoints.dueAt} <= ${sql.placeholder("now")}::timestamptz
          and ${shipments.status} in ('picked_up', 'in_transit', 'out_for_delivery', 'delivery_attempt_failed')
          ${seen.length ? sql`and ${shipments.id} <> all(${sql.placeholder("seen")}::uuid[])` : sql``}`)
          .orderBy(shipmentCheckpoints.dueAt)
          .limit(1)
          .for("update", { of: [shipments, orders], skipLocked: true })
          .prepare("claim_due_shipment"),
      ).execute({ now: now.toISOString(), seen: uuidArray(seen) });
      return row && { id: row.shipment.id, ...row };
    },
    apply: (tx, { order, shipment }) => recordDueForShipment(tx, { order, shipment, now, by: { actor: "system", reason: because("shipment.checkpoint_due") } }),
  });
  const moved = done.reduce((sum, { result }) => sum + result.transitions.length, 0);
  return { processed: done.length, details: { statusChanges: moved } };
}

export const recordDueCheckpointsSweep: Sweep = {
  id: "logistics-record-due-checkpoints",
  description: "Records tracking checkpoints whose time has come and moves shipment and order status",
  cron: "*/10 * * * * *",
  run: ({ db, now }) => recordDueCheckpointsForAll(db, { now }),
};
