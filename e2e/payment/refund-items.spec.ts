import { expect, test } from "@playwright/test";
import { findProduct, shownMoney } from "../fixtures/api";
import { adminPage, payByApi, readPaymentSettings, trpcMutation, trpcQuery, writePaymentSettings } from "./payment-helpers";
import { signInRequest, uniqueEmail } from "../fixtures/auth";

test.describe.configure({ timeout: 120_000 });

type OrderDetail = {
  id: string;
  orderNo: string;
  payableTotalMinor: number;
  items: { id: string; productId: string; name: string; unitPriceMinor: number }[];
  shippingService: { carrierNameEn: string; serviceNameEn: string | null } | null;
};

test("[SHOP][REFUND] a shopper picks one of two items to refund; after the admin approves, the totals show Refunded and Net", async ({ page }) => {
  await page.goto("/");
  const admin = await adminPage(page);
  const before = await readPaymentSettings(admin.request);
  try {
    await writePaymentSettings(admin.request, { refundDelaySeconds: 1, refundFailurePercent: 0 });

    // A new shopper pays for an order of two items.
    const account = { email: uniqueEmail("refund-items"), name: "Item Refunder", password: "password123" };
    await trpcMutation(page.request, "auth.signUp", account);
    await signInRequest(page.request, account);
    const address = await trpcMutation<{ id: string }>(page.request, "address.create", {
      recipient: "李雷",
      phone: "13800005678",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文三路 2 号",
      isDefault: true,
    });
    const tea = await findProduct(page.request, "Longjing");
    const notebook = await findProduct(page.request, "Notebook");
    const placed = await trpcMutation<{ id: string }>(page.request, "order.checkout", {
      addressId: address.id,
      items: [
        { productId: tea.id, quantity: 1 },
        { productId: notebook.id, quantity: 1 },
      ],
    });
    await payByApi(page.request, placed.id);
    const order = await trpcQuery<OrderDetail>(page.request, "order.byId", { id: placed.id });

    await page.goto(`/orders/${order.id}`);
    // The carrier and service bought, by name.
    expect(order.shippingService).not.toBeNull();
    await expect(page.getByTestId("order-delivery")).toContainText(order.shippingService!.carrierNameEn);
    if (order.shippingService!.serviceNameEn) await expect(page.getByTestId("order-delivery")).toContainText(order.shippingService!.serviceNameEn);
    await expect(page.getByTestId("order-refunded")).toHaveCount(0);

    // The form opens from its button; picking the tea computes the amount from what was paid for it.
    await expect(page.getByRole("form", { name: "Request a refund" })).toHaveCount(0);
    await page.getByRole("button", { name: "Request a refund" }).click();
    const form = page.getByRole("form", { name: "Request a refund" });
    await form.getByRole("checkbox", { name: new RegExp(tea.name) }).check();
    await expect(form.getByLabel("Amount")).toHaveValue((tea.priceMinor / 100).toFixed(2));
    // More than the items are worth is refused before anything is sent.
    await form.getByLabel("Amount").fill(((tea.priceMinor + 100) / 100).toFixed(2));
    await form.getByLabel("Reason").fill("The tin arrived dented");
    await form.getByRole("button", { name: "Request refund" }).click();
    await expect(form.getByText(`At most ${shownMoney(tea.priceMinor)} for these items.`)).toBeVisible();
    await form.getByRole("checkbox", { name: new RegExp(tea.name) }).uncheck();
    await form.getByRole("checkbox", { name: new RegExp(tea.name) }).check();
    await expect(form.getByLabel("Amount")).toHaveValue((tea.priceMinor / 100).toFixed(2));
    await form.getByRole("button", { name: "Request refund" }).click();
    await expect(page.getByText("Refund requested. We will let you know.")).toBeVisible();

    // Requested: the amount is held, nothing has come back yet.
    await expect(page.getByTestId("order-refund-pending")).toHaveText(shownMoney(tea.priceMinor));
    await expect(page.getByTestId("order-net")).toHaveText(shownMoney(order.payableTotalMinor));
    const refunds = page.getByRole("list", { name: "Refunds" });
    await expect(refunds).toContainText(`${tea.name} × 1`);
    const section = await trpcQuery<{ refunds: { id: string; refundSn: string; items: { orderItemId: string; quantity: number }[] }[] }>(page.request, "payment.forOrder", { orderId: order.id });
    const refund = section.refunds[0]!;
    expect(refund.items).toEqual([expect.objectContaining({ orderItemId: order.items.find((i) => i.productId === tea.id)!.id, quantity: 1 })]);

    // The admin approves; once the money is back the page shows Refunded and Net by itself.
    await trpcMutation(admin.request, "adminPayment.refunds.approve", { refundId: refund.id, note: "Photos checked" });
    await expect(refunds).toContainText("Succeeded", { timeout: 45_000 });
    await expect(page.getByTestId("order-refunded")).toHaveText(`−${shownMoney(tea.priceMinor)}`);
    await expect(page.getByTestId("order-net")).toHaveText(shownMoney(order.payableTotalMinor - tea.priceMinor));
    await expect(page.getByTestId("order-refund-pending")).toHaveCount(0);
    const history = page.getByRole("region", { name: "Status history" });
    await expect(history).toContainText(`Refund ${refund.refundSn} requested: ${shownMoney(tea.priceMinor)}`);
    await expect(history).toContainText(`Refund ${refund.refundSn} completed: ${shownMoney(tea.priceMinor)} returned`);

    // Only the notebook is left to refund.
    await page.getByRole("button", { name: "Request a refund" }).click();
    await expect(form.getByRole("checkbox", { name: new RegExp(tea.name) })).toHaveCount(0);
    await expect(form.getByRole("checkbox", { name: new RegExp(notebook.name) })).toBeVisible();

    // On a 390 px phone the totals come before the refund form and the items.
    await page.setViewportSize({ width: 390, height: 844 });
    const totalsTop = (await page.getByRole("region", { name: "Totals" }).boundingBox())!.y;
    expect(totalsTop).toBeLessThan((await page.getByRole("region", { name: "Payment", exact: true }).boundingBox())!.y);
    expect(totalsTop).toBeLessThan((await page.getByRole("region", { name: "Items" }).boundingBox())!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await writePaymentSettings(admin.request, { refundDelaySeconds: before.refundDelaySeconds, refundFailurePercent: before.refundFailurePercent });
    await admin.context().close();
  }
});
