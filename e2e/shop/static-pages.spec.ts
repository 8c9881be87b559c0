import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

/**
 * The catalog (and the benchmark's empty shop page) are built once per language and served as
 * built: the same bytes for every reader of a language, nobody's name or cart in them. What is
 * the reader's own (who is signed in, their cart count) the browser reads from the API after
 * the page arrives. The language is still the reader's: chosen from the switch's cookie, else
 * Accept-Language, without a language in the URL.
 */
test("[SHOP][PAGES] the catalog is served as built: the same page for a visitor and a signed-in shopper, in their language", async ({ playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  const shopper = await playwright.request.newContext({ baseURL });
  const account = await signUpViaApi(shopper, "Static Reader");

  for (const path of ["/", "/floor"]) {
    const [asVisitor, asShopper] = await Promise.all([visitor.get(path), shopper.get(path)]);
    expect(asVisitor.status()).toBe(200);
    // Next's prerendered page, not a render per request.
    expect(asShopper.headers()["x-nextjs-prerender"]).toBeTruthy();
    const html = await asShopper.text();
    expect(html).toBe(await asVisitor.text());
    expect(html).not.toContain(account.name);
    expect(html).not.toContain(account.email);
    expect(html).toContain('<html lang="en"');
  }

  const chinese = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en;q=0.1, zh-CN;q=0.9" } });
  const zh = await (await chinese.get("/")).text();
  expect(zh).toContain('<html lang="zh-CN"');
  expect(zh).toContain("全部商品");
  // The switch's cookie wins over what the browser asks for.
  const chosenEnglish = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "zh-CN", cookie: "shopflow-locale=en" } });
  expect(await (await chosenEnglish.get("/")).text()).toContain('<html lang="en"');
  await Promise.all([visitor, shopper, chinese, chosenEnglish].map((context) => context.dispose()));
});

test("[SHOP][PAGES] on a built page the header shows who reads and their cart count, and follows a cart change", async ({ page }) => {
  await signInViaApi(page, DEMO.shopper2);
  await page.goto("/");
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  const cart = page.getByTestId("header-cart");
  const before = Number((await cart.textContent())?.match(/\d+/)?.[0] ?? 0);

  // A product in stock, through the catalog's own filter (read by the browser from the URL).
  await page.goto("/?stock=1");
  await page.getByRole("list", { name: "Catalog" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(cart).toContainText(String(before + 1));
});
