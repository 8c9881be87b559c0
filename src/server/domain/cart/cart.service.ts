import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { cartItems, inventory, products } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { MAX_LINE_QUANTITY, type Cart, type CartLine, type GuestCartLine, type MergeCartOutput } from "./cart.schemas";

/** What a cart line shows of its product: current data and what is available to buy. */
const PRODUCT_LINE_COLUMNS = {
  productId: products.id,
  sku: products.sku,
  name: products.name,
  nameZh: products.nameZh,
  imageUrl: products.imageUrl,
  unitPriceMinor: products.priceMinor,
  currency: products.currency,
  weightGrams: products.weightGrams,
  available: sql<number>`greatest(coalesce(${inventory.onHand} - ${inventory.reserved}, 0), 0)::int`,
};

/** A cart of priced lines, with its totals. */
function cartOf(lines: CartLine[]): Cart {
  return {
    lines,
    itemsTotalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    currency: lines[0]?.currency ?? "CNY",
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/** How many items the shopper's cart holds (the header's count): the cart's lines summed, without reading them. */
export async function countCartItems(db: DbOrTx, userId: string): Promise<number> {
  const query = prepared(db, "cart-item-count", (d) =>
    d
      .select({ count: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
      .from(cartItems)
      .innerJoin(products, eq(products.id, cartItems.productId))
      .where(and(eq(cartItems.userId, sql.placeholder("userId")), eq(products.active, true)))
      .prepare("cart_item_count"),
  );
  const [row] = await query.execute({ userId });
  return row?.count ?? 0;
}

/** The shopper's cart with current prices and availability (inactive products are left out). */
export async function getCart(db: DbOrTx, userId: string): Promise<Cart> {
  // Every cart change answers with the cart: built once, executed with the shopper's id.
  const query = prepared(db, "cart-lines", (d) =>
    d
      .select({
        id: cartItems.id,
        ...PRODUCT_LINE_COLUMNS,
        quantity: cartItems.quantity,
      })
      .from(cartItems)
      .innerJoin(products, eq(products.id, cartItems.productId))
      .leftJoin(inventory, eq(inventory.productId, products.id))
      .where(and(eq(cartItems.userId, sql.placeholder("userId")), eq(products.active, true)))
      .orderBy(asc(cartItems.createdAt), asc(cartItems.id))
      .prepare("cart_lines"),
  );
  const rows = await query.execute({ userId });
  return cartOf(rows.map((row) => ({ ...row, lineTotalMinor: row.unitPriceMinor * row.quantity })));
}

/**
 * Adds a product (or more of it) to the cart; the line quantity is capped at 99. The product
 * check and the upsert are one statement (the insert takes its row from the product, if it is
 * sold), so an add is two round trips with the cart read; why nothing was added is asked only
 * when nothing was. Both statements are built once and executed with their values.
 */
export async function addToCart(db: DbOrTx, { userId, productId, quantity }: { userId: string; productId: string; quantity: number }) {
  // Upsert in one statement, so two quick clicks add up instead of racing.
  const upsert = prepared(db, "cart-add", (d) =>
    d
      .insert(cartItems)
      .select(
        // Every column of the table, in its order (drizzle's rule for an insert from a select).
        d
          .select({
            id: sql`gen_random_uuid()`.as("id"),
            userId: sql`${sql.placeholder("userId")}::uuid`.as("user_id"),
            productId: products.id,
            quantity: sql`${sql.placeholder("quantity")}::int`.as("quantity"),
            createdAt: sql`now()`.as("created_at"),
            updatedAt: sql`now()`.as("updated_at"),
          })
          .from(products)
          .where(and(eq(products.id, sql.placeholder("productId")), eq(products.active, true))),
      )
      .onConflictDoUpdate({
        target: [cartItems.userId, cartItems.productId],
        set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})`, updatedAt: sql`now()` },
      })
      .returning({ added: sql<number>`1` })
      .prepare("cart_add"),
  );
  const added = await upsert.execute({ userId, productId, quantity: Math.min(quantity, MAX_LINE_QUANTITY) });
  if (added.length === 0) {
    const [product] = await db.select({ active: products.active }).from(products).where(eq(products.id, productId));
    if (!product) throw new DomainError("PRODUCT_NOT_FOUND", "This product does not exist");
    throw new DomainError("PRODUCT_INACTIVE", "This product is no longer sold");
  }
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

/** Empties the shopper's cart (checkout, in its transaction). Idempotent. */
export async function clearCart(db: DbOrTx, userId: string): Promise<void> {
  await prepared(db, "cart-clear", (d) => d.delete(cartItems).where(eq(cartItems.userId, sql.placeholder("userId"))).prepare("cart_clear")).execute({ userId });
}

/** Guest lines with one line per product (quantities added up, at most the per-line limit), in first-seen order. */
function combineGuestLines(lines: GuestCartLine[]): GuestCartLine[] {
  const byProduct = new Map<string, number>();
  for (const line of lines) byProduct.set(line.productId, Math.min((byProduct.get(line.productId) ?? 0) + line.quantity, MAX_LINE_QUANTITY));
  return [...byProduct].map(([productId, quantity]) => ({ productId, quantity }));
}

/** Current data and stock of the products on sale among `productIds`. */
async function productsOnSale(db: DbOrTx, productIds: string[]) {
  if (productIds.length === 0) return new Map<string, Omit<CartLine, "id" | "quantity" | "lineTotalMinor">>();
  const rows = await db
    .select(PRODUCT_LINE_COLUMNS)
    .from(products)
    .leftJoin(inventory, eq(inventory.productId, products.id))
    .where(and(inArray(products.id, productIds), eq(products.active, true)));
  return new Map(rows.map((row) => [row.productId, row]));
}

/**
 * A guest's cart (kept in their browser) priced with current product data and stock, in the
 * shape of a shopper's cart; a line's id is its product id. Products no longer on sale are left
 * out, so the browser can forget them. Reads only.
 */
export async function previewGuestCart(db: DbOrTx, lines: GuestCartLine[]): Promise<Cart> {
  const combined = combineGuestLines(lines);
  const found = await productsOnSale(db, combined.map((line) => line.productId));
  const priced = combined.flatMap((line) => {
    const product = found.get(line.productId);
    return product ? [{ ...product, id: line.productId, quantity: line.quantity, lineTotalMinor: product.unitPriceMinor * line.quantity }] : [];
  });
  return cartOf(priced);
}

/**
 * Adds a guest's cart to the shopper's own, in one transaction: each product's line grows by the
 * guest's quantity, capped by what is available and the per-line limit (a line already in the
 * account is never shrunk). Products no longer on sale or sold out are left out. Says which
 * lines were capped or left out. Not idempotent: the browser forgets its cart once merged.
 */
export async function mergeGuestCart(db: Database, { userId, lines }: { userId: string; lines: GuestCartLine[] }): Promise<MergeCartOutput> {
  const combined = combineGuestLines(lines);
  return db.transaction(async (tx) => {
    const productIds = combined.map((line) => line.productId);
    const found = await productsOnSale(tx, productIds);
    const existing = productIds.length
      ? await tx
          .select({ productId: cartItems.productId, quantity: cartItems.quantity })
          .from(cartItems)
          .where(and(eq(cartItems.userId, userId), inArray(cartItems.productId, productIds)))
          .for("update")
      : [];
    const had = new Map(existing.map((row) => [row.productId, row.quantity]));
    const adjustments: MergeCartOutput["adjustments"] = [];
    for (const line of combined) {
      const product = found.get(line.productId);
      const cap = product ? Math.min(product.available, MAX_LINE_QUANTITY) : 0;
      const before = had.get(line.productId) ?? 0;
      const target = Math.max(before, Math.min(before + line.quantity, cap));
      if (target - before < line.quantity) adjustments.push({ productId: line.productId, requested: line.quantity, kept: target - before });
      if (target === before) continue;
      // The same cap again in SQL: a line added meanwhile by another tab adds up under it too.
      await tx
        .insert(cartItems)
        .values({ userId, productId: line.productId, quantity: target })
        .onConflictDoUpdate({
          target: [cartItems.userId, cartItems.productId],
          set: { quantity: sql`greatest(${cartItems.quantity}, least(${cartItems.quantity} + ${line.quantity}::int, ${cap}::int))`, updatedAt: sql`now()` },
        });
    }
    return { cart: await getCart(tx, userId), adjustments };
  });
}
