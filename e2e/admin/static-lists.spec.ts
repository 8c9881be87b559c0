import { expect, test } from "@playwright/test";
import { catalogValue } from "../fixtures/admin-lists";
import { placeOrderViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { apiRequestsOpening } from "../fixtures/api-calls";
import { DEMO, signInRequest, signInViaApi, signUpViaApi } from "../fixtures/auth";

/**
 * The admin lists are built once per language and served as built: Next's prerendered page,
 * whatever the query, with no row in its HTML. The rows, totals and pages are read by the
 * browser from the API with the filters from the URL. A shopper still finds no admin area.
 */
const LISTS: { path: string; query: string; title?: string }[] = [
  { path: "/admin/orders", query: "sort=created_asc&orderNo=x" },
  { path: "/admin/payments", query: "sort=created_asc&orderNo=x" },
  { path: "/admin/refunds", query: "sort=created_asc&orderNo=x" },
  { path: "/admin/shipments", query: "sort=created_asc&orderNo=x" },
  { path: "/admin/products", query: "q=Tea&status=visible&page=2", title: "catalog.admin.products.title" },
  { path: "/admin/stock", query: "page=2", title: "catalog.admin.stock.lowTitle" },
  { path: "/admin/users", query: "q=e2e&role=shopper&status=active&page=2", title: "users.title" },
];

/** Where a list says which page of how many it shows ("Page 2 of 3", "第 2 / 3 页"), any number of pages. */
const pageOf = (locale: "en" | "zh-CN", page: number) =>
  new RegExp(`^${(catalogValue(locale, "common.pagination.pageOf") as string).replace("{page}", String(page)).replace("{pages}", "\\d+")}$`);

test("[ADMIN][PAGES] the admin lists are Next's prerendered pages and carry no rows in their HTML", async ({ playwright, baseURL }) => {
  // An order and its payment of a shopper of this test's own, so the lists have rows.
  const buyer = await playwright.request.newContext({ baseURL });
  const account = await signUpViaApi(buyer, "Built Lists Buyer");
  const order = await placeOrderViaApi(buyer, [{ q: "Tea", quantity: 1 }]);
  await trpcMutation(buyer, "payment.create", { orderId: order.id, method: "card" });
  const admin = await playwright.request.newContext({ baseURL });
  await signInRequest(admin, DEMO.admin);
  // Identifiers that the lists' first pages show: none of them may be in a built page.
  const orders = await trpcQuery<{ items: { id: string; orderNo: string }[] }>(admin, "adminOrder.list", { pageSize: 20, sort: "created_desc" });
  const payments = await trpcQuery<{ items: { paymentSn: string }[] }>(admin, "adminPayment.list", { pageSize: 20, sort: "created_desc" });
  const products = await trpcQuery<{ items: { id: string; sku: string }[] }>(admin, "adminCatalog.products", { page: 1, pageSize: 25 });
  const categories = await trpcQuery<{ id: string }[]>(admin, "adminCatalog.categories");
  const lowStock = await trpcQuery<{ items: { productId: string; sku: string }[] }>(admin, "adminStock.lowStock", { page: 1, pageSize: 25 });
  const users = await trpcQuery<{ items: { id: string; email: string }[] }>(admin, "adminUsers.list", { page: 1, pageSize: 25 });
  expect(orders.items.length).toBeGreaterThan(0);
  expect(payments.items.length).toBeGreaterThan(0);
  expect(products.items.length).toBeGreaterThan(0);
  expect(categories.length).toBeGreaterThan(0);
  expect(users.items.length).toBeGreaterThan(0);
  const identifiers = [
    ...products.items.flatMap((p) => [p.id, p.sku]),
    ...categories.map((c) => c.id),
    ...lowStock.items.flatMap((r) => [r.productId, r.sku]),
    ...users.items.flatMap((u) => [u.id, u.email]),
  ];

  for (const { path, query } of LISTS) {
    for (const url of [path, `${path}?${query}`]) {
      const answer = await admin.get(url);
      expect(answer.status(), url).toBe(200);
      expect(answer.headers()["x-nextjs-prerender"], url).toBeTruthy();
      const html = await answer.text();
      expect(html).toContain('<html lang="en"');
      expect(html).not.toContain("<tbody");
      for (const order of orders.items) expect(html, url).not.toContain(order.orderNo);
      for (const payment of payments.items) expect(html, url).not.toContain(payment.paymentSn);
      for (const identifier of identifiers) expect(html, url).not.toContain(identifier);
      expect(html).not.toContain(DEMO.admin.email);
      expect(html).not.toContain(account.email);
    }
  }
  const chinese = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "zh-CN" } });
  await signInRequest(chinese, DEMO.admin);
  for (const { path, query, title } of LISTS) {
    const zh = await chinese.get(`${path}?${query}`);
    expect(zh.headers()["x-nextjs-prerender"], path).toBeTruthy();
    const html = await zh.text();
    expect(html, path).toContain('<html lang="zh-CN"');
    // The title the page shows while its rows are read, in the page's language.
    if (title) expect(html, path).toContain(`<h1 class="text-2xl font-semibold">${catalogValue("zh-CN", title) as string}</h1>`);
    for (const identifier of identifiers) expect(html, path).not.toContain(identifier);
  }

  // A shopper finds no admin area, built pages included.
  const shopper = await playwright.request.newContext({ baseURL });
  await signInRequest(shopper, DEMO.shopper);
  for (const { path } of LISTS) expect((await shopper.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  await Promise.all([buyer, admin, chinese, shopper].map((context) => context.dispose()));
});

test("[ADMIN][PAGES] a built list shows the rows the URL asks for, and who is signed in", async ({ page, playwright, baseURL }) => {
  const buyer = await playwright.request.newContext({ baseURL });
  const { email } = await signUpViaApi(buyer, "Built List Reader");
  await placeOrderViaApi(buyer, [{ q: "Tea", quantity: 1 }]);
  await placeOrderViaApi(buyer, [{ q: "Tea", quantity: 2 }]);
  await buyer.dispose();
  await signInViaApi(page, DEMO.admin);
  await page.goto(`/admin/orders?sort=created_asc&shopper=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("signed-in-user")).not.toBeEmpty();
  const table = page.getByRole("table", { name: "Orders" });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  for (const text of await table.locator("tbody tr").allTextContents()) expect(text).toContain(email);
  await expect(page.getByLabel("Shopper (email or name)")).toHaveValue(email);
});

test("[ADMIN][PAGES] every built admin list reads what it shows in one API request, the header's", async ({ page }) => {
  test.slow();
  await signInViaApi(page, DEMO.admin);
  const pages: [string, string[], string][] = [
    ["/admin/orders?status=paid&orderNo=no-such-order", ["adminCarriers.list", "adminOrder.list", "auth.header"], "No orders match these filters."],
    ["/admin/payments?orderNo=no-such-order", ["adminPayment.list", "auth.header"], "No payments match these filters."],
    ["/admin/refunds?orderNo=no-such-order", ["adminPayment.refunds.list", "auth.header"], "No refunds match these filters."],
    ["/admin/shipments?orderNo=no-such-order", ["adminCarriers.list", "adminLogistics.list", "adminLogistics.toShip", "auth.header"], "No shipments match these filters."],
    ["/admin/products?q=no-such-product-anywhere&page=2", ["adminCatalog.categories", "adminCatalog.products", "auth.header"], "No products match these filters."],
    ["/admin/stock?page=10000", ["adminStock.lowStock", "auth.header"], "No product is low on stock."],
    ["/admin/users?q=no-such-user-anywhere&role=admin", ["adminUsers.list", "auth.header"], "No users match."],
  ];
  for (const [path, procedures, shown] of pages) {
    expect(await apiRequestsOpening(page, path, shown), path).toEqual([procedures]);
  }
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`[ADMIN][PAGES] the built products, stock and users lists show what their URL asks for (${locale})`, async ({ page, context, playwright, baseURL }) => {
    test.slow();
    const word = (key: string) => catalogValue(locale, key) as string;
    const buyer = await playwright.request.newContext({ baseURL });
    const { email } = await signUpViaApi(buyer, "Built Users Reader");
    await buyer.dispose();
    await context.addCookies([{ name: "shopflow-locale", value: locale, url: baseURL! }]);
    await signInViaApi(page, DEMO.admin);

    // Products: a search, a category and a status from the URL; the category's option arrives with the categories.
    const visible = await trpcQuery<{ items: { sku: string; categoryNameEn: string }[] }>(page.request, "adminCatalog.products", { page: 1, pageSize: 25, status: "visible" });
    const categories = await trpcQuery<{ id: string; nameEn: string }[]>(page.request, "adminCatalog.categories");
    const product = visible.items[0]!;
    const category = categories.find((c) => c.nameEn === product.categoryNameEn)!;
    await page.goto(`/admin/products?q=${encodeURIComponent(product.sku)}&category=${category.id}&status=visible`);
    const products = page.getByRole("table", { name: word("catalog.admin.products.title") });
    const row = products.locator("tbody tr").filter({ hasText: product.sku });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(word("catalog.status.visible"));
    const productFilters = page.getByRole("search");
    await expect(productFilters.locator('input[name="q"]')).toHaveValue(product.sku);
    await expect(productFilters.locator('select[name="category"]')).toHaveValue(category.id);
    await expect(productFilters.locator('select[name="status"]')).toHaveValue("visible");
    await expect(page.getByRole("navigation", { name: word("common.pagination.label") }).getByText(pageOf(locale, 1))).toBeVisible();
    await expect(page.getByRole("link", { name: word("catalog.admin.products.new") })).toHaveAttribute("href", "/admin/products/new");

    // Users: the new shopper alone, then every user once the filters are cleared (a client navigation).
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}&role=shopper`);
    const users = page.getByRole("table", { name: word("users.title") });
    await expect(users.locator("tbody tr")).toHaveCount(1);
    await expect(users.locator("tbody tr")).toContainText(email);
    await expect(users.locator("tbody tr")).toContainText(word("users.roles.shopper"));
    await expect(users.locator("tbody tr")).toContainText(word("users.statuses.active"));
    const userFilters = page.getByRole("search");
    await expect(userFilters.locator('input[name="q"]')).toHaveValue(email);
    await expect(userFilters.locator('select[name="role"]')).toHaveValue("shopper");
    await userFilters.getByTestId("filters-clear").click();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/users" && url.search === "");
    await expect(users.locator("tbody tr").nth(1)).toBeVisible();
    await expect(userFilters.locator('input[name="q"]')).toHaveValue("");
    await expect(userFilters.locator('select[name="role"]')).toHaveValue("");

    // Low stock: its total, and a page past the end still says where it is and links back.
    await page.goto("/admin/stock");
    await expect(page.getByTestId("list-total")).toHaveText(/\d/);
    await page.goto("/admin/stock?page=10000");
    await expect(page.getByRole("main").getByText(word("catalog.admin.stock.lowEmpty"))).toBeVisible();
    const pager = page.getByRole("navigation", { name: word("common.pagination.label") });
    await expect(pager.getByText(pageOf(locale, 10000))).toBeVisible();
    await expect(pager.getByRole("link", { name: word("common.pagination.previous") })).toHaveAttribute("href", "/admin/stock?page=9999");
  });
}
