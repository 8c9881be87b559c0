import { expect, test } from "@playwright/test";
import { placeOrderViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { DEMO, signInRequest, signInViaApi, signUpViaApi } from "../fixtures/auth";

/**
 * The admin lists are built once per language and served as built: Next's prerendered page,
 * whatever the query, with no row in its HTML. The rows, totals and pages are read by the
 * browser from the API with the filters from the URL. A shopper still finds no admin area.
 */
const LISTS = ["/admin/orders", "/admin/payments", "/admin/refunds", "/admin/shipments"];

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
  expect(orders.items.length).toBeGreaterThan(0);
  expect(payments.items.length).toBeGreaterThan(0);

  for (const path of LISTS) {
    for (const url of [path, `${path}?sort=created_asc&orderNo=x`]) {
      const answer = await admin.get(url);
      expect(answer.status(), url).toBe(200);
      expect(answer.headers()["x-nextjs-prerender"], url).toBeTruthy();
      const html = await answer.text();
      expect(html).toContain('<html lang="en"');
      expect(html).not.toContain("<tbody");
      for (const order of orders.items) expect(html, url).not.toContain(order.orderNo);
      for (const payment of payments.items) expect(html, url).not.toContain(payment.paymentSn);
      expect(html).not.toContain(DEMO.admin.email);
      expect(html).not.toContain(account.email);
    }
  }
  const chinese = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "zh-CN" } });
  await signInRequest(chinese, DEMO.admin);
  const zh = await chinese.get("/admin/orders");
  expect(zh.headers()["x-nextjs-prerender"]).toBeTruthy();
  expect(await zh.text()).toContain('<html lang="zh-CN"');

  // A shopper finds no admin area, built pages included.
  const shopper = await playwright.request.newContext({ baseURL });
  await signInRequest(shopper, DEMO.shopper);
  for (const path of LISTS) expect((await shopper.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
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
