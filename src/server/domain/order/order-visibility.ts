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

/**
 * What the payment section of an order page needs of the order itself (its state, money and
 * deadline), or null when the order is not `userId`'s: one primary-key read instead of the whole
 * order view, which the page reads anyway in the same batch. Built once.
 */
export async function shopperOrderTerms(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }) {
  const query = prepared(db, "shopper-order-terms", (d) =>
    d
      .select({ id: orders.id, status: orders.status, currency: orders.currency, payableTotalMinor: orders.payableTotalMinor, paymentDeadlineAt: orders.paymentDeadlineAt })
      .from(orders)
      .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.userId, sql.placeholder("userId"))))
      .prepare("shopper_order_terms"),
  );
  const [terms] = await query.execute({ orderId, userId });
  return terms ?? null;
}
