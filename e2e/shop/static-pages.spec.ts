import { expect, test } from "@playwright/test";
import { findProduct, placeOrderViaApi } from "../fixtures/api";
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

test("[SHOP][PAGES] order, tracking and product pages are one built page for every id: the same bytes for two shoppers' own orders, nothing of either in them", async ({ playwright, baseURL, page }) => {
  const [first, second] = await Promise.all([playwright.request.newContext({ baseURL }), playwright.request.newContext({ baseURL })]);
  const [a, b] = await Promise.all([signUpViaApi(first, "Shell Reader One"), signUpViaApi(second, "Shell Reader Two")]);
  const [orderA, orderB] = await Promise.all([placeOrderViaApi(first, [{ q: "Tea", quantity: 1 }]), placeOrderViaApi(second, [{ q: "Tea", quantity: 2 }])]);
  const product = await findProduct(first, "Tea");

  for (const [pathA, pathB] of [
    [`/orders/${orderA.id}`, `/orders/${orderB.id}?placed=1`],
    [`/orders/${orderA.id}/tracking`, `/orders/${orderB.id}/tracking`],
    [`/products/${product.id}`, `/products/${product.id}`],
  ] as const) {
    const [asA, asB] = await Promise.all([first.get(pathA), second.get(pathB)]);
    expect(asA.status(), pathA).toBe(200);
    expect(asB.headers()["x-nextjs-prerender"], pathB).toBeTruthy();
    const html = await asA.text();
    expect(html, `${pathA} and ${pathB}`).toBe(await asB.text());
    for (const personal of [a.name, a.email, b.name, b.email, orderA.orderNo, orderB.orderNo, orderA.id, orderB.id]) expect(html).not.toContain(personal);
  }
  // Order pages stay out of search engines.
  expect(await (await first.get(`/orders/${orderA.id}`)).text()).toMatch(/<meta name="robots" content="noindex"/);

  // In the browser each page shows its own record, titled by it, in the reader's language.
  await signInViaApi(page, DEMO.shopper);
  const own = await placeOrderViaApi(page.request, [{ q: "Tea", quantity: 1 }]);
  await page.goto(`/orders/${own.id}`);
  await expect(page.getByRole("heading", { name: `Order ${own.orderNo}` })).toBeVisible();
  await expect(page).toHaveTitle(`Order ${own.orderNo} · shopflow`);
  await page.goto(`/products/${product.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(product.name);
  await expect(page).toHaveTitle(`${product.name} · shopflow`);
  await Promise.all([first, second].map((context) => context.dispose()));
});

test("[SHOP][PAGES] links between built order pages and the router's back and forward show each order's own data", async ({ page }) => {
  await signInViaApi(page, DEMO.shopper2);
  const [one, two] = [await placeOrderViaApi(page.request, [{ q: "Tea", quantity: 1 }]), await placeOrderViaApi(page.request, [{ q: "Tea", quantity: 2 }])];
  await page.goto("/orders");
  await page.getByRole("link", { name: one.orderNo }).click();
  await expect(page.getByRole("heading", { name: `Order ${one.orderNo}` })).toBeVisible();
  await page.getByRole("link", { name: "Back to my orders" }).click();
  await page.getByRole("link", { name: two.orderNo }).click();
  await expect(page.getByRole("heading", { name: `Order ${two.orderNo}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/orders/${two.id}$`));
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole("heading", { name: `Order ${one.orderNo}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Order ${two.orderNo}` })).toHaveCount(0);
  await page.goForward();
  await page.goForward();
  await expect(page.getByRole("heading", { name: `Order ${two.orderNo}` })).toBeVisible();
});
