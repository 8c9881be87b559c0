import { expect, test } from "@playwright/test";
import { placeOrderViaApi, trpcMutation } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

/** Today's date in China time, as a date input holds it. */
function chinaDay(offsetDays = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

test("[ADMIN][ORDERS] admin filters orders by shopper, status, date and number, and reads the order's timeline", async ({ page, playwright, baseURL }) => {
  test.slow();
  const shopperRequest = await playwright.request.newContext({ baseURL });
  const shopper = await signUpViaApi(shopperRequest, "Admin Filter Tester");
  const kept = await placeOrderViaApi(shopperRequest, [{ q: "Notebook", quantity: 1 }]);
  const cancelled = await placeOrderViaApi(shopperRequest, [{ q: "Tote", quantity: 1 }]);
  await trpcMutation(shopperRequest, "order.cancel", { id: cancelled.id });
  await shopperRequest.dispose();

  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin/orders");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Orders" }).locator("tbody tr");
  const apply = () => page.getByRole("button", { name: "Apply filters" }).click();

  await page.getByLabel("Shopper (email or name)").fill(shopper.email);
  await apply();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("orders-count")).toHaveText("2 orders");
  await expect(rows.first()).toContainText(cancelled.orderNo);

  await page.getByLabel("Status").selectOption("cancelled");
  await apply();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(cancelled.orderNo);
  await expect(rows.first()).toContainText("Cancelled");

  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Created from").fill(chinaDay());
  await page.getByLabel("Created to").fill(chinaDay());
  await apply();
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Created from").fill(chinaDay(-3));
  await page.getByLabel("Created to").fill(chinaDay(-2));
  await apply();
  await expect(page.getByText("No orders match these filters.")).toBeVisible();

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Shopper (email or name)")).toHaveValue("");
  await page.getByLabel("Order number").fill(kept.orderNo);
  await apply();
  await expect(rows).toHaveCount(1);

  await page.goto(`/admin/orders?shopper=${encodeURIComponent(shopper.email)}&status=cancelled`);
  await rows.first().getByRole("link", { name: cancelled.orderNo }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${cancelled.orderNo}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Shopper" })).toContainText(shopper.email);
  // The order's own status changes, in the one timeline of everything that happened to it.
  const log = page.getByRole("table", { name: "Timeline" }).locator('tbody tr[data-source="order"]');
  await expect(log).toHaveCount(2);
  await expect(log.nth(1)).toContainText("Order: Awaiting payment → Cancelled");
  await expect(log.nth(1)).toContainText("Shopper");
  await expect(log.nth(1)).toContainText("Cancelled by the shopper");
  await expect(log.nth(1).locator("td").nth(4)).not.toHaveText("—");

  await page.goto("/admin/orders/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
