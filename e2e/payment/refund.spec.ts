import { expect, test } from "@playwright/test";
import { adminPage, payByApi, readPaymentSettings, shopperWithPendingOrder, trpcQuery, writePaymentSettings } from "./payment-helpers";

test.describe.configure({ timeout: 120_000 });

test("[SHOP][ADMIN][REFUND] shopper requests a partial refund, admin approves, shopper sees it succeed", async ({ page, baseURL }) => {
  await page.goto("/");
  const admin = await adminPage(page);
  const before = await readPaymentSettings(admin.request);
  try {
    await writePaymentSettings(admin.request, { refundDelaySeconds: 1, refundFailurePercent: 0 });

    const order = await shopperWithPendingOrder(page);
    await payByApi(page.request, order.orderId);
    // The shopper's order page carries the payment section with the refund form.
    await page.goto(`/orders/${order.orderId}`);
    await expect(page.getByRole("region", { name: "Payment", exact: true })).toContainText("Paid");

    await page.getByRole("button", { name: "Request a refund" }).click();
    const refundForm = page.getByRole("form", { name: "Request a refund" });
    await refundForm.getByLabel("Amount").fill("1.00");
    await refundForm.getByLabel("Reason").fill("The lid is scratched");
    await refundForm.getByRole("button", { name: "Request refund" }).click();
    await expect(page.getByText("Refund requested. We will let you know.")).toBeVisible();
    const refunds = page.getByRole("list", { name: "Refunds" });
    await expect(refunds).toContainText("Requested");

    const sectionData = await trpcQuery<{ refunds: { id: string; refundSn: string }[] }>(page.request, "payment.forOrder", { orderId: order.orderId });
    const refund = sectionData.refunds[0]!;

    await admin.goto(`${baseURL}/admin/refunds?refundSn=${refund.refundSn}`);
    await admin.getByRole("link", { name: refund.refundSn }).click();
    await expect(admin.getByRole("heading", { name: `Refund ${refund.refundSn}` })).toBeVisible();
    await admin.getByLabel("Note").fill("Photos checked");
    await admin.getByRole("button", { name: "Approve", exact: true }).click();
    // Money moves only after a confirmation that names the amount.
    const confirm = admin.getByRole("dialog", { name: `Approve refund ${refund.refundSn}` });
    await expect(confirm.getByTestId("confirm-amount")).toHaveText(/^¥[\d,]+\.\d{2}$/);
    await confirm.getByRole("button", { name: /^Approve and refund ¥/ }).click();
    // Once reviewed, the form gives way to the refund's new status.
    await expect(admin.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
    await expect(admin.getByRole("region", { name: "Log" })).toContainText("Approved → Processing");

    // The gateway settles after its delay and notifies the shop; the shopper's page refreshes itself.
    await expect(refunds).toContainText("Succeeded", { timeout: 45_000 });
    await expect(refunds).toContainText("Photos checked");
    await expect(page.getByRole("region", { name: "Payment", exact: true }).getByText("Partially refunded").first()).toBeVisible();
  } finally {
    await writePaymentSettings(admin.request, { refundDelaySeconds: before.refundDelaySeconds, refundFailurePercent: before.refundFailurePercent });
    await admin.context().close();
  }
});
