import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { orderAdminActions, orderStatusLog } from "@/server/db/schema";
import { currentRequestContext } from "@/server/observability/request-context";

export type OrderAdminAction = (typeof orderAdminActions.$inferSelect)["action"];

/** Records what an admin did to an order, in the caller's transaction (append-only audit row). */
export async function recordOrderAdminAction(
  tx: Tx,
  { orderId, action, adminId, data = {} }: { orderId: string; action: OrderAdminAction; adminId: string | null; data?: Record<string, string | number | null> },
) {
  const [row] = await tx
    .insert(orderAdminActions)
    .values({ orderId, action, adminId, data, requestId: currentRequestContext()?.requestId ?? null })
    .returning();
  return row!;
}

/** The order's own history for its timeline: status changes and admin actions, one query each (by the order's index). */
export async function orderTimelineRows(db: DbOrTx, orderId: string) {
  const [statusLog, adminActions] = await Promise.all([
    db.select().from(orderStatusLog).where(eq(orderStatusLog.orderId, orderId)),
    db.select().from(orderAdminActions).where(eq(orderAdminActions.orderId, orderId)),
  ]);
  return { statusLog, adminActions };
}
