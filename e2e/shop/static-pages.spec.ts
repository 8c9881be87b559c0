import { expect, test, type APIRequestContext } from "@playwright/test";
import { ensureDefaultAddressViaApi, findProduct, placeOrderViaApi, shownMoney, trpcMutation } from "../fixtures/api";
import { apiRequestsOpening } from "../fixtures/api-calls";
import { DEMO, signInRequest, signInViaApi, signUpViaApi } from "../fixtures/auth";

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

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

test("[SHOP][PAGES] the cashier is one built page for every order: the same bytes for two shoppers, nothing of theirs in it; another shopper's order is the not-found page with 404", async ({ playwright, baseURL, page }) => {
  const [first, second] = await Promise.all([playwright.request.newContext({ baseURL }), playwright.request.newContext({ baseURL })]);
  const [a, b] = await Promise.all([signUpViaApi(first, "Cashier Reader One"), signUpViaApi(second, "Cashier Reader Two")]);
  const [orderA, orderB] = await Promise.all([placeOrderViaApi(first, [{ q: "Tea", quantity: 1 }]), placeOrderViaApi(second, [{ q: "Tea", quantity: 2 }])]);

  const [asA, asB] = await Promise.all([first.get(`/pay/${orderA.id}`), second.get(`/pay/${orderB.id}`)]);
  expect(asA.status()).toBe(200);
  expect(asB.status()).toBe(200);
  expect(asB.headers()["x-nextjs-prerender"]).toBeTruthy();
  const html = await asA.text();
  expect(html).toBe(await asB.text());
  for (const personal of [a.name, a.email, b.name, b.email, orderA.orderNo, orderB.orderNo, orderA.id, orderB.id, shownMoney(orderA.payableTotalMinor)]) expect(html).not.toContain(personal);
  // Titled and kept out of search engines as the page rendered per request was.
  expect(titleOf(html)).toBe("Pay for your order · shopflow");
  expect(html).toMatch(/<meta name="robots" content="noindex"/);
  const zh = await (await first.get(`/zh-CN/pay/${orderA.id}`)).text();
  expect(zh).toContain('<html lang="zh-CN"');
  expect(titleOf(zh)).toBe("支付订单 · shopflow");

  // Another shopper's order: 404 and the not-found page, in the reader's language.
  const stranger = await second.get(`/pay/${orderA.id}`, { maxRedirects: 0 });
  expect(stranger.status()).toBe(404);
  expect(titleOf(await stranger.text())).toBe("Page not found · shopflow");
  const chinese = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "zh-CN" } });
  await signUpViaApi(chinese, "Cashier Stranger");
  const zhStranger = await chinese.get(`/pay/${orderB.id}`, { maxRedirects: 0 });
  expect(zhStranger.status()).toBe(404);
  expect(titleOf(await zhStranger.text())).toBe("页面不存在 · shopflow");

  // In the browser the owner's cashier shows their order; someone else's shows the not-found page.
  await signUpViaApi(page.request, "Cashier Owner");
  const own = await placeOrderViaApi(page.request, [{ q: "Tea", quantity: 1 }]);
  await page.goto(`/pay/${own.id}`);
  await expect(page.getByRole("heading", { name: `Pay for order ${own.orderNo}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Pay ${shownMoney(own.payableTotalMinor)}` })).toBeVisible();
  await expect(page).toHaveTitle("Pay for your order · shopflow");
  expect((await page.goto(`/pay/${orderA.id}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(orderA.orderNo)).toHaveCount(0);
  await Promise.all([first, second, chinese].map((context) => context.dispose()));
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

/**
 * The cart, checkout and my orders are built once per language too: the browser reads the
 * reader's cart, addresses and orders from the API. Two shoppers with carts and orders of their
 * own get the same bytes, and nothing of theirs is in them.
 */
test("[SHOP][PAGES] the cart, checkout and my orders are served as built: the same page for two shoppers, nobody's data in it", async ({ playwright, baseURL }) => {
  const readers = [await playwright.request.newContext({ baseURL }), await playwright.request.newContext({ baseURL })] as const;
  const visitor = await playwright.request.newContext({ baseURL });
  const personal: string[] = [];
  for (const [i, reader] of readers.entries()) {
    const account = await signUpViaApi(reader, `Static Buyer ${i + 1}`);
    const order = await placeOrderViaApi(reader, [{ q: "Notebook", quantity: 1 }]);
    await trpcMutation(reader, "cart.add", { productId: (await findProduct(reader, "Tote")).id, quantity: 2 });
    personal.push(account.name, account.email, order.orderNo, "测试收件人");
  }

  for (const path of ["/cart", "/checkout", "/orders", "/orders?page=2&status=paid"]) {
    const [first, second] = await Promise.all([readers[0].get(path), readers[1].get(path)]);
    expect(first.status(), path).toBe(200);
    expect(first.headers()["x-nextjs-prerender"], path).toBeTruthy();
    const html = await first.text();
    expect(await second.text(), path).toBe(html);
    for (const text of personal) expect(html, path).not.toContain(text);
  }
  // A visitor's cart (kept in their browser) comes in the same page as a shopper's.
  expect(await (await visitor.get("/cart")).text()).toBe(await (await readers[0].get("/cart")).text());
  await Promise.all([...readers, visitor].map((context) => context.dispose()));
});

test("[SHOP][PAGES] moving between built pages, the cart follows an add and my orders follow a checkout", async ({ page }) => {
  await signUpViaApi(page.request, "Cache Follower");
  const bottle = await findProduct(page.request, "Water Bottle");
  await trpcMutation(page.request, "cart.add", { productId: bottle.id, quantity: 1 });
  await ensureDefaultAddressViaApi(page.request);

  // The cart and my orders are read once; everything after is the browser's own navigation.
  await page.goto("/orders");
  await expect(page.getByText("You have not placed any orders yet.")).toBeVisible();
  await page.getByTestId("header-cart").click();
  await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(bottle.priceMinor));

  await page.getByRole("main").getByRole("link", { name: bottle.name, exact: true }).click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("header-cart")).toHaveText("Cart (2 items)");
  await page.getByTestId("header-cart").click();
  await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(2 * bottle.priceMinor));

  await page.getByRole("link", { name: "Checkout" }).click();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  await page.getByRole("banner").getByRole("link", { name: "My orders" }).click();
  await expect(page.getByRole("table", { name: "Your orders" }).locator("tbody tr")).toHaveCount(1);
  await expect(page.getByText("1 order", { exact: true })).toBeVisible();
});

test("[SHOP][PAGES] the home page, the cart, checkout, my orders and the cashier read what they show in one API request, the header's", async ({ page }) => {
  await signUpViaApi(page.request, "One Batch Reader");
  const order = await placeOrderViaApi(page.request, [{ q: "Tea", quantity: 1 }]);
  const pages: [string, string[], string][] = [
    ["/?q=no-such-product-anywhere&page=2", ["auth.header", "catalog.categories", "catalog.list"], "No products match your search."],
    ["/cart", ["auth.header", "cart.get"], "Your cart is empty."],
    ["/checkout", ["address.list", "auth.header", "cart.get"], "Your cart is empty, so there is nothing to check out yet."],
    ["/orders?page=2&status=paid", ["auth.header", "order.mine"], "You have no orders with this status."],
    [`/pay/${order.id}`, ["auth.header", "payment.cashier"], `Pay for order ${order.orderNo}`],
  ];
  for (const [path, procedures, shown] of pages) {
    expect(await apiRequestsOpening(page, path, shown), path).toEqual([procedures]);
  }
});

/** Ends every other session of `account` the way a shopper can: a password change from elsewhere. */
async function endSessionsElsewhere(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string | undefined, account: { email: string; password: string }) {
  const elsewhere = await playwright.request.newContext({ baseURL });
  await signInRequest(elsewhere, account);
  await trpcMutation(elsewhere, "account.changePassword", { currentPassword: account.password, newPassword: "e2e-password-2" });
  await elsewhere.dispose();
}

/**
 * A built page that needs a session learns only from its API read that the session has ended
 * since the proxy let it through (the token is still valid, the session row is gone): it sends
 * the reader to sign in and back, as the pages rendered on the server did.
 */
test("[SHOP][PAGES] checkout and my orders send a reader whose session has ended to sign in and back", async ({ page, playwright, baseURL }) => {
  const account = await signUpViaApi(page.request, "Ended");
  await endSessionsElsewhere(playwright, baseURL, account);

  for (const path of ["/checkout", "/orders?status=paid"]) {
    await page.goto(path);
    await expect(page).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("callbackUrl") === path);
  }
});

/**
 * The same for a page that shows one of the reader's records: an ended session is not a record
 * the reader may not see (the not-found page), it is a reader to sign in again.
 */
test("[SHOP][PAGES] an order's page, its tracking and its cashier send a reader whose session has ended to sign in and back", async ({ page, playwright, baseURL }) => {
  const account = await signUpViaApi(page.request, "Ended Owner");
  const order = await placeOrderViaApi(page.request, [{ q: "Tea", quantity: 1 }]);
  await endSessionsElsewhere(playwright, baseURL, account);

  for (const path of [`/orders/${order.id}`, `/orders/${order.id}/tracking`, `/pay/${order.id}`]) {
    await page.goto(path);
    await expect(page).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("callbackUrl") === path);
  }
});

/**
 * The gateway keeps the pages Next built once (docs/operations.md, "Built pages and the
 * gateway's cache"): a second view of the same page, language and kind of reader is answered
 * without Next. What each reader is owed stays theirs: the language they read, the sign-in a
 * visitor is sent to, the 404 of someone else's order.
 */
test("[SHOP][PAGES] a built page's next view comes from the gateway's cache, still in the reader's language, still sending a visitor to sign in and hiding another shopper's order", async ({ playwright, baseURL }) => {
  const [first, second, visitor] = await Promise.all([playwright.request.newContext({ baseURL }), playwright.request.newContext({ baseURL }), playwright.request.newContext({ baseURL })]);
  const chinese = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "zh-CN" } });
  await Promise.all([signUpViaApi(first, "Cached Reader One"), signUpViaApi(second, "Cached Reader Two"), signUpViaApi(chinese, "Cached Reader Zh")]);
  const [orderA, orderB] = await Promise.all([placeOrderViaApi(first, [{ q: "Tea", quantity: 1 }]), placeOrderViaApi(second, [{ q: "Tea", quantity: 1 }])]);
  const cacheOf = (response: { headers(): Record<string, string> }) => response.headers()["x-shopflow-page-cache"];

  // Two shoppers' own orders are one shell: after either has been viewed, the other comes from the cache.
  expect((await first.get(`/orders/${orderA.id}`)).status()).toBe(200);
  const own = await second.get(`/orders/${orderB.id}`);
  expect([own.status(), cacheOf(own)]).toEqual([200, "hit"]);
  // Someone else's order is still the not-found page, from Next, whatever the cache holds.
  const stranger = await second.get(`/orders/${orderA.id}`, { maxRedirects: 0 });
  expect([stranger.status(), cacheOf(stranger)]).toEqual([404, undefined]);
  expect(titleOf(await stranger.text())).toBe("Page not found · shopflow");

  // Checkout, once a shopper has opened it: a visitor is still sent to sign in, a Chinese reader gets Chinese.
  await first.get("/checkout");
  const again = await second.get("/checkout");
  expect([again.status(), cacheOf(again)]).toEqual([200, "hit"]);
  expect(await again.text()).toContain('<html lang="en"');
  const signedOut = await visitor.get("/checkout", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toBe("/sign-in?callbackUrl=%2Fcheckout");
  await chinese.get("/checkout");
  const zh = await chinese.get("/checkout");
  expect(cacheOf(zh)).toBe("hit");
  expect(await zh.text()).toContain('<html lang="zh-CN"');
  await Promise.all([first, second, visitor, chinese].map((context) => context.dispose()));
});
