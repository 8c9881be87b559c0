import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { favourites, inventory, products } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { ZFavouriteProductInput, ZListFavouritesInput, type Favourite, type FavouriteProductInput, type FavouriteState, type ListFavouritesInput } from "./favourite.schemas";

/** Saves a product to the shopper's favourites. Idempotent; PRODUCT_NOT_FOUND for a product not on sale. */
export async function addFavourite(db: DbOrTx, { userId, input }: { userId: string; input: FavouriteProductInput }): Promise<FavouriteState> {
  const { productId } = ZFavouriteProductInput.parse(input);
  // One statement: the product check and the insert cannot be split by a concurrent hide.
  const inserted = await db.execute<{ product_id: string }>(sql`
    insert into ${favourites} (user_id, product_id)
    select ${userId}, ${products.id} from ${products} where ${products.id} = ${productId} and ${products.active}
    on conflict do nothing
    returning product_id`);
  if (inserted.length === 0) {
    const [existing] = await db.select({ productId: favourites.productId }).from(favourites).where(and(eq(favourites.userId, userId), eq(favourites.productId, productId)));
    if (!existing) throw new DomainError("PRODUCT_NOT_FOUND", "This product does not exist or is no longer sold");
  }
  return { productId, saved: true };
}

/** Removes a product from the shopper's favourites. Idempotent. */
export async function removeFavourite(db: DbOrTx, { userId, input }: { userId: string; input: FavouriteProductInput }): Promise<FavouriteState> {
  const { productId } = ZFavouriteProductInput.parse(input);
  await db.delete(favourites).where(and(eq(favourites.userId, userId), eq(favourites.productId, productId)));
  return { productId, saved: false };
}

/** Whether the shopper has saved this product. */
export async function favouriteState(db: DbOrTx, { userId, input }: { userId: string; input: FavouriteProductInput }): Promise<FavouriteState> {
  const { productId } = ZFavouriteProductInput.parse(input);
  // Built once: the product page asks it on every view by a signed-in shopper.
  const query = prepared(db, "favourite-state", (d) =>
    d
      .select({ productId: favourites.productId })
      .from(favourites)
      .where(and(eq(favourites.userId, sql.placeholder("userId")), eq(favourites.productId, sql.placeholder("productId"))))
      .prepare("favourite_state"),
  );
  const [row] = await query.execute({ userId, productId });
  return { productId, saved: Boolean(row) };
}

/** The shopper's favourites, newest first, with today's price and availability. */
export async function listFavourites(db: DbOrTx, { userId, input: rawInput }: { userId: string; input: ListFavouritesInput }) {
  const input = ZListFavouritesInput.parse(rawInput);
  const rows = await db
    .select({
      productId: products.id,
      name: products.name,
      nameZh: products.nameZh,
      imageUrl: products.imageUrl,
      priceMinor: products.priceMinor,
      currency: products.currency,
      available: sql<number>`coalesce(${inventory.onHand} - ${inventory.reserved}, 0)::int`,
      onSale: products.active,
      savedAt: favourites.createdAt,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(favourites)
    .innerJoin(products, eq(products.id, favourites.productId))
    .leftJoin(inventory, eq(inventory.productId, products.id))
    .where(eq(favourites.userId, userId))
    .orderBy(desc(favourites.createdAt), desc(products.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items: Favourite[] = rows.map(({ total: _t, ...row }) => row);
  return { items, total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}
