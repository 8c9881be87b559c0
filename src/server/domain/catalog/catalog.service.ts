import { and, asc, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import { processCache } from "@/server/cache/process-cache";
import { invalidateOnCommit } from "@/server/cache/invalidate-on-commit";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { categories, inventory, products, warehouses } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { ZListProductsInput, type ListProductsInput, type ProductDetail, type ProductSummary } from "./catalog.schemas";

/**
 * Public catalog answers (the product list) are cached in process for CATALOG_CACHE_MS at
 * most: the list is the busiest public read and changes only when products or stock do.
 * Every stock or catalog write calls `catalogChanged(tx)`: its transaction carries a NOTIFY
 * that every other process (gateways, web, worker) receives once it commits, and this process
 * drops its copy right after the commit (invalidateOnCommit). So no process answers a list
 * older than the last committed stock change for longer than the notification takes to arrive
 * (a round trip); the lifetime only bounds what a lost listening connection could leave
 * behind (cache-sync drops every cache when it listens again). The `available` figure in the
 * list is for display only: checkout re-checks stock with a conditional update.
 */
export const CATALOG_CACHE_MS = 2_000;
const publicCatalog = processCache<unknown>("catalog:public", { ttlMs: CATALOG_CACHE_MS, maxEntries: 500 });

/** A public catalog answer for `key` (it must depend on nothing but the key), from the cache when fresh. */
export function cachedCatalogAnswer<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
  return publicCatalog.get(load, key, keep as ((value: unknown) => boolean) | undefined) as Promise<T>;
}

/** Products or stock changed in `db`'s transaction: drop the cached catalog in every process once it commits. */
export function catalogChanged(db: DbOrTx): void {
  invalidateOnCommit(db, publicCatalog);
}

/** Public catalog answers kept in this process right now (for tests and the benchmark notes). */
export function cachedCatalogAnswers(): number {
  return publicCatalog.size();
}

const available = sql<number>`coalesce(${inventory.onHand} - ${inventory.reserved}, 0)::int`;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Active products, searched by either name or SKU, filtered by category, price and availability, one page at a time. */
export async function listProducts(db: DbOrTx, rawInput: ListProductsInput) {
  const input = ZListProductsInput.parse(rawInput);
  const filters: SQL[] = [eq(products.active, true)];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(or(ilike(products.name, pattern), ilike(products.nameZh, pattern), ilike(products.sku, pattern))!);
  }
  if (input.category) filters.push(eq(categories.slug, input.category));
  if (input.minPrice !== undefined) filters.push(gte(products.priceMinor, input.minPrice));
  if (input.maxPrice !== undefined) filters.push(lte(products.priceMinor, input.maxPrice));
  if (input.inStock) filters.push(sql`${inventory.onHand} - ${inventory.reserved} > 0`);

  const order = {
    newest: [desc(products.createdAt), asc(products.sku)],
    price_asc: [asc(products.priceMinor), asc(products.sku)],
    price_desc: [desc(products.priceMinor), asc(products.sku)],
    name: [asc(products.name), asc(products.sku)],
  }[input.sort];

  // One round trip: the window count rides along with the page.
  const rows = await db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      nameZh: products.nameZh,
      priceMinor: products.priceMinor,
      currency: products.currency,
      imageUrl: products.imageUrl,
      categorySlug: categories.slug,
      available,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(inventory, eq(inventory.productId, products.id))
    .where(and(...filters))
    .orderBy(...order)
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);

  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && input.page > 1) {
    const [counted] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .leftJoin(inventory, eq(inventory.productId, products.id))
      .where(and(...filters));
    total = counted?.n ?? 0;
  }
  const items: ProductSummary[] = rows.map(({ total: _total, ...item }) => item);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** `listProducts` for the shop's public list: the same answer, kept for every caller asking the same (see cachedCatalogAnswer). */
export function listPublicProducts(db: DbOrTx, rawInput: ListProductsInput): ReturnType<typeof listProducts> {
  const input = ZListProductsInput.parse(rawInput);
  return cachedCatalogAnswer(`list:${JSON.stringify(input)}`, () => listProducts(db, input));
}

/** One active product with its category and ship-from city; PRODUCT_NOT_FOUND otherwise. */
export async function getProduct(db: DbOrTx, productId: string): Promise<ProductDetail> {
  // Built once: the product page reads it on every view.
  const query = prepared(db, "product-detail", (d) =>
    d
      .select({
        id: products.id,
        sku: products.sku,
        name: products.name,
        nameZh: products.nameZh,
        description: products.description,
        descriptionZh: products.descriptionZh,
        priceMinor: products.priceMinor,
        currency: products.currency,
        imageUrl: products.imageUrl,
        weightGrams: products.weightGrams,
        categorySlug: categories.slug,
        categoryNameEn: categories.nameEn,
        categoryNameZh: categories.nameZh,
        shipFromCity: warehouses.city,
        available,
      })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .innerJoin(warehouses, eq(warehouses.id, products.warehouseId))
      .leftJoin(inventory, eq(inventory.productId, products.id))
      .where(and(eq(products.id, sql.placeholder("productId")), eq(products.active, true)))
      .limit(1)
      .prepare("product_detail"),
  );
  const [row] = await query.execute({ productId });
  if (!row) throw new DomainError("PRODUCT_NOT_FOUND", "This product does not exist or is no longer sold");
  return row;
}

export async function listCategories(db: DbOrTx) {
  return db
    .select({ id: categories.id, slug: categories.slug, nameEn: categories.nameEn, nameZh: categories.nameZh })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.slug));
}
