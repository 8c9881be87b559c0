import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { categories, inventory, products, warehouses } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { ZListProductsInput, type ListProductsInput, type ProductDetail, type ProductSummary } from "./catalog.schemas";

const available = sql<number>`coalesce(${inventory.onHand} - ${inventory.reserved}, 0)::int`;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Active products, searched by name or SKU, filtered by category, one page at a time. */
export async function listProducts(db: DbOrTx, rawInput: ListProductsInput) {
  const input = ZListProductsInput.parse(rawInput);
  const filters: SQL[] = [eq(products.active, true)];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(or(ilike(products.name, pattern), ilike(products.sku, pattern))!);
  }
  if (input.category) filters.push(eq(categories.slug, input.category));

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
      .where(and(...filters));
    total = counted?.n ?? 0;
  }
  const items: ProductSummary[] = rows.map(({ total: _total, ...item }) => item);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** One active product with its category and ship-from city; PRODUCT_NOT_FOUND otherwise. */
export async function getProduct(db: DbOrTx, productId: string): Promise<ProductDetail> {
  const [row] = await db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      description: products.description,
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
    .where(and(eq(products.id, productId), eq(products.active, true)))
    .limit(1);
  if (!row) throw new DomainError("PRODUCT_NOT_FOUND", "This product does not exist or is no longer sold");
  return row;
}

export async function listCategories(db: DbOrTx) {
  return db
    .select({ id: categories.id, slug: categories.slug, nameEn: categories.nameEn, nameZh: categories.nameZh })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.slug));
}
