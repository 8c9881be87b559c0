import { expect, test, type Locator } from "@playwright/test";
import sharp from "sharp";
import { trpcMutation, trpcQuery } from "../fixtures/api";
import { DEMO, signInViaApi } from "../fixtures/auth";

/** The picture really arrived and decoded: a broken or missing file has naturalWidth 0. */
async function expectLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

test("[ADMIN][CATALOG][IMAGES] admin uploads a picture for a product; a text file posing as a PNG is refused; the shopper's product page shows it", async ({ page, browser, baseURL }) => {
  const tag = String(Date.now()).slice(-6);
  const nameEn = `Celadon Teacup ${tag}`;
  await signInViaApi(page, DEMO.admin);
  const [category] = await trpcQuery<{ id: string }[]>(page.request, "adminCatalog.categories");
  const [warehouse] = await trpcQuery<{ id: string }[]>(page.request, "adminCatalog.warehouses");
  const product = await trpcMutation<{ id: string }>(page.request, "adminCatalog.createProduct", {
    sku: `IMG-${tag}`,
    nameEn,
    nameZh: `青瓷茶杯${tag}`,
    categoryId: category!.id,
    warehouseId: warehouse!.id,
    priceMinor: 6800,
    weightGrams: 200,
    lengthMm: 100,
    widthMm: 100,
    heightMm: 100,
    visible: true,
  });

  await page.goto(`/admin/products/${product.id}`);
  const upload = page.getByRole("region", { name: "Picture" });
  await expect(upload.getByText("No picture yet")).toBeVisible();
  // Not an image, whatever its name says: refused with a field message, nothing changes.
  await upload.getByLabel("Product image").setInputFiles({ name: "teacup.png", mimeType: "image/png", buffer: Buffer.from("just some text, not a picture\n") });
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByRole("alert")).toHaveText("This file is not an image we can read. Choose a JPEG, PNG or WebP photo.");
  await expect(upload.getByText("No picture yet")).toBeVisible();

  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#5f9ea0" } }).png().toBuffer();
  await upload.getByLabel("Product image").setInputFiles({ name: "teacup.png", mimeType: "image/png", buffer: png });
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByText("Image saved. Shoppers see it now.")).toBeVisible();
  await expectLoaded(upload.getByRole("img", { name: nameEn }));
  await expect(page.getByRole("table", { name: "Change history" }).locator("tbody tr").first()).toContainText("Picture changed");

  // A guest sees it on the product page, at its reserved size, under a cacheable hashed URL.
  const guest = await browser.newContext({ baseURL });
  const shopper = await guest.newPage();
  await shopper.goto(`/products/${product.id}`);
  const picture = shopper.getByRole("img", { name: nameEn });
  await expectLoaded(picture);
  await expect(picture).toHaveAttribute("width", "800");
  await expect(picture).toHaveAttribute("height", "800");
  const src = await picture.getAttribute("src");
  expect(src).toMatch(/^\/images\/products\/[0-9a-f]{32}-page\.webp$/);
  const served = await shopper.request.get(src!);
  expect(served.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  await guest.close();
});

test("[SHOP][CATALOG][IMAGES] in 简体中文 the catalog shows Chinese names and pictures, and a shopper finds a product by its Chinese name", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  const page = await context.newPage();

  await page.goto("/?category=food&sort=name");
  const grid = page.getByRole("list", { name: "全部商品" });
  await expect(grid.getByRole("heading", { name: "西湖龙井绿茶 250 克" })).toBeVisible();
  await expect(grid.getByText("West Lake Longjing Green Tea")).toHaveCount(0);
  await expectLoaded(grid.getByRole("img", { name: "五常大米 5 公斤" }));

  await page.goto("/");
  const search = page.getByRole("search");
  await search.getByRole("searchbox").fill("龙井");
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/q=%E9%BE%99%E4%BA%95/);
  const found = page.getByRole("list", { name: "全部商品" }).getByRole("listitem");
  await expect(found).toHaveCount(1);
  await expect(found.getByRole("heading")).toHaveText("西湖龙井绿茶 250 克");
  await found.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("西湖龙井绿茶 250 克");
  await expect(page.getByText("杭州明前采摘。")).toBeVisible();
  await expectLoaded(page.getByRole("img", { name: "西湖龙井绿茶 250 克" }));
  await context.close();
});
