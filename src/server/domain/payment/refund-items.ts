import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { orderItems, refundItems, refunds } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { RefundableItem, RefundItem, RefundItemInput } from "./payment.schemas";

/** Refunds in these states no longer hold their items (nor their money). */
const RELEASED = ["rejected", "failed"] as const;

/**
 * The order's items with what refunds hold of each (requested, approved, processing or
 * succeeded) and what can still be refunded. Inside a transaction that locked the order, the
 * figures cannot move until it commits: every refund of an order locks the order first.
 */
export async function refundableItemsOf(db: DbOrTx, orderId: string): Promise<RefundableItem[]> {
  // Built once: the order page's payment section and every refund ask for it.
  const query = prepared(db, "refundable-items-of-order", (d) => {
    const held = d
      .select({ orderItemId: refundItems.orderItemId, quantity: sql<number>`sum(${refundItems.quantity})::int`.as("held_quantity") })
      .from(refundItems)
      .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
      .where(and(eq(refunds.orderId, sql.placeholder("orderId")), notInArray(refunds.status, [...RELEASED])))
      .groupBy(refundItems.orderItemId)
      .as("held");
    return d
      .select({
        orderItemId: orderItems.id,
        name: orderItems.name,
        nameZh: orderItems.nameZh,
        unitPriceMinor: orderItems.unitPriceMinor,
        quantity: orderItems.quantity,
        refundedQuantity: sql<number>`coalesce(${held.quantity}, 0)::int`,
      })
      .from(orderItems)
      .leftJoin(held, eq(held.orderItemId, orderItems.id))
      .where(eq(orderItems.orderId, sql.placeholder("orderId")))
      .orderBy(asc(orderItems.id))
      .prepare("refundable_items_of_order");
  });
  const rows = await query.execute({ orderId });
  return rows.map((row) => ({ ...row, refundableQuantity: Math.max(row.quantity - row.refundedQuantity, 0) }));
}

/** The items of each of the order's refunds, by refund (none for a refund by amount). */
export async function refundItemsOfOrder(db: DbOrTx, orderId: string): Promise<Map<string, RefundItem[]>> {
  const query = prepared(db, "refund-items-of-order", (d) =>
    d
      .select({ refundId: refundItems.refundId, orderItemId: refundItems.orderItemId, quantity: refundItems.quantity, amountMinor: refundItems.amountMinor })
      .from(refundItems)
      .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
      .where(eq(refunds.orderId, sql.placeholder("orderId")))
      .orderBy(asc(refundItems.createdAt), asc(refundItems.id))
      .prepare("refund_items_of_order"),
  );
  const byRefund = new Map<string, RefundItem[]>();
  for (const { refundId, ...item } of await query.execute({ orderId })) byRefund.set(refundId, [...(byRefund.get(refundId) ?? []), item]);
  return byRefund;
}

/**
 * Checks picked items against the (locked) order and prices them at what was paid for them:
 * each must be an item of this order (REFUND_ITEM_NOT_IN_ORDER) and its quantity at most what
 * was bought less what refunds already hold (REFUND_ITEM_QUANTITY_EXCEEDED). The refund's
 * amount is the items' value, or `amountMinor` when that is less (more is
 * REFUND_AMOUNT_ABOVE_ITEMS), shared out over the items in proportion to their value (largest
 * remainders, so the shares add up exactly). Call with the order row locked.
 */
export async function priceRefundItems(
  tx: Tx,
  { orderId, items, amountMinor }: { orderId: string; items: RefundItemInput[]; amountMinor?: number },
): Promise<{ amountMinor: number; items: RefundItem[] }> {
  const current = new Map((await refundableItemsOf(tx, orderId)).map((item) => [item.orderItemId, item]));
  const picked = items.map((item, index) => {
    const known = current.get(item.orderItemId);
    if (!known) {
      throw new DomainError("REFUND_ITEM_NOT_IN_ORDER", "This item is not part of the order", { [`items.${index}.orderItemId`]: ["This item is not part of the order"] });
    }
    if (item.quantity > known.refundableQuantity) {
      throw new DomainError(
        "REFUND_ITEM_QUANTITY_EXCEEDED",
        `At most ${known.refundableQuantity} of ${known.name} can still be refunded`,
        { [`items.${index}.quantity`]: [`At most ${known.refundableQuantity}`] },
        { params: { name: known.name, nameZh: known.nameZh, refundable: known.refundableQuantity } },
      );
    }
    return { orderItemId: item.orderItemId, quantity: item.quantity, valueMinor: known.unitPriceMinor * item.quantity };
  });
  const valueMinor = picked.reduce((sum, item) => sum + item.valueMinor, 0);
  const amount = amountMinor ?? valueMinor;
  if (amount > valueMinor) {
    throw new DomainError("REFUND_AMOUNT_ABOVE_ITEMS", `The picked items are worth ${valueMinor}; refund at most that`, { amountMinor: [`At most ${valueMinor}`] }, { params: { maxMinor: valueMinor } });
  }
  return { amountMinor: amount, items: shareOut(amount, picked) };
}

/** `amount` split over items in proportion to their value; whole minor units that add up to `amount`. */
export function shareOut(amount: number, items: { orderItemId: string; quantity: number; valueMinor: number }[]): RefundItem[] {
  const total = items.reduce((sum, item) => sum + item.valueMinor, 0);
  if (total === 0) return items.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity, amountMinor: 0 }));
  const shares = items.map((item) => {
    const exact = (amount * item.valueMinor) / total;
    return { item, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = amount - shares.reduce((sum, share) => sum + share.floor, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (left === 0) break;
    share.floor += 1;
    left -= 1;
  }
  return shares.map((share) => ({ orderItemId: share.item.orderItemId, quantity: share.item.quantity, amountMinor: share.floor }));
}

/** Stores a refund's items (inside the transaction that inserts the refund). */
export async function insertRefundItems(tx: Tx, refundId: string, items: RefundItem[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(refundItems).values(items.map((item) => ({ refundId, ...item })));
}
