import { eq } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { productImages, products } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { productImageBase, type ProductImageSize } from "@/lib/product-image";
import { recordCatalogChange, type CatalogActor } from "./catalog-audit";
import { catalogChanged } from "./catalog.service";
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

/** One rendition of a stored image by its hash, or null when there is none. */
export async function readProductImage(db: DbOrTx, { hash, size }: { hash: string; size: ProductImageSize }): Promise<Buffer | null> {
  const column = size === "grid" ? productImages.grid : productImages.page;
  const [row] = await db.select({ bytes: column }).from(productImages).where(eq(productImages.hash, hash));
  return row?.bytes ?? null;
}
