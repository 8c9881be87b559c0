import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { products } from "@/server/db/schema";
import { createAdmin, createProduct, createShopper } from "../../../test/fixtures";
import { gatewayFetch } from "../../../test/gateway-fixtures";

type Signed = Awaited<ReturnType<typeof createAdmin>>;
const cookieFor = async ({ session, user }: Signed) =>
  `next-auth.session-token=${await encode({ token: { sid: session.sessionId, uid: user.id }, secret: authSecret(), maxAge: 3600 })}`;

/** A browser's upload: one multipart file part, from the shop's own origin. */
function upload(productId: string, file: Buffer, { cookie, name = "photo.png", type = "image/png", origin = "http://localhost" }: { cookie?: string; name?: string; type?: string; origin?: string } = {}) {
  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(file)], { type }), name);
  return gatewayFetch(
    new Request(`http://localhost/api/admin/products/${productId}/image`, { method: "POST", body: form, headers: { host: "localhost", origin, ...(cookie ? { cookie } : {}) } }),
  );
}

const imageOf = async (productId: string) => (await getDb().select({ imageUrl: products.imageUrl }).from(products).where(eq(products.id, productId)))[0]!.imageUrl;

let adminCookie: string;
let shopperCookie: string;
beforeAll(async () => {
  adminCookie = await cookieFor(await createAdmin());
  shopperCookie = await cookieFor(await createShopper());
});

describe("product image upload through the gateway", () => {
  it("an admin uploads a PNG; both sizes are served as WebP with a year's cache under a content-hash URL", async () => {
    const product = await createProduct();
    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#2a9d8f" } }).png().toBuffer();
    const answer = await upload(product.id, png, { cookie: adminCookie });
    expect(answer.status).toBe(200);
    const { imageUrl } = (await answer.json()) as { imageUrl: string };
    expect(await imageOf(product.id)).toBe(imageUrl);
    for (const [size, side] of [["grid", 400], ["page", 800]] as const) {
      const served = await gatewayFetch(new Request(`http://localhost${imageUrl}-${size}.webp`));
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/webp");
      expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", side, side]);
      const again = await gatewayFetch(new Request(`http://localhost${imageUrl}-${size}.webp`, { headers: { "if-none-match": served.headers.get("etag")! } }));
      expect(again.status).toBe(304);
    }
    expect((await gatewayFetch(new Request("http://localhost/images/products/00000000000000000000000000000000-grid.webp"))).status).toBe(404);
    expect((await gatewayFetch(new Request("http://localhost/images/products/..%2Fsecret-grid.webp"))).status).toBe(404);
  });

  it("refuses a text file named .png and an image over 5 MB with a 400 field message, and changes nothing", async () => {
    const product = await createProduct();
    const text = await upload(product.id, Buffer.from("hello, I am plain text\n"), { cookie: adminCookie, name: "photo.png", type: "image/png" });
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fieldErrors: { image: [expect.any(String)] }, params: { imageProblem: "not_an_image" } } });
    // Noise does not compress: a real PNG of about 6.8 MB, over the limit, cut off while streaming.
    const big = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 60 } } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const large = await upload(product.id, big, { cookie: adminCookie });
    expect(large.status).toBe(400);
    expect(await large.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", params: { imageProblem: "too_many_bytes" } } });
    expect(await imageOf(product.id)).toBeNull();
  });

  it("is for admins only, from the shop's own origin", async () => {
    const product = await createProduct();
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#e76f51" } }).png().toBuffer();
    expect((await upload(product.id, png)).status).toBe(401);
    expect((await upload(product.id, png, { cookie: shopperCookie })).status).toBe(403);
    expect((await upload(product.id, png, { cookie: adminCookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await upload("00000000-0000-4000-8000-000000000000", png, { cookie: adminCookie })).status).toBe(404);
    expect(await imageOf(product.id)).toBeNull();
  });
});
