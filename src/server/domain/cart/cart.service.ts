import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { cartItems, inventory, products } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { MAX_LINE_QUANTITY, type Cart } from "./cart.schemas";

/** The shopper's cart with current prices and availability (inactive products are left out). */
export async function getCart(db: DbOrTx, userId: string): Promise<Cart> {
  const rows = await db
    .select({
      id: cartItems.id,
      productId: products.id,
      sku: products.sku,
      name: products.name,
      nameZh: products.nameZh,
      imageUrl: products.imageUrl,
      unitPriceMinor: products.priceMinor,
      currency: products.currency,
      quantity: cartItems.quantity,
      weightGrams: products.weightGrams,
      available: sql<number>`coalesce(${inventory.onHand} - ${inventory.reserved}, 0)::int`,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .leftJoin(inventory, eq(inventory.productId, products.id))
    .where(and(eq(cartItems.userId, userId), eq(products.active, true)))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id));
  const lines = rows.map((row) => ({ ...row, lineTotalMinor: row.unitPriceMinor * row.quantity }));
  return {
    lines,
    itemsTotalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    currency: lines[0]?.currency ?? "CNY",
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/** Adds a product (or more of it) to the cart; the line quantity is capped at 99. */
export async function addToCart(db: DbOrTx, { userId, productId, quantity }: { userId: string; productId: string; quantity: number }) {
  const [product] = await db.select({ active: products.active }).from(products).where(eq(products.id, productId));
  if (!product) throw new DomainError("PRODUCT_NOT_FOUND", "This product does not exist");
  if (!product.active) throw new DomainError("PRODUCT_INACTIVE", "This product is no longer sold");
  // Upsert in one statement, so two quick clicks add up instead of racing.
  await db
    .insert(cartItems)
    .values({ userId, productId, quantity: Math.min(quantity, MAX_LINE_QUANTITY) })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.productId],
      set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})`, updatedAt: sql`now()` },
    });
  return getCart(db, userId);
}

export async function updateCartItem(db: DbOrTx, { userId, itemId, quantity }: { userId: string; itemId: string; quantity: number }) {
  const updated = await db
    .update(cartItems)
    .set({ quantity })
    .where(and(eq(cartItems.id, itemId), eq(cartItems.userId, userId)))
    .returning({ id: cartItems.id });
  if (updated.length === 0) throw new DomainError("CART_ITEM_NOT_FOUND", "This item is not in your cart");
  return getCart(db, userId);
}

export async function removeCartItem(db: DbOrTx, { userId, itemId }: { userId: string; itemId: string }) {
  const deleted = await db
    .delete(cartItems)
    .where(and(eq(cartItems.id, itemId), eq(cartItems.userId, userId)))
    .returning({ id: cartItems.id });
  if (deleted.length === 0) throw new DomainError("CART_ITEM_NOT_FOUND", "This item is not in your cart");
  return getCart(db, userId);
}

export async function clearCart(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(cartItems).where(eq(cartItems.userId, userId));
}
