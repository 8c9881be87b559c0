import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { placeOrderViaApi, trpcMutation } from "../fixtures/api";
import { payByApi } from "../payment/payment-helpers";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

test("[ADMIN][CATALOG] admin creates a product in both languages with a picture, receives stock, sees the sale in its history once shipped, and hides it", async ({ page, playwright, baseURL }) => {
  test.slow();
  const tag = String(Date.now()).slice(-6);
  const nameZh = `白毫银针${tag}`;
  const nameEn = `<b>Silver Needle</b> ${tag}`;
  await signInViaApi(page, DEMO.admin);

  await page.goto("/admin/products/new");
  await expect(page.getByRole("heading", { level: 1, name: "New product" })).toBeVisible();
  await page.getByLabel("SKU").fill(`E2E-${tag}`);
  await page.getByLabel("Name (English)").fill(nameEn);
  await page.getByLabel("Name (简体中文)").fill(nameZh);
  await page.getByLabel("Weight (g)").fill("250");
  // A price of zero is refused with a field message, and nothing is created.
  await page.getByLabel("Price (¥)").fill("0");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Enter a price above zero, e.g. 12.50.")).toBeVisible();
  await page.getByLabel("Price (¥)").fill("88.00");
  await page.getByRole("button", { name: "Create product" }).click();

  await expect(page.getByText("Product created.")).toBeVisible();
  // HTML typed into a name is shown as text, never as markup.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nameEn);
  const productUrl = page.url().replace(/\?.*$/, "");
  // Its picture, uploaded on the same page.
  const picture = page.getByRole("region", { name: "Picture" });
  const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#9caf88" } }).png().toBuffer();
  await picture.getByLabel("Product image").setInputFiles({ name: "silver-needle.png", mimeType: "image/png", buffer: png });
  await picture.getByRole("button", { name: "Upload image" }).click();
  await expect(picture.getByText("Image saved. Shoppers see it now.")).toBeVisible();
  await page.getByRole("form", { name: "Receive stock" }).getByLabel("Quantity").fill("30");
  await page.getByRole("button", { name: "Receive", exact: true }).click();
  await expect(page.getByTestId("stock-onHand")).toHaveText("30");

  // A shopper finds it by its Chinese name and buys two.
  const shopperRequest = await playwright.request.newContext({ baseURL });
  await signUpViaApi(shopperRequest, "Catalog Buyer");
  const order = await placeOrderViaApi(shopperRequest, [{ q: nameZh, quantity: 2 }]);

  await page.goto(productUrl);
  await expect(page.getByTestId("stock-reserved")).toHaveText("2");
  const history = page.getByRole("table", { name: "Movement history" }).locator("tbody tr");
  await expect(history.first()).toContainText("Reserved by an order");
  await expect(history.first()).toContainText(order.orderNo);
  await expect(history.nth(1)).toContainText("Received");

  // A count below what the order holds is refused with a field message.
  const correct = page.getByRole("form", { name: "Correct the count" });
  await correct.getByLabel("Counted on hand").fill("1");
  await correct.getByLabel("Reason").fill("shelf recount");
  await correct.getByRole("button", { name: "Correct" }).click();
  await expect(correct.getByText("Orders hold 2; the count cannot be lower.")).toBeVisible();
  await expect(page.getByTestId("stock-onHand")).toHaveText("30");

  // The shopper pays and the shop ships: the two units leave the shelf as a sale.
  await payByApi(shopperRequest, order.id);
  await shopperRequest.dispose();
  const parcel = await trpcMutation<{ id: string }>(page.request, "adminLogistics.ship", { orderId: order.id });
  // Picked up by the courier (the next checkpoint, now): the moment the stock is committed.
  await trpcMutation(page.request, "adminLogistics.advance", { id: parcel.id });
  await page.goto(productUrl);
  await expect(page.getByTestId("stock-onHand")).toHaveText("28");
  await expect(page.getByTestId("stock-reserved")).toHaveText("0");
  await expect(history.first()).toContainText("Sold (shipped)");
  await expect(history.first()).toContainText(order.orderNo);

  // Hidden, it leaves the shop.
  await page.goto(`/?q=${encodeURIComponent(nameZh)}`);
  await expect(page.getByRole("list", { name: "Catalog" }).getByText(nameEn)).toBeVisible();
  const shown = page.getByRole("list", { name: "Catalog" }).getByRole("img", { name: nameEn });
  await expect(shown).toHaveAttribute("src", /^\/images\/products\/[0-9a-f]{32}-grid\.webp$/);
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await page.goto(productUrl);
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(page.getByText("Now: Hidden")).toBeVisible();
  await page.goto(`/?q=${encodeURIComponent(nameZh)}`);
  await expect(page.getByText("No products match your search.")).toBeVisible();
  // The change history names the admin and the before → after.
  await page.goto(productUrl);
  await expect(page.getByRole("table", { name: "Change history" }).locator("tbody tr").first()).toContainText("Visible → Hidden");
});
