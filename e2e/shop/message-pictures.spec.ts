import { expect, test, type Locator } from "@playwright/test";
import sharp from "sharp";
import { trpcMutation, trpcQuery } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

/** The picture really arrived and decoded: a broken, missing or refused file has naturalWidth 0. */
async function expectLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

const photo = (background: string) => sharp({ create: { width: 900, height: 600, channels: 3, background } }).png().toBuffer();

test("[SHOP][MESSAGES][PICTURES] a shopper writes with a picture; the admin sees its thumbnail and replies with one; the shopper sees both, another shopper cannot open them", async ({ page, browser, baseURL }) => {
  test.slow();
  await signUpViaApi(page.request, "Picture Sender");
  const text = `The teapot lid arrived cracked ${Date.now()}`;

  await page.goto("/messages");
  const form = page.getByRole("form", { name: "Write to the shop" });
  await form.getByLabel("Type").selectOption("after_sale");
  await form.getByLabel("Your message").fill(text);
  // A text file posing as a picture is refused under the field, and nothing is sent.
  await form.getByLabel("Pictures (optional)").setInputFiles({ name: "crack.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all\n") });
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("alert")).toHaveText("Picture 1: This file is not an image we can read. Choose a JPEG, PNG or WebP photo.");
  expect((await trpcQuery<{ total: number }>(page.request, "message.list", {})).total).toBe(0);

  await form.getByLabel("Pictures (optional)").setInputFiles({ name: "crack.png", mimeType: "image/png", buffer: await photo("#b5651d") });
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "After-sale" })).toBeVisible();
  const threadUrl = page.url();
  const mine = page.getByRole("list", { name: "Pictures from You" }).getByRole("img", { name: "Picture 1" });
  await expectLoaded(mine);

  // The admin finds it in the inbox, sees the thumbnail, opens the larger picture and replies with a picture.
  const admin = await browser.newPage({ baseURL });
  await signInViaApi(admin, DEMO.admin);
  await admin.goto("/admin/messages?status=open");
  await admin.getByRole("link", { name: text }).click();
  const fromShopper = admin.getByRole("list", { name: "Pictures from Shopper" });
  await expectLoaded(fromShopper.getByRole("img", { name: "Picture 1" }));
  const largeHref = await fromShopper.getByRole("link").first().getAttribute("href");
  expect(largeHref).toMatch(/^\/api\/messages\/pictures\/[0-9a-f-]{36}-large\.webp$/);
  const [popup] = await Promise.all([admin.waitForEvent("popup"), fromShopper.getByRole("link").first().click()]);
  await popup.waitForLoadState();
  expect(new URL(popup.url()).pathname).toBe(largeHref);
  await popup.close();
  const large = await admin.request.get(largeHref!);
  expect(large.status()).toBe(200);
  expect(large.headers()["content-type"]).toBe("image/webp");
  expect((await sharp(await large.body()).metadata()).width).toBe(800);

  const reply = admin.getByRole("form", { name: "Reply" });
  await reply.getByLabel("Reply").fill("Sorry about that. Here is the replacement we are sending.");
  await reply.getByLabel("Pictures (optional)").setInputFiles({ name: "replacement.png", mimeType: "image/png", buffer: await photo("#2a9d8f") });
  await reply.getByRole("button", { name: "Send reply" }).click();
  await expect(admin.getByTestId("post-admin")).toContainText("Here is the replacement");
  await expectLoaded(admin.getByRole("list", { name: "Pictures from Shop", exact: true }).getByRole("img", { name: "Picture 1" }));
  await admin.close();

  // The shopper sees the shop's picture in the thread.
  await page.goto(threadUrl);
  await expect(page.getByTestId("post-admin")).toContainText("Here is the replacement");
  await expect(page.getByText("Answered")).toBeVisible();
  const theirs = page.getByRole("list", { name: "Pictures from Shop", exact: true }).getByRole("img", { name: "Picture 1" });
  await expectLoaded(theirs);
  const shopPictureHref = await page.getByRole("list", { name: "Pictures from Shop", exact: true }).getByRole("link").first().getAttribute("href");

  // Another shopper gets a 404 for both pictures.
  const other = await browser.newContext({ baseURL });
  await signUpViaApi(other.request, "Curious Neighbour");
  expect((await other.request.get(largeHref!)).status()).toBe(404);
  expect((await other.request.get(shopPictureHref!)).status()).toBe(404);
  await other.close();
});

test("[ADMIN][CATALOG][IMAGES] the admin removes a product's picture after confirming; the product shows its generated picture and the history says so", async ({ page }) => {
  const tag = String(Date.now()).slice(-6);
  const nameEn = `Clay Kettle ${tag}`;
  await signInViaApi(page, DEMO.admin);
  const [category] = await trpcQuery<{ id: string }[]>(page.request, "adminCatalog.categories");
  const [warehouse] = await trpcQuery<{ id: string }[]>(page.request, "adminCatalog.warehouses");
  const product = await trpcMutation<{ id: string }>(page.request, "adminCatalog.createProduct", {
    sku: `RMV-${tag}`,
    nameEn,
    nameZh: `陶壶${tag}`,
    categoryId: category!.id,
    warehouseId: warehouse!.id,
    priceMinor: 8800,
    weightGrams: 900,
    lengthMm: 200,
    widthMm: 200,
    heightMm: 200,
    visible: true,
  });

  await page.goto(`/admin/products/${product.id}`);
  const section = page.getByRole("region", { name: "Picture" });
  await section.getByLabel("Product image").setInputFiles({ name: "kettle.png", mimeType: "image/png", buffer: await photo("#8b4513") });
  await section.getByRole("button", { name: "Upload image" }).click();
  await expect(section.getByText("Image saved. Shoppers see it now.")).toBeVisible();
  await expect(section.getByRole("img", { name: nameEn })).toHaveAttribute("src", /^\/images\/products\/[0-9a-f]{32}-grid\.webp$/);
  const uploadedSrc = (await section.getByRole("img", { name: nameEn }).getAttribute("src"))!;

  await section.getByRole("button", { name: "Remove picture" }).click();
  const question = section.getByRole("group", { name: "Remove this picture? The product will show its generated picture instead." });
  // Cancelling keeps the picture.
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(section.getByRole("img", { name: nameEn })).toHaveAttribute("src", uploadedSrc);
  await section.getByRole("button", { name: "Remove picture" }).click();
  await question.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(section.getByText("Picture removed. The product shows its generated picture.")).toBeVisible();
  await expect(section.getByRole("img", { name: nameEn })).not.toHaveAttribute("src", uploadedSrc);
  await expectLoaded(section.getByRole("img", { name: nameEn }));
  const history = page.getByRole("table", { name: "Change history" }).locator("tbody tr").first();
  await expect(history).toContainText("Picture removed");
  await expect(history.getByRole("img")).toHaveCount(2);
});
