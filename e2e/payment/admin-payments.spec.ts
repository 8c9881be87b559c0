import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { adminPage, payByApi, readPaymentSettings, shopperWithPendingOrder, trpcQuery, writePaymentSettings } from "./payment-helpers";

test.describe.configure({ timeout: 90_000 });

test("[ADMIN][PAYMENT] admin changes the success rate to 0% and the next payment fails", async ({ page, browser, baseURL }) => {
  await signInViaApi(page, DEMO.admin);
  const before = await readPaymentSettings(page.request);
  try {
    await page.goto("/admin/settings/payments");
    await expect(page.getByRole("heading", { name: "Payment settings" })).toBeVisible();
    await page.getByLabel("Success rate (%)", { exact: true }).fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Change history" })).toContainText(DEMO.admin.email);
    // Each changed setting reads "label: old → new"; the stored JSON is one click away.
    await expect(page.getByTestId("settings-change").first()).toContainText(/Success rate \(%\): \d+ → 0/);

    const shopperContext = await browser.newContext({ baseURL });
    const shopper = await shopperContext.newPage();
    const order = await shopperWithPendingOrder(shopper);
    await shopper.goto(`/pay/${order.orderId}`);
    await shopper.getByRole("radio", { name: /Shop balance/ }).check();
    await shopper.getByRole("button", { name: /^Pay / }).click();
    await expect(shopper.getByRole("alert").filter({ hasText: "Payment failed" })).toContainText("The payment was declined.");
    await shopperContext.close();
  } finally {
    await writePaymentSettings(page.request, { successPercent: before.successPercent });
  }
  expect((await readPaymentSettings(page.request)).successPercent).toBe(before.successPercent);
});

test("[ADMIN][PAYMENT] admin finds a payment by number, reads its timeline and sees it in the report", async ({ page }) => {
  await page.goto("/");
  const order = await shopperWithPendingOrder(page);
  const { paymentId } = await payByApi(page.request, order.orderId);
  const payment = await trpcQuery<{ paymentSn: string }>(page.request, "payment.byId", { paymentId });

  const admin = await adminPage(page);
  await admin.goto("/admin/payments");
  await admin.getByLabel("Payment number").fill(payment.paymentSn);
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin.getByText("1 payment", { exact: true })).toBeVisible();
  await admin.getByRole("link", { name: payment.paymentSn }).click();
  const timeline = admin.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Request to gateway");
  await expect(timeline).toContainText("Processing → Paid");
  await expect(admin.getByRole("heading", { name: "Gateway ledger" })).toBeVisible();

  // Refund it fully from the admin page: the action is logged on the payment.
  await admin.getByLabel("Amount").fill((order.payableTotalMinor / 100).toFixed(2));
  await admin.getByLabel("Reason", { exact: true }).fill("Goodwill");
  await admin.getByRole("button", { name: "Refund", exact: true }).click();
  const amount = new Intl.NumberFormat("en", { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol" }).format(order.payableTotalMinor / 100);
  const confirm = admin.getByRole("dialog", { name: `Refund ${amount} to the shopper?` });
  await expect(confirm.getByTestId("confirm-amount")).toHaveText(amount);
  await confirm.getByRole("button", { name: `Refund ${amount}` }).click();
  await expect(admin.getByText(/Refund RF\d+ submitted\./)).toBeVisible();

  await admin.goto("/admin/reports/payments");
  await expect(admin.getByRole("heading", { name: "Payment report" })).toBeVisible();
  await expect(admin.getByRole("img", { name: "Payments per day by status" })).toBeVisible();
  // A year is drawn one bar per week (53 bars, not 366), and the captions say so.
  await admin.goto(`/admin/reports/payments?from=${yearAgo()}&to=${today()}`);
  await expect(admin.getByRole("img", { name: "Payments per week by status (each bar from its Monday)" })).toBeVisible();
  await expect(admin.getByRole("img", { name: "Amount per week by method (each point from its Monday)" })).toBeVisible();
  await admin.context().close();
});

const chinaDay = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
const today = () => chinaDay(0);
const yearAgo = () => chinaDay(365);
