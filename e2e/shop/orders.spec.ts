import { expect, test } from "@playwright/test";
import { placeOrderViaApi, trpcMutation } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

test("[SHOP][ORDER] a shopper visiting another shopper's order URL sees the not-found page", async ({ page, browser, baseURL }) => {
  test.slow();
  await signInViaApi(page, DEMO.shopper);
  const order = await placeOrderViaApi(page.request, [{ q: "Tote", quantity: 1 }]);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Order ${order.orderNo}` })).toBeVisible();

  const otherContext = await browser.newContext({ baseURL });
  const other = await otherContext.newPage();
  await signInViaApi(other, DEMO.shopper2);
  await other.goto(`/orders/${order.id}`);
  await expect(other.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(other.getByText(order.orderNo)).toHaveCount(0);
  await other.goto("/orders/not-an-order-id");
  await expect(other.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await otherContext.close();

  // Signed out, the order URL leads to sign-in and back.
  const guestContext = await browser.newContext({ baseURL });
  const guest = await guestContext.newPage();
  await guest.goto(`/orders/${order.id}`);
  await expect(guest).toHaveURL(/\/sign-in\?callbackUrl=%2Forders%2F/);
  await guestContext.close();

  await trpcMutation(page.request, "order.cancel", { id: order.id });
});

test("[SHOP][ORDER] a shopper cancels an order awaiting payment and the history shows it", async ({ page }) => {
  await signUpViaApi(page.request, "Cancel Tester");
  const order = await placeOrderViaApi(page.request, [{ q: "Notebook", quantity: 2 }]);
  await page.goto(`/orders/${order.id}`);
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByText("Cancel this order? Its items go back into stock.")).toBeVisible();
  await page.getByRole("button", { name: "Keep the order" }).click();
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel the order" }).click();

  await expect(page.getByText("Cancelled").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Pay now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  const history = page.getByRole("region", { name: "Status history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText("Awaiting payment → Cancelled");
});

test("[SHOP][ORDERS] My orders pages on the server and filters by status", async ({ page }) => {
  await signUpViaApi(page.request, "Pager Tester");
  await page.goto("/orders");
  await expect(page.getByText("You have not placed any orders yet.")).toBeVisible();

  const placed = [];
  for (let i = 0; i < 11; i++) placed.push(await placeOrderViaApi(page.request, [{ q: "Notebook", quantity: 1 }]));
  await trpcMutation(page.request, "order.cancel", { id: placed[0]!.id });

  await page.goto("/orders");
  const rows = page.getByRole("table", { name: "Your orders" }).locator("tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText(placed[10]!.orderNo);
  await expect(page.getByText("11 orders")).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(placed[0]!.orderNo);
  await expect(rows.first()).toContainText("Cancelled");

  await page.getByLabel("Status").selectOption("cancelled");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=cancelled/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByText("1 order", { exact: true })).toBeVisible();
  await page.getByLabel("Status").selectOption("completed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("You have no orders with this status.")).toBeVisible();
});

test("[SHOP][ORDER] the order page reads the order and its payment section once, in one batch with the header, and carries no message catalog", async ({ page }) => {
  await signUpViaApi(page.request, "One Read Tester");
  const order = await placeOrderViaApi(page.request, [{ q: "Notebook", quantity: 1 }]);
  const apiReads: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/trpc/")) apiReads.push(pathname.slice("/api/trpc/".length));
  });
  const response = await page.goto(`/orders/${order.id}`);
  await expect(page.getByRole("heading", { name: "Payment", exact: true })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The totals, the history and the payment section share one read, sent with the header's.
  expect(apiReads).toEqual(["auth.header,order.byId,payment.forOrder"]);
  // The shop's client messages come with the scripts, not inside each page's HTML.
  const html = await response!.text();
  expect(html).not.toContain("refundStatus");
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeVisible();
});
