import { because } from "@/lib/audit-reasons";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { orders } from "@/server/db/schema";
import { lifecycleDurations, lifecycleSettings } from "@/server/domain/lifecycle";
import { lockOrder, type ActorRef } from "@/server/domain/order";
import { simulationSettings } from "@/server/domain/simulation";
import { DomainError, isDomainError } from "@/server/errors";
import { SWEEP_STEP_BUDGET_MS, claimDueOrder, claimEach } from "./claim-each";
import { createShipmentForOrder, shipOrderInTx } from "./shipment";

/** Real length of the auto-ship delay under the current settings and time scale. */
export async function autoShipDelayMs(db: Database | Tx): Promise<number> {
  const [settings, sim] = await Promise.all([lifecycleSettings.get(db), simulationSettings.get(db)]);
  return lifecycleDurations(settings, sim.timeScale).autoShipDelayMs;
}

type LockedOrder = Awaited<ReturnType<typeof lockOrder>>;

/** `locked`: the order as the caller read it under its row lock (the sweep's claim), not read again. */
async function autoShipInTx(tx: Tx, { orderId, now, by, locked }: { orderId: string; now: Date; by: ActorRef; locked?: LockedOrder }) {
  const order = locked?.id === orderId ? locked : await lockOrder(tx, orderId);
  if (order.status !== "paid" || !order.paidAt) return { changed: false, status: order.status };
  const due = new Date(order.paidAt.getTime() + (await autoShipDelayMs(tx)));
  if (due > now) throw new DomainError("INVALID_TRANSITION", "The auto-ship delay of this order has not passed yet");
  const shipment = await shipOrderInTx(tx, { orderId, by, now, locked: order });
  return { changed: shipment.status === "picked_up", status: "shipped" };
}

/**
 * Ships a paid order once its auto-ship delay has passed (by `now`): creates the shipment if
 * needed, picks it up, order → shipped, stock committed — one transaction. No-op for an order
 * that is no longer paid (an admin shipped it, a refund is under way); INVALID_TRANSITION before
 * the delay. Idempotent.
 */
export async function autoShipOrder(
  db: Database,
  { orderId, now = new Date(), by = { actor: "system", reason: because("shipment.auto_ship_due") } }: { orderId: string; now?: Date; by?: ActorRef },
) {
  return db.transaction((tx) => autoShipInTx(tx, { orderId, now, by }));
}

/**
 * Paid orders without a shipment get one (so admins see them in the queue while they wait for
 * the auto-ship delay); idempotent. The order's logistics mirror is 'none' until its shipment
 * exists (set in the shipment's own transaction), so an index holding just those orders answers
 * without reading the others.
 */
export async function createMissingShipments(db: Database, { limit = 1_000, budgetMs = SWEEP_STEP_BUDGET_MS }: { limit?: number; budgetMs?: number } = {}) {
  let created = 0;
  let processed = 0;
  const until = Date.now() + budgetMs;
  // Pages of 100 (a short index walk each), the next while a whole page got its shipment.
  for (;;) {
    const page = Math.min(100, limit - processed);
    const rows = await db.execute<{ id: string }>(sql`
      select o.id from orders o
      where o.status = 'paid' and o.logistics_status = 'none' and not exists (select 1 from shipments s where s.order_id = o.id)
      order by o.paid_at limit ${page}`);
    let createdOfPage = 0;
    for (const { id } of rows) {
      if (Date.now() >= until) return { processed, created };
      processed++;
      const result = await createShipmentForOrder(db, { orderId: id, by: { actor: "system", reason: because("shipment.order_paid") } });
      if (result.created) createdOfPage++;
    }
    created += createdOfPage;
    if (rows.length < page || createdOfPage < rows.length || processed >= limit) return { processed, created };
  }
}

/**
 * Shipping lanes: a pickup is the heaviest transaction of a life (shipment, route plan, courier,
 * stock commit), and at the largest time scale every paid order is due at once. One lane shipped
 * 60–170 orders per 3 s budget on a busy machine while 40 a second were paid.
 */
const SHIP_LANES = 3;

/** Every paid order past its auto-ship delay, shipped one per transaction (claimed with SKIP LOCKED), a few side by side. */
export async function shipOverdueOrders(db: Database, { now, limit = 1_000, lanes = SHIP_LANES }: { now: Date; limit?: number; lanes?: number }) {
  const cutoff = new Date(now.getTime() - (await autoShipDelayMs(db)));
  // One plain read first: with nothing due, no transaction is opened at all.
  const [any] = await db.execute(sql`select 1 from orders where status = 'paid' and paid_at <= ${cutoff.toISOString()}::timestamptz limit 1`);
  if (!any) return { processed: 0, shipped: 0 };
  const done = await claimEach(db, {
    limit,
    lanes,
    // The whole row is claimed (and locked): shipping reads nothing of the order again.
    claim: (tx, seen) => claimDueOrder(tx, seen, { status: "paid", dueAt: orders.paidAt, cutoff }),
    apply: async (tx, row) => {
      try {
        return await autoShipInTx(tx, { orderId: row.id, now, locked: row, by: { actor: "system", reason: because("shipment.auto_ship_due") } });
      } catch (error) {
        // No carrier for the destination: leave it for an admin instead of failing the batch.
        if (isDomainError(error, "NO_SHIPPING_OPTION")) return { changed: false, status: "paid" };
        throw error;
      }
    },
  });
  return { processed: done.length, shipped: done.filter((d) => d.result.changed).length };
}
