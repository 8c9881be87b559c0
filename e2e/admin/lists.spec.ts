import { expect, test } from "@playwright/test";
import { parseShownMoney, placeOrderViaApi, trpcMutation } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";
import { payByApi } from "../payment/payment-helpers";

const PAYMENTS = 23;

test("[ADMIN][LISTS] admin pages payments with Next and Previous and sorts them by clicking a column header", async ({ page, playwright, baseURL }) => {
  test.slow();
  // Payments of one amount of their own (three notebooks), enough for two pages of twenty.
  const shopperRequest = await playwright.request.newContext({ baseURL });
  await signUpViaApi(shopperRequest, "Admin Lists Tester");
  let amountMinor = 0;
  for (let i = 0; i < PAYMENTS; i++) {
    const order = await placeOrderViaApi(shopperRequest, [{ q: "Notebook", quantity: 3 }]);
    const { payment } = await trpcMutation<{ payment: { amountMinor: number } }>(shopperRequest, "payment.create", { orderId: order.id, method: i % 2 ? "alipay" : "card" });
    amountMinor = payment.amountMinor;
  }
  await shopperRequest.dispose();
  const amount = (amountMinor / 100).toFixed(2);

  await signInViaApi(page, DEMO.admin);
  await page.goto(`/admin/payments?min=${amount}&max=${amount}`);
  const table = page.getByRole("table", { name: "Payments" });
  const rows = table.locator("tbody tr");
  const numbers = async () => (await rows.locator("td:first-child").allTextContents()).map((s) => s.trim());
  await expect(rows).toHaveCount(20);
  await expect(page.getByTestId("page-number")).toHaveText("Page 1");
  const pageOne = await numbers();

  // Next: the following rows, none of the first page again; the URL carries a cursor, not an offset.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  await expect(page).toHaveURL(/cursor=/);
  await expect(page).not.toHaveURL(/page=/);
  const pageTwo = await numbers();
  expect(pageTwo.length).toBeGreaterThanOrEqual(PAYMENTS - 20);
  for (const sn of pageTwo) expect(pageOne).not.toContain(sn);
  // The newest first: page two holds older payments than page one.
  expect([...pageOne, ...pageTwo]).toEqual([...pageOne, ...pageTwo].sort().reverse());

  // Previous: exactly the first page again.
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 1");
  expect(await numbers()).toEqual(pageOne);
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);

  // Sort by clicking "Created": oldest first, the header says so, the filters stay.
  const created = table.getByRole("columnheader", { name: /Created/ });
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await created.getByRole("link").click();
  await expect(page).toHaveURL(/sort=created_asc/);
  await expect(page).toHaveURL(new RegExp(`min=${amount.replace(".", "\\.")}`));
  await expect(table.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "ascending");
  const oldestFirst = await numbers();
  expect(oldestFirst).toEqual([...oldestFirst].sort());
  expect(oldestFirst[0]! < pageOne[pageOne.length - 1]!).toBe(true);

  // "Amount" sorts largest first, then smallest first on a second click.
  await table.getByRole("columnheader", { name: /Amount/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=amount_desc/);
  await expect(table.getByRole("columnheader", { name: /Amount/ })).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "none");
  await table.getByRole("columnheader", { name: /Amount/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=amount_asc/);
  await expect(table.getByRole("columnheader", { name: /Amount/ })).toHaveAttribute("aria-sort", "ascending");
  // Paging still works in this sort.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  await expect(page).toHaveURL(/sort=amount_asc/);

  // The total is exact at this size (a reused test database may hold earlier runs' payments of
  // the same amount) and is worded as a count, not as an estimate.
  const total = page.getByTestId("list-total");
  await expect(total).toHaveText(/^\d+ payments$/);
  expect(Number((await total.textContent())!.split(" ")[0])).toBeGreaterThanOrEqual(PAYMENTS);
  await expect(total).not.toHaveAttribute("data-estimate", "true");
});

test("[ADMIN][REPORTS] the reports are one page of tabs sharing a range, with both success rates labelled", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin/reports");
  await expect(page).toHaveURL(/\/admin\/reports\/payments\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  // Both rates, each named for what it counts, in the figures and in the per-method table.
  for (const name of ["Success rate (by final outcome)", "Success rate (by attempt)"]) {
    await expect(page.getByRole("term").filter({ hasText: new RegExp(`^${name.replace(/[()]/g, "\\$&")}$`) })).toBeVisible();
    await expect(page.getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("success-rate-attempt")).toHaveText(/%|—/);
  await page.getByLabel("From").fill("2026-01-01");
  await page.getByLabel("To").fill("2026-01-31");
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Logistics" }).click();
  await expect(page).toHaveURL(/\/admin\/reports\/logistics\?from=2026-01-01&to=2026-01-31/);
  await expect(page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Logistics" })).toHaveAttribute("aria-current", "page");
});

test("[ADMIN][LISTS] admin sorts shipments by clicking the Fee and Created headers, and the sort survives paging and filters", async ({ page, playwright, baseURL }) => {
  test.slow();
  // Two parcels of different weights, so at least two fees differ.
  const shopperRequest = await playwright.request.newContext({ baseURL });
  await signUpViaApi(shopperRequest, "Shipment Sort Tester");
  const orders = [];
  for (const quantity of [1, 6]) {
    const order = await placeOrderViaApi(shopperRequest, [{ q: "Notebook", quantity }]);
    await payByApi(shopperRequest, order.id);
    orders.push(order);
  }
  await shopperRequest.dispose();
  await signInViaApi(page, DEMO.admin);
  for (const order of orders) await trpcMutation(page.request, "adminLogistics.ship", { orderId: order.id });

  await page.goto("/admin/shipments");
  const table = page.getByRole("table", { name: "Shipments" });
  const fees = async () => (await table.locator("tbody tr td:nth-child(7)").allTextContents()).map(parseShownMoney);
  const header = (name: string) => table.getByRole("columnheader", { name: new RegExp(`^${name}`) });
  await expect(header("Created")).toHaveAttribute("aria-sort", "descending");

  // Fee: largest first, then smallest first on a second click.
  await header("Fee").getByRole("link").click();
  await expect(page).toHaveURL(/sort=fee_desc/);
  await expect(header("Fee")).toHaveAttribute("aria-sort", "descending");
  await expect(header("Created")).toHaveAttribute("aria-sort", "none");
  const largestFirst = await fees();
  expect(largestFirst.length).toBeGreaterThanOrEqual(2);
  expect(largestFirst).toEqual([...largestFirst].sort((a, b) => b - a));
  await header("Fee").getByRole("link").click();
  await expect(page).toHaveURL(/sort=fee_asc/);
  await expect(header("Fee")).toHaveAttribute("aria-sort", "ascending");
  const smallestFirst = await fees();
  expect(smallestFirst).toEqual([...smallestFirst].sort((a, b) => a - b));

  // Filters keep the sort, and the sort keeps the filters.
  await page.getByLabel("Order number").fill(orders[1]!.orderNo);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/sort=fee_asc/);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await header("Created").getByRole("link").click();
  await expect(page).toHaveURL(/sort=created_desc/);
  await expect(page).toHaveURL(new RegExp(`orderNo=${orders[1]!.orderNo}`));
  await expect(table.locator("tbody tr")).toHaveCount(1);
  // Paging in a sort keeps it.
  await page.goto("/admin/shipments?sort=fee_asc");
  const next = page.getByRole("link", { name: "Next" });
  if (await next.count()) {
    await next.click();
    await expect(page).toHaveURL(/sort=fee_asc/);
    await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  }
});
