import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { catalogChanges, productImages, products } from "@/server/db/schema";
import { isDomainError } from "@/server/errors";
import { createAdmin, createProduct } from "../../../../test/fixtures";
import { PRODUCT_IMAGE_SIZES } from "@/lib/product-image";
import { productArtworkPng, prepareProductImage, readProductImage, setProductImage } from ".";
import { productImageBase } from "@/lib/product-image";

const png = (width: number, height: number, background = { r: 200, g: 40, b: 40 }) =>
  sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

/** A photo with EXIF (a camera model and GPS-like comment) that must not survive. */
const jpegWithMetadata = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .withExif({ IFD0: { Make: "SecretCam", Model: "X-1", ImageDescription: "home address" } })
    .jpeg()
    .toBuffer();

/**
 * Stored images no product points at: what a refusal that still wrote would leave. (Counting
 * all rows would race with other test files storing images in parallel; a successful upload
 * always points its product at the image in the same transaction.)
 */
async function orphanImages() {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(productImages)
    .where(sql`not exists (select 1 from ${products} p where p.image_url = '/images/products/' || ${productImages.hash})`);
  return row!.n;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(isDomainError(error, "VALIDATION_FAILED")).toBe(true);
  return error as { fieldErrors: Record<string, string[]>; params: { imageProblem: string } };
}

describe("product images", () => {
  it("accepts a PNG, stores it resized to the grid and page sizes as WebP, and audits the change", async () => {
    const { user } = await createAdmin();
    const product = await createProduct();
    const { imageUrl } = await setProductImage(getDb(), { productId: product.id, bytes: await png(1200, 900), by: { userId: user.id, requestId: "req-img-1" } });
    expect(imageUrl).toMatch(/^\/images\/products\/[0-9a-f]{32}$/);
    const [stored] = await getDb().select({ imageUrl: products.imageUrl }).from(products).where(eq(products.id, product.id));
    expect(stored!.imageUrl).toBe(imageUrl);
    const hash = imageUrl.split("/").pop()!;
    for (const size of ["grid", "page"] as const) {
      const bytes = await readProductImage(getDb(), { hash, size });
      const meta = await sharp(bytes!).metadata();
      expect(meta.format).toBe("webp");
      expect([meta.width, meta.height]).toEqual([PRODUCT_IMAGE_SIZES[size], PRODUCT_IMAGE_SIZES[size]]);
    }
    const audit = await getDb().select().from(catalogChanges).where(eq(catalogChanges.entityId, product.id));
    expect(audit.map((a) => [a.action, a.after, a.changedBy, a.requestId])).toEqual([["image", { image: imageUrl }, user.id, "req-img-1"]]);
  });

  it("strips the upload's metadata", async () => {
    const { user } = await createAdmin();
    const product = await createProduct();
    const original = await jpegWithMetadata();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { imageUrl } = await setProductImage(getDb(), { productId: product.id, bytes: original, by: { userId: user.id } });
    const page = await readProductImage(getDb(), { hash: imageUrl.split("/").pop()!, size: "page" });
    const meta = await sharp(page!).metadata();
    expect(meta.exif).toBeUndefined();
    expect(page!.includes(Buffer.from("SecretCam"))).toBe(false);
  });

  it("refuses a text file named .png, an oversized image and the wrong type with a field message, writing nothing", async () => {
    const { user } = await createAdmin();
    const product = await createProduct();
    const by = { userId: user.id };
    const before = await orphanImages();
    const cases: [Buffer, string][] = [
      [Buffer.from("this is not a picture, only text in a file called photo.png\n"), "not_an_image"],
      [(await png(64, 64)).subarray(0, 80), "not_an_image"],
      [await png(4001, 10), "too_many_pixels"],
      [Buffer.alloc(5 * 1024 * 1024 + 1, 0x89), "too_many_bytes"],
      [await sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } }).gif().toBuffer(), "wrong_type"],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), "wrong_type"],
    ];
    for (const [bytes, problem] of cases) {
      const error = await refusal(setProductImage(getDb(), { productId: product.id, bytes, by }));
      expect(error.params.imageProblem, problem).toBe(problem);
      expect(error.fieldErrors.image?.[0]).toBeTruthy();
    }
    expect(await orphanImages()).toBe(before);
    const [row] = await getDb().select({ imageUrl: products.imageUrl }).from(products).where(eq(products.id, product.id));
    expect(row!.imageUrl).toBeNull();
    expect(await getDb().select().from(catalogChanges).where(eq(catalogChanges.entityId, product.id))).toEqual([]);
  });

  it("an unknown product is PRODUCT_NOT_FOUND and stores no image", async () => {
    const { user } = await createAdmin();
    const before = await orphanImages();
    const error = await setProductImage(getDb(), { productId: "00000000-0000-4000-8000-000000000000", bytes: await png(50, 50, { r: 1, g: 2, b: 3 }), by: { userId: user.id } }).catch((e: unknown) => e);
    expect(isDomainError(error, "PRODUCT_NOT_FOUND")).toBe(true);
    expect(await orphanImages()).toBe(before);
  });

  it("an admin removes a picture: the product shows its generated picture, audited before → after, and a second removal changes nothing", async () => {
    const { user, caller } = await createAdmin();
    const product = await createProduct({ name: "Bamboo Tray" });
    const { imageUrl: uploaded } = await setProductImage(getDb(), { productId: product.id, bytes: await png(300, 300), by: { userId: user.id } });
    const removed = await caller.adminCatalog.removeProductImage({ id: product.id });
    const generated = productImageBase((await prepareProductImage(await productArtworkPng({ sku: product.sku, name: "Bamboo Tray", category: "test-category" }))).hash);
    expect(removed).toEqual({ imageUrl: generated, changed: true });
    expect(generated).not.toBe(uploaded);
    expect((await caller.adminCatalog.productById({ id: product.id })).imageUrl).toBe(generated);
    expect(await readProductImage(getDb(), { hash: generated.split("/").pop()!, size: "grid" })).not.toBeNull();
    const history = await caller.adminCatalog.changes({ entity: "product", entityId: product.id });
    expect(history.items[0]).toMatchObject({ action: "image_removed", before: { image: uploaded }, after: { image: generated }, changedByName: user.name });

    await expect(caller.adminCatalog.removeProductImage({ id: product.id })).resolves.toEqual({ imageUrl: generated, changed: false });
    expect((await caller.adminCatalog.changes({ entity: "product", entityId: product.id })).items).toHaveLength(2);
    await expect(caller.adminCatalog.removeProductImage({ id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
