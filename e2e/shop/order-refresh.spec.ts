import { expect, test } from "@playwright/test";
import { shopperWithPendingOrder, trpcMutation } from "../payment/payment-helpers";

/**
 * After an action, everything on the page that it changed shows the new state without a
 * reload: cancelling an order closes its payment, so the payment section's badge turns from
 * "Failed" to "Cancelled" along with the order's own status (in both languages). The page is
 * built once for every order, so only its reads are sent again, not a request for the page.
 */
test("[SHOP][ORDER] cancelling an order after a declined card updates the payment badge without a reload", async ({ page }) => {
  test.setTimeout(120_000);
  const { orderId } = await shopperWithPendingOrder(page);
  const { payment } = await trpcMutation<{ payment: { id: string } }>(page.request, "payment.create", { orderId, method: "card" });
  const declined = await trpcMutation<{ outcome: string }>(page.request, "payment.pay", { paymentId: payment.id, method: "card", card: { number: "4000000000000002" } });
  expect(declined.outcome).toBe("failed");

  await page.goto(`/orders/${orderId}`);
  const paymentItem = page.getByRole("list", { name: "Payment" }).getByRole("listitem").first();
  // The badge (the status history below it stays folded away).
  await expect(paymentItem.getByText("Failed", { exact: true })).toBeVisible();
  await expect(paymentItem.getByText("Your card was declined.")).toBeVisible();
  // Marks this document: a reload would drop the mark.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  // The router asking the server for this page again (a refresh; a link's prefetch is not one).
  const pageRequests: string[] = [];
  page.on("request", (request) => {
    const headers = request.headers();
    if (headers.rsc === "1" && !headers["next-router-prefetch"] && new URL(request.url()).pathname === `/orders/${orderId}`) pageRequests.push(request.url());
  });

  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Cancelled");
  await expect(paymentItem.getByText("Cancelled", { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(paymentItem.getByText("Failed", { exact: true })).toBeHidden();
  await expect(paymentItem.getByText("Your card was declined.")).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(pageRequests, "the built page is not asked for again").toEqual([]);

  // In Chinese the closed payment reads "已取消", never "支付失败".
  await page.getByLabel("Language").selectOption("zh-CN");
  const zhItem = page.getByRole("list", { name: "支付" }).getByRole("listitem").first();
  await expect(zhItem.getByText("已取消", { exact: true })).toBeVisible();
  await expect(zhItem.getByText("支付失败", { exact: true })).toBeHidden();
});
