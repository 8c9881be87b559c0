import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { orders } from "@/server/db/schema";

/**
 * Whether `orderId` is one of `userId`'s orders: the one read the gateway makes before it serves
 * an order page's shell (the same for every order), so another shopper's order and an unknown
 * id answer 404 before anything renders. One primary-key lookup, built once. Read-only.
 */
export async function isShopperOrder(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }): Promise<boolean> {
  const query = prepared(db, "is-shopper-order", (d) =>
    d
      .select({ one: sql<number>`1` })
      .from(orders)
      .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.userId, sql.placeholder("userId"))))
      .limit(1)
      .prepare("is_shopper_order"),
  );
  return (await query.execute({ orderId, userId })).length > 0;
}
