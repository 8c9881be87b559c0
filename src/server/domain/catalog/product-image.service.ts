import { eq } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { categories, productImages, products } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { productImageBase, type ProductImageSize } from "@/lib/product-image";
import { recordCatalogChange, type CatalogActor } from "./catalog-audit";
import { catalogChanged } from "./catalog.service";
import { productArtworkPng } from "./product-artwork";
import { prepareProductImage, type PreparedProductImage } from "./product-image";

/**
 * Stores a prepared image (once per content) and points the product at it, in `tx`. With an
 * actor the change is audited (image before → after); the seed passes none. Returns the new
 * image URL. PRODUCT_NOT_FOUND when the product does not exist.
 */
export async function attachProductImage(tx: Tx, { productId, image, by }: { productId: string; image: PreparedProductImage; by: CatalogActor | null }): Promise<string> {
  const [current] = await tx.select({ imageUrl: products.imageUrl }).from(products).where(eq(products.id, productId)).for("update");
  if (!current) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
  await tx.insert(productImages).values({ hash: image.hash, grid: image.grid, page: image.page }).onConflictDoNothing({ target: productImages.hash });
  const imageUrl = productImageBase(image.hash);
  if (current.imageUrl === imageUrl) return imageUrl;
  await tx.update(products).set({ imageUrl }).where(eq(products.id, productId));
  if (by) await recordCatalogChange(tx, { entity: "product", entityId: productId, action: "image", before: { image: current.imageUrl }, after: { image: imageUrl }, by });
  catalogChanged(tx);
  return imageUrl;
}

/**
 * An admin's upload: decodes and checks the bytes, then stores the renditions, points the
 * product at them and audits it, all or nothing. A refused file (VALIDATION_FAILED with a field
 * message on `image`) or an unknown product (PRODUCT_NOT_FOUND) writes nothing. Idempotent: the
 * same picture again changes nothing.
 */
export async function setProductImage(db: Database, { productId, bytes, by }: { productId: string; bytes: Buffer; by: CatalogActor }): Promise<{ imageUrl: string }> {
  // Decoding is CPU work: done before the transaction, which then only writes.
  const image = await prepareProductImage(bytes);
  const imageUrl = await db.transaction((tx) => attachProductImage(tx, { productId, image, by }));
  return { imageUrl };
}

/**
 * An admin removes a product's picture: the product falls back to its generated picture (its
 * category's colours and shape, its initials, its SKU's ring: see product-artwork), rendered
 * through the upload's checks and stored like one. The change is audited as `image_removed`
 * (image before → after) in the same transaction. PRODUCT_NOT_FOUND for an unknown product.
 * Idempotent: when the product already shows its generated picture nothing is written.
 */
export async function removeProductImage(db: Database, { productId, by }: { productId: string; by: CatalogActor }): Promise<{ imageUrl: string; changed: boolean }> {
  const [product] = await db
    .select({ sku: products.sku, name: products.name, category: categories.slug })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, productId));
  if (!product) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
  // Drawing and encoding are CPU work: done before the transaction, which then only writes.
  const image = await prepareProductImage(await productArtworkPng(product));
  const imageUrl = productImageBase(image.hash);
  const changed = await db.transaction(async (tx) => {
    const [current] = await tx.select({ imageUrl: products.imageUrl }).from(products).where(eq(products.id, productId)).for("update");
    if (!current) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
    if (current.imageUrl === imageUrl) return false;
    await tx.insert(productImages).values({ hash: image.hash, grid: image.grid, page: image.page }).onConflictDoNothing({ target: productImages.hash });
    await tx.update(products).set({ imageUrl }).where(eq(products.id, productId));
    await recordCatalogChange(tx, { entity: "product", entityId: productId, action: "image_removed", before: { image: current.imageUrl }, after: { image: imageUrl }, by });
    catalogChanged(tx);
    return true;
  });
  return { imageUrl, changed };
}

/** One rendition of a stored image by its hash, or null when there is none. */
export async function readProductImage(db: DbOrTx, { hash, size }: { hash: string; size: ProductImageSize }): Promise<Buffer | null> {
  const column = size === "grid" ? productImages.grid : productImages.page;
  const [row] = await db.select({ bytes: column }).from(productImages).where(eq(productImages.hash, hash));
  return row?.bytes ?? null;
}
