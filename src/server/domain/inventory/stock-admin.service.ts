import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/server/db/client";
import { inventory, inventoryMovements, orders, products, users } from "@/server/db/schema";
import { catalogChanged } from "@/server/domain/catalog";
import { DomainError } from "@/server/errors";
import {
  MAX_ON_HAND,
  ZCorrectStockInput,
  ZLowStockInput,
  ZMovementListInput,
  ZReceiveStockInput,
  type CorrectStockInput,
  type LowStockInput,
  type Movement,
  type MovementListInput,
  type ReceiveStockInput,
  type StockLevel,
} from "./inventory.schemas";

export type StockActor = { userId: string };

const levelOf = (row: { productId: string; onHand: number; reserved: number }): StockLevel => ({
  productId: row.productId,
  onHand: row.onHand,
  reserved: row.reserved,
  available: row.onHand - row.reserved,
});

async function assertProduct(db: DbOrTx, productId: string) {
  const [product] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId));
  if (!product) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
}

/**
 * Adds received goods to the shelf with a `receive` movement, in one transaction. One
 * relative update (`on_hand = on_hand + q`), so concurrent receipts and checkouts all count.
 * Not idempotent: each call is one delivery.
 */
export async function receiveStock(db: Database, { input, by }: { input: ReceiveStockInput; by: StockActor }): Promise<StockLevel> {
  const data = ZReceiveStockInput.parse(input);
  return db.transaction(async (tx) => {
    await assertProduct(tx, data.productId);
    const [row] = await tx
      .insert(inventory)
      .values({ productId: data.productId, onHand: data.quantity })
      .onConflictDoUpdate({
        target: inventory.productId,
        set: { onHand: sql`${inventory.onHand} + ${data.quantity}` },
        setWhere: sql`${inventory.onHand} <= ${MAX_ON_HAND - data.quantity}`,
      })
      .returning();
    if (!row) throw new DomainError("VALIDATION_FAILED", "That would put more on the shelf than the shop can count", { quantity: ["That quantity is too large"] });
    await tx.insert(inventoryMovements).values({ productId: data.productId, kind: "receive", quantity: data.quantity, actorId: by.userId, note: data.note || null });
    catalogChanged(tx);
    return levelOf(row);
  });
}

/**
 * Sets the on-hand count to what was counted, with a reason, as an `adjust` movement of the
 * difference. One conditional update: it applies only if on-hand is still what the admin saw
 * (else CONCURRENT_UPDATE) and the new count still covers every reservation held by unpaid or
 * unshipped orders (else STOCK_BELOW_RESERVED), so it can never make available stock
 * negative, whatever checkout runs at the same moment.
 */
export async function correctStock(db: Database, { input, by }: { input: CorrectStockInput; by: StockActor }): Promise<StockLevel> {
  const data = ZCorrectStockInput.parse(input);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(inventory)
      .set({ onHand: data.onHand })
      .where(and(eq(inventory.productId, data.productId), eq(inventory.onHand, data.expectedOnHand), sql`${inventory.reserved} <= ${data.onHand}`))
      .returning();
    if (!updated) {
      const [current] = await tx.select().from(inventory).where(eq(inventory.productId, data.productId));
      if (!current) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
      if (current.onHand !== data.expectedOnHand) {
        throw new DomainError("CONCURRENT_UPDATE", "The stock changed since you looked; check the new figures and count again", undefined, {
          params: { onHand: current.onHand },
        });
      }
      throw new DomainError(
        "STOCK_BELOW_RESERVED",
        `Orders hold ${current.reserved}; the count cannot be lower`,
        { onHand: [`At least ${current.reserved}: orders hold that many`] },
        { params: { reserved: current.reserved } },
      );
    }
    const delta = data.onHand - data.expectedOnHand;
    await tx.insert(inventoryMovements).values({ productId: data.productId, kind: "adjust", quantity: delta, actorId: by.userId, note: data.reason });
    catalogChanged(tx);
    return levelOf(updated);
  });
}

/** One product's stock figures; PRODUCT_NOT_FOUND without a stock record. */
export async function getStockLevel(db: DbOrTx, productId: string): Promise<StockLevel> {
  const [row] = await db.select().from(inventory).where(eq(inventory.productId, productId));
  if (!row) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
  return levelOf(row);
}

/** A product's stock movements (receipts, reservations, releases, sales, returns, corrections), newest first. */
export async function listMovements(db: DbOrTx, rawInput: MovementListInput) {
  const input = ZMovementListInput.parse(rawInput);
  const where = and(eq(inventoryMovements.productId, input.productId), input.kind ? eq(inventoryMovements.kind, input.kind) : undefined);
  const rows = await db
    .select({
      id: inventoryMovements.id,
      kind: inventoryMovements.kind,
      quantity: inventoryMovements.quantity,
      orderId: inventoryMovements.orderId,
      orderNo: orders.orderNo,
      actorName: users.name,
      note: inventoryMovements.note,
      createdAt: inventoryMovements.createdAt,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(inventoryMovements)
    .leftJoin(orders, eq(orders.id, inventoryMovements.orderId))
    .leftJoin(users, eq(users.id, inventoryMovements.actorId))
    .where(where)
    .orderBy(desc(inventoryMovements.createdAt), desc(inventoryMovements.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items: Movement[] = rows.map(({ total: _t, ...row }) => row);
  return { items, total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}

/** Products (not archived) whose available stock is at or below their threshold, emptiest first. */
export async function listLowStock(db: DbOrTx, rawInput: LowStockInput) {
  const input = ZLowStockInput.parse(rawInput);
  const available = sql<number>`(${inventory.onHand} - ${inventory.reserved})::int`;
  const rows = await db
    .select({
      productId: products.id,
      sku: products.sku,
      nameEn: products.name,
      nameZh: products.nameZh,
      visible: products.active,
      onHand: inventory.onHand,
      reserved: inventory.reserved,
      available,
      lowStockThreshold: products.lowStockThreshold,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(products)
    .innerJoin(inventory, eq(inventory.productId, products.id))
    .where(and(isNull(products.archivedAt), sql`${inventory.onHand} - ${inventory.reserved} <= ${products.lowStockThreshold}`))
    .orderBy(asc(available), asc(products.sku))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items: rows.map(({ total: _t, ...row }) => row), total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}
