import { because } from "@/lib/audit-reasons";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { orders } from "@/server/db/schema";
import { lifecycleDurations, lifecycleSettings } from "@/server/domain/lifecycle";
import { canTransition, getShopperOrder, lockOrder, transitionOrder, type ActorRef } from "@/server/domain/order";
import { simulationSettings } from "@/server/domain/simulation";
import { DomainError } from "@/server/errors";
import { claimDueOrder, claimEach } from "./claim-each";

/** Real length of the receipt window under the current settings and time scale. */
export async function receiptWindowMs(db: Database | Tx): Promise<number> {
  const [settings, sim] = await Promise.all([lifecycleSettings.get(db), simulationSettings.get(db)]);
  return lifecycleDurations(settings, sim.timeScale).receiptWindowMs;
}

/** The instant a delivered order is confirmed automatically. */
export async function receiptDeadline(db: Database | Tx, deliveredAt: Date): Promise<Date> {
  return new Date(deliveredAt.getTime() + (await receiptWindowMs(db)));
}

/**
 * The shopper confirms they received a delivered order: delivered → completed, in one
 * transaction with its status-log row and outbox event. Ownership first (ORDER_NOT_FOUND for
 * anyone else's order); idempotent once completed; INVALID_TRANSITION from any other status.
 */
export async function confirmReceipt(db: Database, { userId, orderId }: { userId: string; orderId: string }) {
  await getShopperOrder(db, { userId, orderId });
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order.userId !== userId) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
    if (order.status === "completed") return { id: orderId, status: "completed" as const, changed: false };
    await transitionOrder(tx, { orderId, to: "completed", by: { actor: "shopper", actorId: userId, reason: because("receipt.confirmed_by_shopper") } });
    return { id: orderId, status: "completed" as const, changed: true };
  });
}

type LockedOrder = Awaited<ReturnType<typeof lockOrder>>;

/** `locked`: the order as the caller read it under its row lock (the sweep's claim), not read again. */
async function autoConfirmInTx(tx: Tx, { orderId, now, by, locked }: { orderId: string; now: Date; by: ActorRef; locked?: LockedOrder }) {
  const order = locked?.id === orderId ? locked : await lockOrder(tx, orderId);
  if (order.status !== "delivered" || !order.deliveredAt) return { changed: false, status: order.status };
  const deadline = await receiptDeadline(tx, order.deliveredAt);
  if (deadline > now) throw new DomainError("INVALID_TRANSITION", "The receipt window of this order is still open");
  if (!canTransition(order.status, "completed")) return { changed: false, status: order.status };
  await transitionOrder(tx, { orderId, to: "completed", by, locked: order });
  return { changed: true, status: "completed" };
}

/**
 * Confirms a delivered order whose receipt window has passed (by `now`). No-op for an order no
 * longer delivered (confirmed by the shopper, refunding...); INVALID_TRANSITION while the window
 * is still open. Idempotent.
 */
export async function autoConfirmReceipt(
  db: Database,
  { orderId, now = new Date(), by = { actor: "system", reason: because("receipt.auto_confirmed") } }: { orderId: string; now?: Date; by?: ActorRef },
) {
  return db.transaction((tx) => autoConfirmInTx(tx, { orderId, now, by }));
}

/** Every delivered order past its receipt window, confirmed one per transaction (claimed with SKIP LOCKED). */
export async function confirmOverdueReceipts(db: Database, { now, limit = 1_000 }: { now: Date; limit?: number }) {
  const windowMs = await receiptWindowMs(db);
  const cutoff = new Date(now.getTime() - windowMs);
  // One plain read first: with nothing due, no transaction is opened at all.
  const [any] = await db.execute(sql`select 1 from orders where status = 'delivered' and delivered_at <= ${cutoff.toISOString()}::timestamptz limit 1`);
  if (!any) return { processed: 0, confirmed: 0 };
  const done = await claimEach(db, {
    limit,
    // The whole row is claimed (and locked): confirming reads nothing of the order again.
    claim: (tx, seen) => claimDueOrder(tx, seen, { status: "delivered", dueAt: orders.deliveredAt, cutoff }),
    apply: (tx, row) => autoConfirmInTx(tx, { orderId: row.id, now, locked: row, by: { actor: "system", reason: because("receipt.auto_confirmed") } }),
  });
  return { processed: done.length, confirmed: done.filter((d) => d.result.changed).length };
}
