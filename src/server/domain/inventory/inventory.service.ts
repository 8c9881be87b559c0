import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { insertBeforeCommit } from "@/server/db/commit-batch";
import { prepared } from "@/server/db/prepared";
import { inventory, inventoryMovements, orderItems, products } from "@/server/db/schema";
import { catalogChanged } from "@/server/domain/catalog";
import { DomainError } from "@/server/errors";

export type StockLine = { productId: string; quantity: number };

/** Merges duplicate lines and sorts by product id, so concurrent orders lock rows in one order (no deadlocks). */
function normalise(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Holds stock for an order. Each line is one conditional update
 * (`reserved = reserved + q WHERE on_hand - reserved >= q`), so two checkouts can never both
 * take the last unit; a line that cannot be held throws OUT_OF_STOCK and the caller's
 * transaction rolls back every earlier line.
 */
export async function reserveStock(tx: Tx, { orderId, lines }: { orderId: string; lines: StockLine[] }) {
  // One round trip for all lines: the conditional updates are sent together, in product order.
  // Their movement rows go with the transaction's audit rows just before the commit (nothing
  // reads a "reserve" movement back: alreadySettled looks for releases and commits only), so
  // an OUT_OF_STOCK below rolls back before any is written.
  const normalised = normalise(lines);
  // Built once; `updated_at` is given, or the update default would keep the build's time.
  const reserve = prepared(tx, "reserve-stock", (d) =>
    d
      .update(inventory)
      .set({ reserved: sql`${inventory.reserved} + ${sql.placeholder("quantity")}`, updatedAt: sql.placeholder("updatedAt") as never })
      .where(and(eq(inventory.productId, sql.placeholder("productId")), sql`${inventory.onHand} - ${inventory.reserved} >= ${sql.placeholder("quantity")}`))
      .returning({ productId: inventory.productId })
      .prepare("reserve_stock"),
  );
  const updatedAt = new Date();
  const results = await Promise.all(
    normalised.map((line) =>
      Promise.all([
        reserve.execute({ productId: line.productId, quantity: line.quantity, updatedAt }),
        insertBeforeCommit(tx, inventoryMovements, { productId: line.productId, kind: "reserve", quantity: line.quantity, orderId }),
      ]),
    ),
  );
  catalogChanged(tx);
  const short = normalised.find((_, i) => results[i]![0].length === 0);
  if (short) {
    const [product] = await tx.select({ name: products.name }).from(products).where(eq(products.id, short.productId));
    throw new DomainError("OUT_OF_STOCK", `Not enough stock for ${product?.name ?? "this product"}`, {
      [short.productId]: ["Out of stock"],
    });
  }
}

// What shipping, cancelling and refunding do to an order's stock, built once each (prepared.ts).

async function orderLines(tx: Tx, orderId: string): Promise<StockLine[]> {
  const rows = await prepared(tx, "order-stock-lines", (d) =>
    d
      .select({ productId: orderItems.productId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, sql.placeholder("orderId")))
      .prepare("order_stock_lines"),
  ).execute({ orderId });
  return normalise(rows);
}

async function alreadySettled(tx: Tx, orderId: string): Promise<boolean> {
  const [row] = await prepared(tx, "order-stock-settled", (d) =>
    d
      .select({ n: sql<number>`count(*)::int` })
      .from(inventoryMovements)
      .where(and(eq(inventoryMovements.orderId, sql.placeholder("orderId")), inArray(inventoryMovements.kind, ["release", "commit"])))
      .prepare("order_stock_settled"),
  ).execute({ orderId });
  return (row?.n ?? 0) > 0;
}

/** Whether the order's stock was already settled, and its lines: both read in one round trip. */
async function unsettledLines(tx: Tx, orderId: string): Promise<StockLine[] | null> {
  const [settled, lines] = await Promise.all([alreadySettled(tx, orderId), orderLines(tx, orderId)]);
  return settled ? null : lines;
}

/** A settling move of held stock: the line's quantity leaves `reserved` (and `on_hand` when shipped), never below what is held. */
function settleHeld(tx: Tx, kind: "release" | "commit") {
  return prepared(tx, `settle-held-stock:${kind}`, (d) =>
    d
      .update(inventory)
      .set({
        ...(kind === "commit" ? { onHand: sql`${inventory.onHand} - ${sql.placeholder("quantity")}` } : {}),
        reserved: sql`${inventory.reserved} - ${sql.placeholder("quantity")}`,
        updatedAt: sql.placeholder("updatedAt") as never,
      })
      .where(and(eq(inventory.productId, sql.placeholder("productId")), sql`${inventory.reserved} >= ${sql.placeholder("quantity")}`))
      .returning({ productId: inventory.productId })
      .prepare("settle_held_stock"),
  );
}

function insertMovement(tx: Tx) {
  return prepared(tx, "insert-stock-movement", (d) =>
    d
      .insert(inventoryMovements)
      .values({ productId: sql.placeholder("productId"), kind: sql.placeholder("kind"), quantity: sql.placeholder("quantity"), orderId: sql.placeholder("orderId") })
      .prepare("insert_stock_movement"),
  );
}

/**
 * Settles each line's held stock with its movement row. A line's update and movement go out
 * together (a refused update throws, and the caller's transaction rolls the movement back).
 */
async function settleLines(tx: Tx, orderId: string, lines: StockLine[], kind: "release" | "commit"): Promise<void> {
  const update = settleHeld(tx, kind);
  const movement = insertMovement(tx);
  const updatedAt = new Date();
  for (const line of lines) {
    const [updated] = await Promise.all([
      update.execute({ productId: line.productId, quantity: line.quantity, updatedAt }),
      movement.execute({ productId: line.productId, kind, quantity: line.quantity, orderId }),
    ]);
    if (updated.length === 0) throw new DomainError("INVENTORY_INCONSISTENT", "Reserved stock is lower than the order holds");
  }
}

/**
 * Gives an order's held stock back (cancellation, expiry, refund before shipment).
 * Idempotent: an order whose stock was already released or committed is left alone.
 * Call it inside the transaction that changes the order's status, after locking the order row.
 */
export async function releaseOrderStock(tx: Tx, orderId: string): Promise<{ released: boolean }> {
  const lines = await unsettledLines(tx, orderId);
  if (!lines) return { released: false };
  catalogChanged(tx);
  await settleLines(tx, orderId, lines, "release");
  return { released: true };
}

/**
 * Turns an order's held stock into shipped stock (parcel picked up): on_hand and reserved both drop.
 * Idempotent like `releaseOrderStock`.
 */
export async function commitOrderStock(tx: Tx, orderId: string): Promise<{ committed: boolean }> {
  const lines = await unsettledLines(tx, orderId);
  if (!lines) return { committed: false };
  catalogChanged(tx);
  await settleLines(tx, orderId, lines, "commit");
  return { committed: true };
}

/** Puts goods back on the shelf (a returned parcel). Not idempotent by itself: call once per return. */
export async function restockOrder(tx: Tx, orderId: string, note = "returned"): Promise<void> {
  catalogChanged(tx);
  for (const line of await orderLines(tx, orderId)) {
    await tx
      .update(inventory)
      .set({ onHand: sql`${inventory.onHand} + ${line.quantity}` })
      .where(eq(inventory.productId, line.productId));
    await tx.insert(inventoryMovements).values({ productId: line.productId, kind: "restock", quantity: line.quantity, orderId, note });
  }
}

export async function getStock(db: DbOrTx, productId: string) {
  const [row] = await db.select().from(inventory).where(eq(inventory.productId, productId));
  if (!row) throw new DomainError("PRODUCT_NOT_FOUND", "No stock record for this product");
  return { onHand: row.onHand, reserved: row.reserved, available: row.onHand - row.reserved };
}
